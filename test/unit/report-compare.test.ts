import { describe, expect, it } from 'vitest';
import type { FestivalReport } from '../../electron/api/procedures/reports';
import { compareFigures } from '../../electron/core/reports/compare';
import { summarySentences } from '../../electron/core/reports/template';

/** A small report: one program with one item, one kota; enough to see sentences and differences. */
function report(overrides: { realised?: number; lang?: 'id' | 'en'; aggregators?: number; targets?: number } = {}): FestivalReport {
  const realised = overrides.realised ?? 1_200;
  const item = {
    itemTypeId: 'pangan.paket-sembako', itemType: 'Paket sembako', unit: 'paket', measure: 'quantity' as const,
    collaborators: 3, aggregators: 1, targets: 2, need: 0, pledged: 64_464, realised, coverage: null, rupiahPledged: 0, rupiahRealised: 0,
  };
  const thr = { ...item, itemTypeId: 'pangan.thr', itemType: 'Paket THR', pledged: 2_344, realised: 0 };
  return {
    params: { from: '2021-01-01', to: '2021-12-31', year: 2021, programIds: [], lang: overrides.lang ?? 'id', basis: 'dilaporkan' },
    generatedAt: '2024-03-15T08:30:00.000Z',
    secretariat: 'Sekretariat',
    empty: false,
    programs: [
      {
        programId: 'pangan', program: 'Pangan', agency: 'DKPKP', collaborators: 126, aggregators: overrides.aggregators ?? 9, targets: overrides.targets ?? 0,
        rupiahPledged: 0, rupiahRealised: 0, rupiahTransferred: 0, distributions: 10, items: [item, thr], topCollaborators: [], otherCollaborators: null, transfers: [],
      },
    ],
    totals: { collaborators: 126, aggregators: 9, targets: 0, distributions: 10, rupiahPledged: 0, rupiahRealised: 0, rupiahTransferred: 0, kota: 1, kecamatan: 1, kelurahan: 2, rw: 3 },
    wilayah: { kota: [], kecamatan: [], map: null },
    acknowledgements: [],
    notes: { basis: 'dilaporkan', sources: [], typedRecords: 0, importedRecords: 10, rowsRejectedAtImport: 0, distributionsRejected: 0, distributionsRejectedNotResubmitted: 0, distributionsNotVerified: 0, unverifiedPartners: [], openConflicts: 0 },
  };
}

describe('the Ringkasan is composed from the figures', () => {
  it('in Indonesian with id-ID numbers, item names as words', () => {
    const [, , pangan] = summarySentences(report());
    expect(pangan).toBe('Program Pangan menghimpun komitmen 64.464 paket sembako dan 2.344 paket THR dari 126 kolaborator melalui 9 agregator. Yang telah tersalurkan: 1.200 paket sembako.');
  });

  it('in English, numbers still id-ID; no "through 0 aggregators", the recipients when there are some', () => {
    const [, , pangan] = summarySentences(report({ lang: 'en', aggregators: 0, targets: 4 }));
    expect(pangan).toBe('The Pangan program gathered pledges of 64.464 paket sembako and 2.344 paket THR from 126 collaborators. Delivered so far: 1.200 paket sembako to 4 recipients.');
  });
});

describe('what changed since a report was issued', () => {
  it('names each changed figure by program and item, issued → now', () => {
    const { changes, moreChanges } = compareFigures(report(), report({ realised: 1_250 }));
    expect(changes).toEqual([{ path: 'programs[Pangan].items[Paket sembako].realised', issued: 1_200, now: 1_250 }]);
    expect(moreChanges).toBe(0);
  });

  it('is empty for the same figures computed at another time', () => {
    expect(compareFigures(report(), { ...report(), generatedAt: '2025-01-01T00:00:00.000Z', secretariat: 'Another' }).changes).toEqual([]);
  });
});
