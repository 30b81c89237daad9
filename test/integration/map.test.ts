import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapClassFills, mapNoDataFill } from '../../electron/api/map-style';
import { createDemoData } from '../../electron/core/demo/generate';
import type { MapModel } from '../../electron/api/procedures/map';
import { renderMapSvg } from '../../electron/core/map/svg';
import type { OpenedCore } from '../../electron/core/open';
import { apiOf } from '../fixtures/api';
import { putDistribution, seedRecapScenario } from '../fixtures/recaps';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

// Figures worked out by hand from seedRecapScenario (test/fixtures/recaps.ts): in kelurahan kel1
// (31.71.01.1001) 170 paket sembako were realised (60 + 70 to T1 in RW 001, 40 to T3 in RW 002)
// against a need of 150; T1 got them from A and via aggregator G, 130 > its need of 100: one
// overlap. Kelurahan kel2 (31.72.01.1001) got paket makan and a training, no sembako.
let t: TempDb;
let core: OpenedCore;
let api: ReturnType<typeof apiOf>;
let s: ReturnType<typeof seedRecapScenario>;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
  api = apiOf(core);
  s = seedRecapScenario(core);
});
afterEach(() => t.cleanup());

const feature = (model: MapModel, code: string) => {
  const found = model.features.find((f) => f.code === code);
  if (!found) throw new Error(`no feature ${code}`);
  return found;
};

