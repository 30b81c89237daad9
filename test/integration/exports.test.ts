import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportTable } from '../../electron/core/exports/service';
import { verifyWorkbook } from '../../electron/core/exports/verify';
import type { OpenedCore } from '../../electron/core/open';
import { apiOf, TEST_USER } from '../fixtures/api';
import { seedRecapScenario } from '../fixtures/recaps';
import { seedAgreement, seedPartner } from '../fixtures/registry';
import { createTempDb, FIXED_NOW, TEST_APP_VERSION, type TempDb } from '../fixtures/temp-db';

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

const ctx = { actor: TEST_USER, lang: 'en' as const };
const exportOf = (kind: Parameters<typeof exportTable>[1]['kind'], format: 'xlsx' | 'csv' = 'xlsx') =>
  exportTable(core.deps, { kind, filters: { channel: 'all' }, format, parentCode: null }, ctx);

type Cell = XLSX.CellObject | undefined;
const read = (bytes: Buffer) => XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true });
const grid = (ws: XLSX.WorkSheet | undefined) => (ws?.['!data'] ?? []) as Cell[][];
/** Reads the workbook, lets `change` edit it as a spreadsheet program would, and writes it again. */
function edited(bytes: Buffer, change: (wb: XLSX.WorkBook) => void): Buffer {
  const wb = read(bytes);
  change(wb);
  // SheetJS reads an empty row as a hole in a dense sheet, then cannot write the hole back.
  for (const name of wb.SheetNames) {
    const data = grid(wb.Sheets[name]);
    for (let r = 0; r < data.length; r++) data[r] ??= [];
  }
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
const setRef = (ws: XLSX.WorkSheet) => {
  const data = grid(ws);
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: data.length - 1, c: Math.max(...data.map((r) => (r ?? []).length)) - 1 } });
};
function sheetXml(bytes: Buffer, index: number): string {
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  const entry = XLSX.CFB.find(zip, `/xl/worksheets/sheet${index}.xml`) as { content: Uint8Array };
  return Buffer.from(entry.content).toString('utf8');
}

