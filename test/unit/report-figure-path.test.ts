import { describe, expect, it } from 'vitest';
import { createI18n } from '../../electron/api/i18n';
import { readableFigurePath } from '../../renderer/src/screens/reports/figure-path';

describe('a changed figure of an issued report, as the banner names it', () => {
  const path = 'kota[Kota Administrasi Jakarta Pusat].items[Paket sembako].realised';

  it('translates keys and keeps names, dots in names included', () => {
    expect(readableFigurePath(path, createI18n('id').t)).toBe('Kota › Kota Administrasi Jakarta Pusat › Barang › Paket sembako › terealisasi');
    expect(readableFigurePath(path, createI18n('en').t)).toBe('City › Kota Administrasi Jakarta Pusat › Item › Paket sembako › realised');
    expect(readableFigurePath('programs[Pangan].topCollaborators[PT. Sinar Jaya Tbk.].rupiahRealised', createI18n('id').t)).toBe(
      'Program › Pangan › 10 kolaborator teratas › PT. Sinar Jaya Tbk. › Rupiah terealisasi',
    );
  });

  it('shows a key it has no word for as it is', () => {
    expect(readableFigurePath('totals.somethingNew', createI18n('id').t)).toBe('Jumlah › somethingNew');
  });
});
