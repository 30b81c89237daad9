// `import-100k`: a 100,000-row messy distributions workbook (title rows, renamed headers, numbers
// as text in three notations, dates in five, kota abbreviations, RW written every way, a totals
// row, a few bad rows) imported end to end by `ksbb import` — worker read and parse, checks against
// the database, one-transaction commit — against a raw SheetJS parse of the same bytes plus a raw
// prepared INSERT of as many rows in one transaction. Target: ratio ≤ 2.0, peak RSS of the
// import's process under 1 GiB.
// BENCH_ROWS overrides the row count. The workbook is made in a temporary folder, never committed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import * as XLSX from 'xlsx';
import { createDemoData } from '../../electron/core/demo/generate';
import { openCore } from '../../electron/core/open';
import { createRandom } from '../../electron/core/demo/random';
import { writeScenario } from '../fixtures/imports/scenarios';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ksbb-bench-'));
const open = (name: string) =>
  openCore(
    { databasePath: join(dir, name), documentsDir: join(dir, 'documents'), migrationsDir: join(root, 'db', 'migrations'), resourcesDir: join(root, 'resources') },
    { appVersion: 'bench', actor: 'bench', clock: { now: () => new Date('2024-03-15T08:00:00Z') } },
  );

const HEADER = ['No', 'Tgl Penyaluran', 'Donatur', 'Melalui', 'Bidang', 'Bantuan', 'Qty', 'Sat', 'Nilai', 'Wilayah Kota', 'Kec.', 'Kel.', 'No RW', 'Sasaran', 'Nama Penerima', 'Ket'];

/** The messy workbook: the registry's partners and places, written the ways submitters write them. */
function messyWorkbook(core: ReturnType<typeof open>): Buffer {
  const client = core.deps.db.$client;
  const collaborators = client.prepare<[], string>('SELECT name FROM partner WHERE is_collaborator = 1 ORDER BY id LIMIT 150').pluck().all();
  const aggregators = client.prepare<[], string>('SELECT name FROM partner WHERE is_aggregator = 1 ORDER BY id').pluck().all();
  const places = client
    .prepare<[], { kota: string; kecamatan: string; kelurahan: string }>(
      `SELECT kota.name AS kota, kec.name AS kecamatan, kel.name AS kelurahan FROM region kel
       JOIN region kec ON kec.code = kel.parent_code JOIN region kota ON kota.code = kec.parent_code
       WHERE kel.level = 'kelurahan' AND kota.code <> '31.01' ORDER BY kel.code`,
    )
    .all();
  const random = createRandom(7);
  const abbreviations: Record<string, string> = { Pusat: 'pus', Utara: 'ut', Barat: 'bar', Selatan: 'sel', Timur: 'tim' };
  const kotaForms = (name: string) => {
    const short = name.replace(/^Kota Administrasi /, '');
    const side = abbreviations[short.split(' ')[1] ?? ''] ?? '';
    return [short, short.toUpperCase(), `Kota Adm. ${short}`, `Jak${side}`, `Jak-${side.charAt(0).toUpperCase()}${side.slice(1)}`];
  };
  const items = [
    ['Pangan', 'Sembako', 'paket', 250_000],
    ['Pangan', 'Paket Makan Siap Saji', 'paket', 25_000],
    ['Pendidikan', 'gawai pelajar', 'unit', 1_500_000],
    ['Permukiman', 'Tanaman', 'batang', 50_000],
  ] as const;
  const dateText = (day: Date) => {
    const d = String(day.getUTCDate()).padStart(2, '0');
    const m = String(day.getUTCMonth() + 1).padStart(2, '0');
    const y = day.getUTCFullYear();
    const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
    return random.pick([`${d}/${m}/${y}`, `${d}-${m}-${y}`, `${y}-${m}-${d}`, `${Number(d)} ${months[day.getUTCMonth()]} ${y}`, `${d} ${(months[day.getUTCMonth()] ?? '').slice(0, 3)} ${y}`]);
  };
  const numberText = (n: number) => random.pick([String(n), n.toLocaleString('id-ID'), `${n.toLocaleString('id-ID')},00`]);
  const aoa: (string | number | null)[][] = [['LAPORAN REALISASI PENYALURAN BANTUAN KSBB'], ['Periode 2020–2021'], [], HEADER];
  for (let i = 0; i < rows; i++) {
    const place = random.pick(places);
    const [program, item, unit, price] = random.pick(items);
    const quantity = random.int(1, 500);
    const day = new Date(Date.UTC(2020, 3, 22) + random.int(0, 600) * 86_400_000);
    const via = random.chance(0.3) ? random.pick(aggregators) : null;
    const bad = random.chance(0.01);
    aoa.push([
      i + 1,
      bad ? '31/02/2021' : dateText(day),
      random.pick(collaborators),
      via,
      program,
      item,
      random.chance(0.5) ? quantity : numberText(quantity),
      unit,
      random.chance(0.5) ? quantity * price : `Rp ${numberText(quantity * price)}`,
      random.pick(kotaForms(place.kota)),
      random.chance(0.5) ? place.kecamatan : place.kecamatan.toUpperCase(),
      place.kelurahan,
      random.pick([`${random.int(1, 12)}`, `0${random.int(1, 9)}`, `RW ${String(random.int(1, 12)).padStart(2, '0')}`, `RW.00${random.int(1, 9)}`, `RW 005/ RT 00${random.int(1, 9)}`]),
      'RW',
      null,
      random.chance(0.1) ? 'penyaluran tahap 2' : null,
    ]);
  }
  aoa.push([], [null, 'TOTAL', null, null, null, null, rows]);
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(aoa), 'Realisasi');
  return XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