describe('workbook export', () => {
  it('writes Indonesian headers, real numbers with formats, dates, widths, an autofilter and a frozen header', () => {
    const file = exportOf('distributions');
    expect(file.fileName).toBe('ksbb-distributions-20240315-083000.xlsx');
    expect(file.rows).toBe(6); // the deleted one left out; the rejected one listed with its status
    const wb = read(file.bytes);
    expect(wb.SheetNames).toEqual(['Realisasi', 'Manifest', 'KSBB_Integritas']);
    expect(wb.Workbook?.Sheets?.map((sh) => sh.Hidden ?? 0)).toEqual([0, 0, 2]);
    const data = grid(wb.Sheets.Realisasi);
    expect(data[0]?.map((c) => c?.v)).toEqual([
      'ID', 'Tanggal realisasi', 'Kolaborator', 'Agregator', 'Program', 'Jenis bantuan', 'Satuan', 'Jumlah', 'Nilai (Rp)', 'Sasaran',
      'Kode wilayah', 'Wilayah', 'Status verifikasi', 'Batch impor', 'Berkas impor', 'Baris sumber', 'Dicatat oleh',
    ]);
    const first = data[1] ?? [];
    expect(first[1]).toMatchObject({ t: 'n', v: 43948, z: 'dd/mm/yyyy' }); // 2020-04-27
    expect(first[2]).toMatchObject({ t: 's', v: 'PT Alfa Pangan' });
    expect(first[7]).toMatchObject({ t: 'n', v: 60, z: '#,##0' });
    expect(first[8]).toMatchObject({ t: 'n', v: 15_000_000, z: '"Rp"#,##0' });
    expect(data.map((r) => r?.[12]?.v)).toContain('Ditolak');
    const ws = wb.Sheets.Realisasi as XLSX.WorkSheet;
    expect(ws['!autofilter']).toEqual({ ref: 'A1:Q7' });
    const xml = sheetXml(file.bytes, 1);
    expect(xml.match(/<col /g)).toHaveLength(17);
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });

  it('has a Manifest: generated at, app version, database id, user, filters, rows and SHA-256 per sheet', () => {
    const file = exportTable(core.deps, { kind: 'recap-program', filters: { channel: 'aggregator', from: '2020-04-01' }, format: 'xlsx', parentCode: null }, ctx);
    const manifest = grid(read(file.bytes).Sheets.Manifest).map((r) => (r ?? []).map((c) => c?.v ?? null));
    const databaseId = core.deps.db.$client.prepare("SELECT value FROM sync_state WHERE key = 'device_id'").pluck().get();
    expect(manifest.slice(1, 8)).toEqual([
      ['Dibuat pada (UTC)', FIXED_NOW],
      ['Versi aplikasi', TEST_APP_VERSION],
      ['ID database', databaseId],
      ['Pengguna', TEST_USER],
      ['Jenis ekspor', 'Rekap program (recap-program)'],
      ['Filter: periode dari', '2020-04-01'],
      ['Filter: kanal', 'Via agregator'],
    ]);
    const sheets = manifest.filter((r) => r[0] === 'Rekap program' || r[0] === 'Ringkasan program');
    const itemTypes = core.deps.db.$client.prepare('SELECT count(*) FROM item_type').pluck().get();
    expect(sheets.map((r) => [r[0], r[1]])).toEqual([
      ['Rekap program', itemTypes],
      ['Ringkasan program', 7], // six programs and the total
    ]);
    expect(sheets.every((r) => /^[0-9a-f]{64}$/.test(String(r[2])))).toBe(true);
    expect(verifyWorkbook(file.bytes, 'x.xlsx').status).toBe('intact');
  });

  it('names the import batches behind the data', () => {
    core.deps.db.$client
      .prepare("INSERT INTO import_batch (id, kind, file_name, file_sha256, imported_at, imported_by, rows_total, rows_imported, rows_rejected, rows_duplicate) VALUES (?, 'distributions', 'realisasi-april.xlsx', ?, ?, 'x', 1, 1, 0, 0)")
      .run('01900000-0000-7000-8000-000000000001', 'ab'.repeat(32), FIXED_NOW);
    core.deps.db.$client.prepare('UPDATE distribution SET import_batch_id = ?, source_row = 7 WHERE quantity = 60').run('01900000-0000-7000-8000-000000000001');
    const manifest = grid(read(exportOf('distributions').bytes).Sheets.Manifest).map((r) => (r ?? []).map((c) => c?.v ?? null));
    expect(manifest.at(-1)).toEqual(['01900000-0000-7000-8000-000000000001', 'realisasi-april.xlsx', 'ab'.repeat(32), FIXED_NOW]);
    const none = grid(read(exportOf('needs').bytes).Sheets.Manifest).map((r) => r?.[0]?.v);
    expect(none.at(-1)).toBe('Tidak ada data dari batch impor (semua diketik langsung).');
  });

  it('writes untrusted text so that no spreadsheet evaluates it', () => {
    seedPartner(core, { name: '=HYPERLINK("http://contoh.invalid","klik")' });
    seedPartner(core, { name: '@SUM(1+1)' });
    seedPartner(core, { name: '-2+3' });
    const file = exportOf('partners');
    const names = grid(read(file.bytes).Sheets.Mitra).map((r) => r?.[1]?.v);
    expect(names).toEqual(expect.arrayContaining(["'=HYPERLINK(\"http://contoh.invalid\",\"klik\")", "'@SUM(1+1)", "'-2+3"]));
    expect(sheetXml(file.bytes, 1)).not.toContain('<f>');
    expect(verifyWorkbook(file.bytes, 'mitra.xlsx').status).toBe('intact');
    const csv = exportOf('partners', 'csv').bytes.toString('utf8');
    expect(csv).toContain(`;"'=HYPERLINK(""http://contoh.invalid"",""klik"")";`);
    expect(csv).toContain(";'@SUM(1+1);");
  });

  it('writes CSV for an Indonesian Excel: BOM, semicolons, CRLF, plain numbers, ISO dates', () => {
    const file = exportOf('distributions', 'csv');
    expect(file.fileName.endsWith('.csv')).toBe(true);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]?.split(';').slice(0, 3)).toEqual(['ID', 'Tanggal realisasi', 'Kolaborator']);
    expect(lines[1]?.split(';').slice(1, 9)).toEqual(['2020-04-27', 'PT Alfa Pangan', '', 'Pangan', 'Paket sembako', 'paket', '60', '15000000']);
    expect(lines).toHaveLength(8); // header, six rows, and the empty string after the last CRLF
  });

  it('exports every kind through the procedure, as base64', async () => {
    for (const kind of ['partners', 'agreements', 'pledges', 'distributions', 'needs', 'fund-transfers', 'recap-program', 'recap-wilayah', 'overlap', 'unserved'] as const) {
      const file = await api.ok('export:table', { kind, filters: {}, ...(kind === 'recap-wilayah' ? { parentCode: s.kel1 } : {}) });
      const verified = await api.ok('export:verify', { fileName: file.fileName, contentBase64: file.contentBase64 });
      expect([kind, verified.status]).toEqual([kind, 'intact']);
    }
    const overlap = await api.ok('export:table', { kind: 'overlap', filters: {} });
    expect(overlap.rows).toBe(1); // T1: A directly and B via G, 130 paket for a need of 100
  });
});

