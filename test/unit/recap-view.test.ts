import { describe, expect, it } from 'vitest';
import { parseRecapView, recapPathPattern, type RecapView, recapViewHref } from '../../renderer/src/screens/recaps/recap-view';

function parse(hash: string): RecapView | null {
  const match = recapPathPattern.exec(hash);
  return match ? parseRecapView(match) : null;
}

describe('the Rekap view in the address', () => {
  it('reads the tab, the wilayah drilled into and every filter', () => {
    expect(parse('#/rekap/wilayah/31.71.01?dari=2020-04-24&sampai=2020-05-02&program=pangan&jenis=pangan.paket-sembako&skpd=dkpkp&kanal=agregator')).toEqual({
      tab: 'wilayah',
      parentCode: '31.71.01',
      filters: { from: '2020-04-24', to: '2020-05-02', programId: 'pangan', itemTypeId: 'pangan.paket-sembako', agencyId: 'dkpkp', channel: 'aggregator' },
    });
    expect(parse('#/rekap')).toEqual({ tab: 'program', parentCode: null, filters: {} });
    expect(parse('#/rekap/tumpang-tindih?kanal=langsung')).toEqual({ tab: 'overlap', parentCode: null, filters: { channel: 'end-to-end' } });
    expect(parse('#/rekap/belum-terlayani')?.tab).toBe('unserved');
    expect(parse('#/rekapan')).toBeNull();
  });

  it('writes what it reads', () => {
    for (const hash of ['#/rekap', '#/rekap/wilayah', '#/rekap/wilayah/31.71?program=pangan', '#/rekap/tumpang-tindih?dari=2020-04-24&kanal=agregator']) {
      const view = parse(hash);
      expect(view && recapViewHref(view)).toBe(hash);
    }
  });

  it('leaves out what is not valid instead of sending it to the API', () => {
    expect(parse('#/rekap?dari=24/04/2020&sampai=2020-02-30&mitra=bukan-uuid&kanal=semua')?.filters).toEqual({});
    // A reversed period keeps its start; the end is dropped.
    expect(parse('#/rekap?dari=2020-05-02&sampai=2020-04-24')?.filters).toEqual({ from: '2020-05-02' });
    // Only the wilayah tab drills, and only into a Kemendagri code below the province.
    expect(parse('#/rekap/wilayah/31')?.parentCode).toBeNull();
    expect(parse('#/rekap/wilayah/32.01')?.parentCode).toBeNull();
  });

  it('drops the wilayah when leaving the wilayah tab', () => {
    expect(recapViewHref({ tab: 'program', parentCode: '31.71', filters: { programId: 'umkm' } })).toBe('#/rekap?program=umkm');
  });
});
