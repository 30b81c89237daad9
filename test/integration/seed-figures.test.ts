import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../electron/api/contract';
import { apiOf } from '../fixtures/api';
import { runKsbb } from '../fixtures/cli';
import { importSeedWorkbooks } from '../fixtures/seeds/import';
import { createTempDb, FIXED_NOW, type TempDb } from '../fixtures/temp-db';

/**
 * Acceptance (issue 6): the workbooks of test/fixtures/seeds (written from the news reports in
 * ../shared/seeds by its generator) are imported through `ksbb import`, and the recaps give every
 * published figure back. The figures below are typed from the news, never computed here.
 */

type RecapJson = {
  by: string;
  rows: { code: string; name: string; collaborators: number; aggregators: number; targets: number; items: { program: string; itemType: string; unit: string; need: number; pledged: number; realised: number }[] }[];
  totals: { collaborators: number; aggregators: number; kota: number; kecamatan: number; kelurahan: number; rw: number };
};

let temp: TempDb;
const env = () => ({ KSBB_NOW: FIXED_NOW, KSBB_DB: temp.paths.databasePath });

async function recap(args: string[]): Promise<RecapJson> {
  const run = await runKsbb(['recap', ...args, '--json'], env());
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as RecapJson;
}

function programRow(result: RecapJson, name: string) {
  const row = result.rows.find((r) => r.name === name);
  if (!row) throw new Error(`no recap row for ${name}`);
  return row;
}

function item(row: RecapJson['rows'][number], itemType: string) {
  const found = row.items.find((i) => i.itemType === itemType);
  if (!found) throw new Error(`no item ${itemType} in ${row.name}`);
  return found;
}

beforeAll(async () => {
  temp = createTempDb();
  await importSeedWorkbooks(temp, env());
}, 120_000);

afterAll(() => temp.cleanup());

describe('the first week of KSBB Pangan, 24 April – 2 May 2020 (INAnews, 3 May 2020)', () => {
  const week = ['--from', '2020-04-24', '--to', '2020-05-02', '--program', 'Pangan'];

  it('committed 40.913 paket sembako, 20.447 paket makanan siap saji and 9.015 paket lebaran', async () => {
    const pangan = programRow(await recap(['--by', 'program', ...week]), 'Pangan');
    expect(item(pangan, 'Paket sembako').pledged).toBe(40_913);
    expect(item(pangan, 'Paket makan siap saji').pledged).toBe(20_447);
    expect(item(pangan, 'Paket lebaran').pledged).toBe(9_015);
  });

  it('came from 22 donatur and agregator', async () => {
    const pangan = programRow(await recap(['--by', 'program', ...week]), 'Pangan');
    expect(pangan.collaborators + pangan.aggregators).toBe(22);
  });

  it('reached five kota, 69 kelurahan and 118 RW', async () => {
    const byKota = await recap(['--by', 'wilayah', '--level', 'kota', ...week]);
    expect(byKota.totals).toMatchObject({ kota: 5, kelurahan: 69, rw: 118 });
  });

  it('JNE (1 milyar) and PGRI SMP Jakarta (545 juta) handed money to BAZNAS/BAZIS DKI Jakarta', async () => {
    const core = temp.open();
    const api = apiOf(core);
    const found = await api.ok('recap:program', { filters: { from: '2020-04-24', to: '2020-05-02', programId: 'pangan', channel: 'all' } });
    const pangan = (found as Output<'recap:program'>).rows.find((r) => r.code === 'pangan');
    expect(pangan?.rupiahTransferred).toBe(1_000_000_000 + 545_000_000);
    core.close();
  });
});

describe('realised 24 April – 27 May 2020 (CoHive webinar)', () => {
  it('561.118 bantuan: 375.745 paket sembako, 154.411 makan siap saji, 28.618 paket lebaran, 2.344 paket THR', async () => {
    const pangan = programRow(await recap(['--by', 'program', '--program', 'Pangan', '--from', '2020-04-24', '--to', '2020-05-27']), 'Pangan');
    expect(item(pangan, 'Paket sembako').realised).toBe(375_745);
    expect(item(pangan, 'Paket makan siap saji').realised).toBe(154_411);
    expect(item(pangan, 'Paket lebaran').realised).toBe(28_618);
    expect(item(pangan, 'Paket THR').realised).toBe(2_344);
    expect(pangan.items.reduce((sum, i) => sum + i.realised, 0)).toBe(561_118);
  });
});

describe('the programme so far (TribunJakarta, November 2021)', () => {
  let all: RecapJson;
  beforeAll(async () => {
    all = await recap(['--by', 'program']);
  });

  it('Pangan: 126 donatur and 9 agregator committed 64.464 sembako, 174.948 makan siap saji, 33.687 lebaran and 2.344 THR', () => {
    const pangan = programRow(all, 'Pangan');
    expect({ collaborators: pangan.collaborators, aggregators: pangan.aggregators }).toEqual({ collaborators: 126, aggregators: 9 });
    expect(item(pangan, 'Paket sembako').pledged).toBe(64_464);
    expect(item(pangan, 'Paket makan siap saji').pledged).toBe(174_948);
    expect(item(pangan, 'Paket lebaran').pledged).toBe(33_687);
    expect(item(pangan, 'Paket THR').pledged).toBe(2_344);
  });

  it('UMKM: 197 co-creator and 10 agregator; 280 pelatihan and 59 sarana prasarana committed, permodalan to 16 UMKM', () => {
    const umkm = programRow(all, 'UMKM');
    expect({ collaborators: umkm.collaborators, aggregators: umkm.aggregators }).toEqual({ collaborators: 197, aggregators: 10 });
    expect(item(umkm, 'Pelatihan').pledged).toBe(280);
    expect(item(umkm, 'Sarana prasarana').pledged).toBe(59);
  });

  it('Pendidikan: 54 co-creator with 1.708 gawai pelajar, 188 laptop and 61.500 simcard', () => {
    const pendidikan = programRow(all, 'Pendidikan');
    expect(pendidikan.collaborators).toBe(54);
    expect(item(pendidikan, 'Gawai pelajar').realised).toBe(1_708);
    expect(item(pendidikan, 'Laptop/komputer pendidik').realised).toBe(188);
    expect(item(pendidikan, 'Simcard').realised).toBe(61_500);
  });

  it('Ketenagakerjaan: 38 co-creator, 55 kegiatan pelatihan since January 2021 with 2.404 peserta', async () => {
    const kerja = programRow(await recap(['--by', 'program', '--program', 'Ketenagakerjaan', '--from', '2021-01-01', '--to', '2021-11-24']), 'Ketenagakerjaan');
    expect(kerja.collaborators).toBe(38);
    expect(item(kerja, 'Kegiatan pelatihan').realised).toBe(55);
    expect(item(kerja, 'Peserta pelatihan').realised).toBe(2_404);
  });

  it('permodalan reached 16 UMKM', async () => {
    const core = temp.open();
    const found = await apiOf(core).ok('recap:program', { filters: { programId: 'umkm', itemTypeId: 'umkm.permodalan', channel: 'all' } });
    expect(found.rows.find((r) => r.code === 'umkm')?.targets).toBe(16);
    core.close();
  });
});