describe('exports of the lists and of Belum terlayani', () => {
  /** The ID column of a CSV export, in file order. */
  const csvIds = (contentBase64: string) =>
    Buffer.from(contentBase64, 'base64')
      .toString('utf8')
      .slice(1)
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(';')[0]);
  const manifestOf = (bytes: Buffer) => grid(read(bytes).Sheets.Manifest).map((r) => (r ?? []).map((c) => c?.v ?? null));

  it('writes exactly the partners the list shows for its own filters, in its order', async () => {
    const archived = seedPartner(core, { name: 'Yayasan Lama', aggregator: true, archived: true });
    const queries = [
      {},
      { role: 'aggregator' },
      { q: 'yayasan' },
      { q: 'yayasan', includeArchived: true, sort: 'name', direction: 'desc' },
      { entityKind: 'dunia_usaha', sort: 'createdAt', direction: 'desc' },
      { verified: false, role: 'collaborator' },
    ] as const;
    for (const query of queries) {
      const listed = await api.ok('partner:list', { ...query, limit: 500 });
      const file = await api.ok('export:table', { kind: 'partners', format: 'csv', partnerList: query });
      expect([query, csvIds(file.contentBase64)]).toEqual([query, listed.rows.map((r) => r.id)]);
    }
    const aggregators = await api.ok('export:table', { kind: 'partners', format: 'csv', partnerList: { role: 'aggregator' } });
    expect(csvIds(aggregators.contentBase64)).toEqual([s.G, s.H]);
    const yayasan = await api.ok('export:table', { kind: 'partners', format: 'csv', partnerList: { q: 'yayasan', includeArchived: true, sort: 'name', direction: 'desc' } });
    expect(csvIds(yayasan.contentBase64)).toEqual([archived, s.H, s.G]);
    // Without the list's filters (ksbb export partners): every partner, archived ones too.
    expect(csvIds(exportOf('partners', 'csv').bytes.toString('base64'))).toContain(archived);

    const file = exportTable(core.deps, { kind: 'partners', filters: { channel: 'all' }, format: 'xlsx', parentCode: null, partnerList: { q: 'yayasan', role: 'aggregator', includeArchived: false, direction: 'asc' } }, ctx);
    expect(manifestOf(file.bytes).slice(5, 10)).toEqual([
      ['Jenis ekspor', 'Mitra (partners)'],
      ['Filter: pencarian', 'yayasan'],
      ['Filter: peran', 'Agregator'],
      ['Termasuk yang diarsipkan', 'Tidak'],
      ['Urutan', 'Nama, naik'],
    ]);
  });

  it('writes exactly the PKS the list shows for its own filters, in its order, with the status as of today', async () => {
    // The fixed clock says 2024-03-15.
    seedAgreement(core, { partnerId: s.G, number: '001/PKS/GOTONG', validFrom: '2023-01-01', validUntil: '2024-04-01' });
    const lapsed = seedAgreement(core, { partnerId: s.H, number: '002/PKS/HARAPAN', validFrom: '2020-04-01', validUntil: '2021-12-31' });
    seedAgreement(core, { partnerId: s.G, number: '003/PKS/GOTONG', status: 'draft', signedOn: null });
    seedAgreement(core, { partnerId: s.A, number: '004/PKS/ALFA', validFrom: '2022-01-01', validUntil: '2026-12-31' });
    const queries = [
      {},
      { status: 'expired' },
      { status: 'signed', sort: 'validUntil', direction: 'desc' },
      { expiringWithinDays: 30 },
      { q: 'gotong', direction: 'desc' },
      { partnerId: s.G },
    ] as const;
    for (const query of queries) {
      const listed = await api.ok('agreement:list', { ...query, limit: 500 });
      const file = await api.ok('export:table', { kind: 'agreements', format: 'csv', agreementList: query });
      expect([query, csvIds(file.contentBase64)]).toEqual([query, listed.rows.map((r) => r.id)]);
    }
    const expired = exportTable(core.deps, { kind: 'agreements', filters: { channel: 'all' }, format: 'xlsx', parentCode: null, agreementList: { status: 'expired', direction: 'asc' } }, ctx);
    const rows = grid(read(expired.bytes).Sheets.PKS).map((r) => (r ?? []).map((c) => c?.v ?? null));
    expect(rows.map((r) => [r[0], r[1], r[8], r[9]])).toEqual([
      ['ID', 'Nomor PKS', 'Status', 'Status hari ini'],
      [lapsed, '002/PKS/HARAPAN', 'Ditandatangani', 'Kedaluwarsa'],
    ]);
    expect(manifestOf(expired.bytes)).toContainEqual(['Filter: status hari ini', 'Kedaluwarsa']);
  });

  it('exports Belum terlayani as recap:unserved lists it', async () => {
    const filters = { from: '2021-01-01' };
    const listed = await api.ok('recap:unserved', { filters });
    expect(listed.rows.map((r) => r.targetName)).toEqual(['Panti Werdha Dua']);
    const file = exportTable(core.deps, { kind: 'unserved', filters: { ...filters, channel: 'all' }, format: 'xlsx', parentCode: null }, ctx);
    expect(file.fileName).toBe('ksbb-unserved-20240315-083000.xlsx');
    const data = grid(read(file.bytes).Sheets['Belum terlayani']).map((r) => (r ?? []).map((c) => c?.v ?? null));
    const only = listed.rows[0] as (typeof listed.rows)[number];
    expect(data).toEqual([
      ['Sasaran', 'Jenis sasaran', 'Kode wilayah', 'Wilayah', 'Program', 'Jenis bantuan', 'Satuan', 'Kebutuhan'],
      ['Panti Werdha Dua', 'Panti werdha', only.regionCode, only.regionName, 'Pangan', only.itemType, only.unit, 30],
    ]);
    expect(verifyWorkbook(file.bytes, 'belum-terlayani.xlsx').status).toBe('intact');
  });
});