describe('map model', () => {
  it('joins every wilayah of the recap to a boundary, at every level', async () => {
    for (const level of ['kelurahan', 'kecamatan', 'kota'] as const) {
      const recap = await api.ok('recap:wilayah', { level });
      const model = await api.ok('map:model', { measure: 'realised', level });
      expect(model.features.map((f) => f.code)).toEqual(recap.rows.map((r) => r.code));
      expect(model.features.every((f) => f.d.startsWith('M'))).toBe(true);
    }
  });

  it('fails loudly on a wilayah without a boundary', async () => {
    core.deps.db.$client.prepare("INSERT INTO region (code, level, name, parent_code) VALUES ('31.71.01.1999', 'kelurahan', 'Kelurahan Tanpa Peta', '31.71.01')").run();
    const error = await api.fail('map:model', { measure: 'realised' });
    expect(error.code).toBe('map_region_without_geometry');
    expect(error.message).toContain('31.71.01.1999 (Kelurahan Tanpa Peta)');
  });

  it('maps realised quantity of the most delivered item type, RW rolled up into their kelurahan, with every figure', async () => {
    core.deps.db.$client.prepare('UPDATE target SET vulnerable_families = ? WHERE id = ?').run(40, s.T1);
    core.deps.db.$client.prepare('UPDATE target SET vulnerable_families = ? WHERE id = ?').run(60, s.T3);
    const model = await api.ok('map:model', { measure: 'realised' });
    expect(model.item).toEqual({ itemTypeId: 'pangan.paket-sembako', itemType: 'Paket sembako', program: 'Pangan', unit: 'paket' });
    expect(model.title).toBe('Realisasi Paket sembako (paket) per kelurahan');
    expect(feature(model, s.kel1)).toMatchObject({
      name: 'Gambir',
      kecamatan: 'Gambir',
      kota: 'Kota Administrasi Jakarta Pusat',
      value: 170,
      figures: { realised: 170, need: 150, coverage: 170 / 150, openNeed: 0, families: 100, realisedPerFamily: 1.7, partners: 3, aggregators: 1, overlap: 1 },
    });
    expect(feature(model, s.kel2).figures).toMatchObject({ realised: 0, need: 0, coverage: null, openNeed: null, families: null, partners: 3, overlap: 0 });
    expect(model.legend).toEqual([
      { classIndex: 0, fill: mapClassFills[0], label: '0', from: 0, to: 170, count: 266 },
      { classIndex: 1, fill: mapClassFills[4], label: '170', from: 170, to: null, count: 1 },
    ]);
    expect(model.totals).toMatchObject({ realised: 170, need: 150, overlap: 1, families: 100, partners: 3 });
  });

  it('maps coverage in fixed classes, with no data where no need is recorded, for the item type of the filter', async () => {
    const model = await api.ok('map:model', { measure: 'coverage', filters: { itemTypeId: 'pangan.paket-makan-siap-saji' } });
    expect(model.classification).toBe('fixed');
    expect(model.legend.map((l) => [l.label, l.count])).toEqual([
      ['< 25%', 0],
      ['25% – 50%', 0],
      ['50% – 75%', 0],
      ['75% – 100%', 1],
      ['≥ 100%', 0],
    ]);
    expect(feature(model, s.kel2)).toMatchObject({ value: 25 / 30, classIndex: 3 });
    expect(model.features.filter((f) => f.value === null)).toHaveLength(266);
    expect(model.unit).toBe('% kebutuhan');
  });

  it('aggregates to kecamatan and kota, partners counted once per wilayah, with the coarser outlines', async () => {
    const kecamatan = await api.ok('map:model', { measure: 'partners', level: 'kecamatan' });
    expect(kecamatan.features).toHaveLength(44);
    expect(feature(kecamatan, '31.71.01')).toMatchObject({ kecamatan: 'Gambir', kota: 'Kota Administrasi Jakarta Pusat', value: 3 });
    expect(kecamatan.outlines.filter((o) => o.level === 'kecamatan')).toHaveLength(42);
    const kota = await api.ok('map:model', { measure: 'partners', level: 'kota' });
    expect(kota.features.map((f) => [f.code, f.value])).toEqual([
      ['31.01', 0],
      ['31.71', 3],
      ['31.72', 3],
      ['31.73', 0],
      ['31.74', 0],
      ['31.75', 0],
    ]);
    expect(kota.outlines.map((o) => o.level)).toEqual(['kota', 'kota', 'kota', 'kota', 'kota']);
    // A kota is drawn as the union of its kelurahan paths.
    const kelurahan = await api.ok('map:model', { measure: 'partners' });
    expect(feature(kota, '31.71').d).toBe(kelurahan.features.filter((f) => f.code.startsWith('31.71.')).map((f) => f.d).join(''));
    expect(feature(kota, '31.01').inInset).toBe(true);
  });

  it('counts overlap places per kelurahan as the overlap list has them', async () => {
    const model = await api.ok('map:model', { measure: 'overlap' });
    expect(model.features.filter((f) => (f.value ?? 0) > 0).map((f) => [f.code, f.value])).toEqual([[s.kel1, 1]]);
    const none = await api.ok('map:model', { measure: 'overlap', filters: { from: '2020-05-01' } });
    expect(none.features.every((f) => f.value === 0)).toBe(true);
    expect(none.legend.map((l) => l.label)).toEqual(['0']);
  });

  it('switches measure from the remembered figures, and notices a write', async () => {
    const realised = await api.ok('map:model', { measure: 'realised' });
    const partners = await api.ok('map:model', { measure: 'partners' });
    expect(partners.features.map((f) => f.figures)).toEqual(realised.features.map((f) => f.figures));
    // A write goes through the journal; here straight into the table, so say so the way a write would.
    putDistribution(core, { partnerId: s.C, itemTypeId: 'pangan.paket-sembako', quantity: 5, targetId: s.T3, regionCode: s.rw2, date: '2020-04-30' });
    core.deps.db.$client.prepare("INSERT INTO audit_log (at, actor, action, table_name, record_id, changes, prev_hash, hash) VALUES ('x', 'x', 'create', 'distribution', 'x', '{}', 'x', 'x')").run();
    expect(feature(await api.ok('map:model', { measure: 'realised' }), s.kel1).value).toBe(175);
  });

  it('draws the model as a standalone SVG: 267 kelurahan paths in their class colours, titled, with the legend', async () => {
    const model = await api.ok('map:model', { measure: 'coverage', filters: { programId: 'pangan' } });
    const svg = renderMapSvg(model, { lang: 'id' });
    const paths = [...svg.matchAll(/<path d="[^"]+" fill="(#[0-9a-f]{6})"[^>]*data-code="([0-9.]+)"><title>([^<]*)<\/title>/g)];
    expect(paths).toHaveLength(267);
    const fills = new Map(paths.map((m) => [m[2], m[1]]));
    expect(fills.get(s.kel1)).toBe(mapClassFills[4]);
    expect([...fills.values()].filter((f) => f === mapNoDataFill)).toHaveLength(266);
    expect(paths.find((m) => m[2] === s.kel1)?.[3]).toContain('Kelurahan Gambir, Kec. Gambir, Kota Administrasi Jakarta Pusat: Realisasi 170 paket · kebutuhan 150 · cakupan 113,3%');
    expect(svg).toContain('<title id="map-title">Cakupan kebutuhan Paket sembako (paket) per kelurahan</title>');
    expect(svg).toContain('>Kepulauan Seribu</text>');
    for (const label of ['% kebutuhan', '&lt; 25%', '≥ 100%', 'Tidak ada data']) expect(svg).toContain(`>${label}</text>`);
    expect(svg.match(/data-outline="/g)).toHaveLength(47);
    const inEnglish = await api.call('map:model', { measure: 'coverage', filters: { programId: 'pangan' } }, 'en');
    if (!inEnglish.ok) throw new Error(inEnglish.error.message);
    const english = renderMapSvg(inEnglish.value, { lang: 'en', title: false });
    expect(english).toContain('<title id="map-title">Need coverage Paket sembako (paket) per kelurahan</title>');
    expect(english).toContain('>No data</text>');
    expect(english).toContain('Kelurahan Gambir, Gambir district, Kota Administrasi Jakarta Pusat: Realised 170 paket');
    expect(english).not.toContain('font-size="16" font-weight="bold"');
  });

  it('hands the same drawing out as a file: map:image as SVG and as PNG', async () => {
    const input = { measure: 'coverage', level: 'kecamatan', filters: { programId: 'pangan', channel: 'all' } } as const;
    const svg = await api.ok('map:image', { ...input, format: 'svg' });
    expect(svg.fileName).toBe('peta-coverage-kecamatan.svg');
    expect(Buffer.from(svg.contentBase64, 'base64').toString('utf8')).toBe(renderMapSvg(await api.ok('map:model', input), { lang: 'id' }));
    const png = await api.ok('map:image', { ...input, format: 'png' });
    expect(png.fileName).toBe('peta-coverage-kecamatan.png');
    expect(Buffer.from(png.contentBase64, 'base64').subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });
});

describe('map model over demo data', () => {
  it('has the overlap list, the recap and the keluarga rentan of every kelurahan, with classes holding every feature', async () => {
    const demo = createTempDb();
    try {
      const opened = demo.open();
      createDemoData(opened.deps, 'test', { seed: 7, partners: 60, pledges: 300, distributions: 3000 });
      const demoApi = apiOf(opened);
      const model = await demoApi.ok('map:model', { measure: 'overlap' });
      const expected = new Map<string, number>();
      let total = 0;
      for (let offset = 0; offset === 0 || offset < total; offset += 500) {
        const page = await demoApi.ok('recap:overlap', { offset, limit: 500 });
        total = page.total;
        for (const row of page.rows) expected.set(row.regionCode.slice(0, 13), (expected.get(row.regionCode.slice(0, 13)) ?? 0) + 1);
      }
      expect(total).toBeGreaterThan(0);
      expect(new Map(model.features.filter((f) => f.figures.overlap > 0).map((f) => [f.code, f.figures.overlap]))).toEqual(expected);
      expect(model.totals.overlap).toBe(total);

      const recap = await demoApi.ok('recap:wilayah', { level: 'kelurahan' });
      const item = model.item?.itemTypeId;
      for (const f of model.features) {
        const row = recap.rows.find((r) => r.code === f.code);
        expect(f.figures.partners).toBe(row?.collaborators);
        expect(f.figures.realised).toBe(row?.items.find((i) => i.itemTypeId === item)?.realised ?? 0);
      }
      const families = opened.deps.db.$client
        .prepare('SELECT substr(region_code, 1, 13) AS code, sum(vulnerable_families) AS n FROM target WHERE vulnerable_families IS NOT NULL GROUP BY 1')
        .all() as { code: string; n: number }[];
      expect(families.length).toBeGreaterThan(0);
      for (const { code, n } of families) expect(model.features.find((f) => f.code === code)?.figures.families).toBe(n);
      expect(model.legend.reduce((sum, l) => sum + l.count, 0)).toBe(267);
    } finally {
      demo.cleanup();
    }
  });
});