async function seconds(work: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

try {
  const registry = open('registry.sqlite');
  createDemoData(registry.deps, 'bench', { seed: 1, partners: 200, pledges: 0, distributions: 0 });
  const path = writeScenario(dir, 'realisasi-100k.xlsx', messyWorkbook(registry));
  registry.close();
  const bytes = readFileSync(path);

  // Raw baseline: SheetJS parses the same bytes; one prepared statement inserts as many
  // distributions of the same shape (a hashed natural key included, as every imported row has one)
  // into a database like the import's, in one transaction.
  const raw = open('raw.sqlite');
  createDemoData(raw.deps, 'bench', { seed: 1, partners: 200, pledges: 0, distributions: 0 });
  const client = raw.deps.db.$client;
  const partners = client.prepare<[], string>('SELECT id FROM partner WHERE is_collaborator = 1').pluck().all();
  const targets = client.prepare<[], { id: string; region_code: string }>('SELECT id, region_code FROM target').all();
  const batch = client.prepare<[], string>('SELECT id FROM import_batch').pluck().get();
  let parsedRows = 0;
  const parseSeconds = await seconds(() => {
    const workbook = XLSX.read(bytes, { dense: true });
    const sheet = workbook.Sheets[workbook.SheetNames[0] as string];
    parsedRows = XLSX.utils.sheet_to_json<unknown[]>(sheet as XLSX.WorkSheet, { header: 1 }).length;
  });
  const insert = client.prepare(
    `INSERT INTO distribution (id, created_at, hlc, deleted_at, partner_id, aggregator_id, item_type_id, quantity, value_rupiah,
       target_id, region_code, distributed_on, verification_status, notes, natural_key, import_batch_id, source_row, created_by)
     VALUES (?, ?, ?, NULL, ?, NULL, 'pangan.paket-sembako', ?, ?, ?, ?, '2020-05-01', 'dilaporkan', NULL, ?, ?, ?, 'bench')`,
  );
  const createdAt = new Date().toISOString();
  const insertSeconds = await seconds(() =>
    client.transaction(() => {
      for (let i = 0; i < rows; i++) {
        const target = targets[i % targets.length] as { id: string; region_code: string };
        const naturalKey = createHash('sha256').update(String(i)).digest('hex').slice(0, 40);
        insert.run(uuidv7(), createdAt, 'h', partners[i % partners.length], 100, 25_000_000, target.id, target.region_code, naturalKey, batch, i + 5);
      }
    })(),
  );
  raw.close();

  // End to end: `ksbb import FILE --json` in its own process (start, database open, worker read
  // and parse, checks, one-transaction commit), which reports its own peak RSS as it exits.
  const core = open('import.sqlite');
  createDemoData(core.deps, 'bench', { seed: 1, partners: 200, pledges: 0, distributions: 0 });
  core.close();
  const reportPeak = `data:text/javascript,process.on('exit', () => process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'))`;
  let run: ReturnType<typeof spawnSync> | undefined;
  const importSeconds = await seconds(() => {
    run = spawnSync(process.execPath, ['--import', reportPeak, join(root, 'bin', 'ksbb.js'), '--db', join(dir, 'import.sqlite'), 'import', path, '--json'], {
      env: { ...process.env, KSBB_NOW: '2024-03-15T08:00:00Z' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  });
  const stderr = String(run?.stderr ?? '');
  const peakKiB = Number(/maxrss (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  if (run?.status !== 0 && run?.status !== 1) throw new Error(`ksbb import failed (${run?.status}): ${stderr}`);
  const outcome = JSON.parse(String(run.stdout)) as { accepted?: number; rejected: number; duplicates: number };
  if (outcome.accepted === undefined) throw new Error(`ksbb import answered no counts: ${String(run.stdout).slice(0, 1000)} ${stderr}`);

  const baseline = parseSeconds + insertSeconds;
  const peakMiB = peakKiB / 1024;
  console.error(
    `import ${importSeconds.toFixed(2)} s (${outcome.accepted.toLocaleString('id-ID')} accepted, ${outcome.rejected} rejected, ${outcome.duplicates} duplicates); ` +
      `raw parse ${parseSeconds.toFixed(2)} s (${parsedRows.toLocaleString('id-ID')} sheet rows) + raw insert ${insertSeconds.toFixed(2)} s; peak RSS ${peakMiB.toFixed(0)} MiB (target < 1024)`,
  );
  console.log(`import-100k: ${(importSeconds / baseline).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