describe('verify', () => {
  const fresh = () => exportOf('distributions').bytes;

  it('finds an untouched workbook intact', () => {
    const result = verifyWorkbook(fresh(), 'realisasi.xlsx');
    expect(result).toMatchObject({ status: 'intact', generatedAt: FIXED_NOW, appVersion: TEST_APP_VERSION, problem: null, reason: null });
    expect(result.sheets).toMatchObject([{ name: 'Realisasi', rows: 6, intact: true }]);
  });

  it('names the sheet and the cell of a changed value, number or text', () => {
    const number = edited(fresh(), (wb) => {
      (grid(wb.Sheets.Realisasi)[3] as Cell[])[7] = { t: 'n', v: 41 };
    });
    expect(verifyWorkbook(number, 'x.xlsx')).toMatchObject({ status: 'tampered', problem: { kind: 'cell_changed', sheet: 'Realisasi', cell: 'H4', found: '41' } });
    const text = edited(fresh(), (wb) => {
      (grid(wb.Sheets.Realisasi)[5] as Cell[])[2] = { t: 's', v: 'PT Lain' };
    });
    expect(verifyWorkbook(text, 'x.xlsx').problem).toMatchObject({ kind: 'cell_changed', sheet: 'Realisasi', cell: 'C6', found: 'PT Lain' });
    const header = edited(fresh(), (wb) => {
      (grid(wb.Sheets.Realisasi)[0] as Cell[])[7] = { t: 's', v: 'Qty' };
    });
    expect(verifyWorkbook(header, 'x.xlsx').problem).toMatchObject({ kind: 'cell_changed', cell: 'H1' });
    const date = edited(fresh(), (wb) => {
      (grid(wb.Sheets.Realisasi)[2] as Cell[])[1] = { t: 'n', v: 43950 };
    });
    expect(verifyWorkbook(date, 'x.xlsx').problem).toMatchObject({ kind: 'cell_changed', cell: 'B3', found: '2020-04-29' });
    const extra = edited(fresh(), (wb) => {
      (grid(wb.Sheets.Realisasi)[2] as Cell[])[20] = { t: 's', v: 'catatan' };
      setRef(wb.Sheets.Realisasi as XLSX.WorkSheet);
    });
    expect(verifyWorkbook(extra, 'x.xlsx').problem).toMatchObject({ kind: 'cell_changed', cell: 'U3' });
  });

  it('names an added and a removed row', () => {
    const added = edited(fresh(), (wb) => {
      const data = grid(wb.Sheets.Realisasi);
      const copy = (data[3] ?? []).map((c) => (c ? { ...c } : c));
      copy[7] = { t: 'n', v: 1 };
      data.splice(3, 0, copy);
      setRef(wb.Sheets.Realisasi as XLSX.WorkSheet);
    });
    expect(verifyWorkbook(added, 'x.xlsx').problem).toMatchObject({ kind: 'row_added', sheet: 'Realisasi', cell: 'A4' });
    const appended = edited(fresh(), (wb) => {
      grid(wb.Sheets.Realisasi).push([{ t: 's', v: 'baris baru' }]);
      setRef(wb.Sheets.Realisasi as XLSX.WorkSheet);
    });
    expect(verifyWorkbook(appended, 'x.xlsx').problem).toMatchObject({ kind: 'row_added', cell: 'A8', found: 'baris baru' });
    const removed = edited(fresh(), (wb) => {
      grid(wb.Sheets.Realisasi).splice(2, 1);
      setRef(wb.Sheets.Realisasi as XLSX.WorkSheet);
    });
    expect(verifyWorkbook(removed, 'x.xlsx').problem).toMatchObject({ kind: 'row_removed', sheet: 'Realisasi', cell: 'A3' });
    const last = edited(fresh(), (wb) => {
      grid(wb.Sheets.Realisasi).pop();
      setRef(wb.Sheets.Realisasi as XLSX.WorkSheet);
    });
    expect(verifyWorkbook(last, 'x.xlsx').problem).toMatchObject({ kind: 'row_removed', cell: 'A7' });
  });

  it('names an edited manifest cell, a removed and an added sheet', () => {
    const manifest = edited(fresh(), (wb) => {
      (grid(wb.Sheets.Manifest)[4] as Cell[])[1] = { t: 's', v: 'user:lain' };
    });
    expect(verifyWorkbook(manifest, 'x.xlsx')).toMatchObject({
      status: 'tampered',
      problem: { kind: 'manifest_edited', sheet: 'Manifest', cell: 'B5', expected: TEST_USER, found: 'user:lain' },
    });
    const hash = edited(fresh(), (wb) => {
      const rows = grid(wb.Sheets.Manifest);
      const at = rows.findIndex((r) => r?.[0]?.v === 'Realisasi');
      (rows[at] as Cell[])[2] = { t: 's', v: '0'.repeat(64) };
    });
    expect(verifyWorkbook(hash, 'x.xlsx').problem).toMatchObject({ kind: 'manifest_edited', sheet: 'Manifest', cell: 'C10' });
    const hidden = edited(fresh(), (wb) => {
      (grid(wb.Sheets.KSBB_Integritas)[2] as Cell[])[4] = { t: 's', v: 'f'.repeat(64) };
    });
    expect(verifyWorkbook(hidden, 'x.xlsx').problem).toMatchObject({ kind: 'manifest_edited', sheet: 'KSBB_Integritas' });
    const dropped = edited(fresh(), (wb) => {
      delete wb.Sheets.Realisasi;
      wb.SheetNames = wb.SheetNames.filter((n) => n !== 'Realisasi');
      if (wb.Workbook?.Sheets) wb.Workbook.Sheets = wb.Workbook.Sheets.filter((sh) => sh.name !== 'Realisasi');
    });
    expect(verifyWorkbook(dropped, 'x.xlsx').problem).toMatchObject({ kind: 'sheet_missing', sheet: 'Realisasi' });
    const more = edited(fresh(), (wb) => XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), 'Catatan'));
    expect(verifyWorkbook(more, 'x.xlsx').problem).toMatchObject({ kind: 'sheet_added', sheet: 'Catatan' });
  });

  it('says "not a KSBB workbook" for other files', () => {
    const plain = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(plain, XLSX.utils.aoa_to_sheet([['Nama'], ['Budi']]), 'Manifest');
    expect(verifyWorkbook(XLSX.write(plain, { type: 'buffer', bookType: 'xlsx' }) as Buffer, 'lain.xlsx')).toMatchObject({ status: 'not_ksbb_workbook', reason: 'no_manifest' });
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(200)]);
    expect(verifyWorkbook(exe, 'program.xlsx')).toMatchObject({ status: 'not_ksbb_workbook', reason: 'not_xlsx' });
    expect(verifyWorkbook(exportOf('distributions', 'csv').bytes, 'realisasi.csv')).toMatchObject({ status: 'not_ksbb_workbook', reason: 'not_xlsx' });
    const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    expect(verifyWorkbook(brokenZip, 'rusak.xlsx')).toMatchObject({ status: 'not_ksbb_workbook', reason: 'not_xlsx' });
    expect(verifyWorkbook(Buffer.alloc(0), 'kosong.xlsx').status).toBe('not_ksbb_workbook');
  });
});
