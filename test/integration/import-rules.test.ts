import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { AppError } from '../../electron/api/errors';
import { listBatches, rollbackBatch } from '../../electron/core/imports/batches';
import type { OpenedCore } from '../../electron/core/open';
import { DISTRIBUTION_HEADER, distributionsBytes, previewImport, row, seedScenarioRegistry, workbookBytes } from '../fixtures/imports/scenarios';
import { ctx, seedPartner } from '../fixtures/registry';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * The rules of an import that depend on the database (issue 5): the aggregator's PKS on the
 * date, items within their program, unknown partners made unverified, duplicates within a file
 * and across imports, the same file twice, rollback, all-or-nothing, cancel, remembered mappings.
 * The fixed clock says 2024-03-15.
 */

let t: TempDb;
let core: OpenedCore;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
});
afterEach(() => t.cleanup());

const client = () => core.deps.db.$client;
const count = (sql: string, ...params: unknown[]) => client().prepare(sql).pluck().get(...params) as number;
const live = (table: string) => count(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`);

describe('checks against the registry', () => {
  it('refuses a row via an aggregator without a valid PKS on its date, and accepts the same aggregator within its PKS', async () => {
    seedScenarioRegistry(core);
    const bytes = distributionsBytes([
      row({ Agregator: 'BAZIS DKI' }),
      row({ Agregator: 'BAZIS DKI', Tanggal: '15/01/2021' }),
      row({ Agregator: 'Bazis DKI', 'Jenis Bantuan': 'Uang', Jumlah: 'Rp 1 juta', Satuan: 'Rp', 'Nilai (Rp)': null, Tanggal: '01/05/2020' }),
      row({ Agregator: 'Yayasan Entah Berantah' }),
    ]);
    const { preview, errors } = await previewImport(core, bytes);
    expect(preview).toMatchObject({ rows: 4, accepted: 2, rejected: 2, duplicates: 0 });
    expect(errors.map((e) => [e.row, e.column, e.value, e.code])).toEqual([
      [3, 'Agregator', 'BAZIS DKI', 'aggregator_not_authorised'],
      [5, 'Agregator', 'Yayasan Entah Berantah', 'aggregator_unknown'],
    ]);
    expect(errors[0]?.message).toBe('Agregator BAZIS DKI tidak berwenang pada 15 Januari 2021: tidak ada PKS yang ditandatangani dan berlaku pada tanggal itu.');
  });

  it('matches item types within the program and says which program an item is not part of', async () => {
    seedScenarioRegistry(core);
    const bytes = distributionsBytes([
      row({ 'Jenis Bantuan': 'Sembako' }),
      row({ 'Jenis Bantuan': 'sembako', Jumlah: 7 }),
      row({ Program: 'Pendidikan', 'Jenis Bantuan': 'Paket sembako' }),
      row({ Program: null, 'Jenis Bantuan': 'Uang', Jumlah: 'Rp 2 juta' }),
      row({ 'Jenis Bantuan': 'Beras premium' }),
      row({ Program: 'Olahraga' }),
    ]);
    const { jobs, jobId, preview, errors } = await previewImport(core, bytes);
    expect(preview).toMatchObject({ rows: 6, accepted: 2, rejected: 4 });
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'Jenis Bantuan', 'item_not_in_program'],
      [5, 'Jenis Bantuan', 'item_ambiguous'],
      [6, 'Jenis Bantuan', 'item_unknown'],
      [7, 'Program', 'program_unknown'],
    ]);
    expect(errors[0]?.message).toBe('Jenis bantuan ini tidak termasuk program Pendidikan.');
    await jobs.commit(jobId, false);
    expect(client().prepare('SELECT item_type_id FROM distribution ORDER BY source_row').pluck().all()).toEqual(['pangan.paket-sembako', 'pangan.paket-sembako']);
  });

  it('lists every reason of a row: empty required cell, date in the future and before 2020, quantity, wilayah', async () => {
    seedScenarioRegistry(core);
    const bytes = distributionsBytes([
      row({ 'Nama Kolaborator': null, Tanggal: '01/01/2025', Jumlah: 0, 'Kota/Kabupaten': 'Jakarta Tenggara' }),
      row({ Tanggal: '31/12/2019' }),
      row({ RW: 'RW 5', Kelurahan: null }),
    ]);
    const { preview, errors } = await previewImport(core, bytes, { lang: 'en' });
    expect(preview).toMatchObject({ rows: 3, accepted: 0, rejected: 3 });
    expect(errors.map((e) => [e.row, e.column, e.value, e.code])).toEqual([
      [2, 'Tanggal', '01/01/2025', 'date_out_of_range'],
      [2, 'Nama Kolaborator', '', 'required_empty'],
      [2, 'Jumlah', '0', 'not_positive'],
      [2, 'Kota/Kabupaten', 'Jakarta Tenggara', 'unknown_kota'],
      [3, 'Tanggal', '31/12/2019', 'date_out_of_range'],
      [4, 'RW', 'RW 5', 'rw_without_kelurahan'],
    ]);
    expect(errors[0]?.message).toBe('Date 1 January 2025 is outside the accepted range: 1 January 2020 to 15 March 2024.');
    expect(errors[1]?.message).toBe('This required column is empty.');
  });

  it('creates an unknown collaborator once, as an unverified partner of the batch, and finds a known one however it is written', async () => {
    const known = seedPartner(core, { name: 'PT Sinar Jaya' });
    const bytes = distributionsBytes([row({ 'Nama Kolaborator': 'Sinar Jaya, PT' }), row({ 'Nama Kolaborator': 'Komunitas Baru Peduli', Jumlah: 5 }), row({ 'Nama Kolaborator': 'KOMUNITAS BARU PEDULI', Jumlah: 6 })]);
    const { jobs, jobId, preview } = await previewImport(core, bytes);
    expect(preview.newPartners).toEqual(['Komunitas Baru Peduli']);
    const result = await jobs.commit(jobId, false);
    expect(result).toMatchObject({ accepted: 3, rejected: 0, duplicates: 0, newPartners: ['Komunitas Baru Peduli'], refused: false });
    const created = client()
      .prepare("SELECT name, verified, is_collaborator AS isCollaborator, entity_kind AS entityKind, import_batch_id AS batchId, source_row AS sourceRow FROM partner WHERE name = 'Komunitas Baru Peduli'")
      .get();
    expect(created).toEqual({ name: 'Komunitas Baru Peduli', verified: 0, isCollaborator: 1, entityKind: 'komunitas', batchId: result.batchId, sourceRow: 3 });
    expect(client().prepare('SELECT partner_id FROM distribution WHERE source_row = 2').pluck().get()).toBe(known);
  });
});

describe('what a commit writes', () => {
  it('writes the batch, every accepted record with its batch, row and natural key, the RW, one audit entry per table and one outbox mutation, in one go', async () => {
    const bytes = distributionsBytes([row(), row({ Jumlah: 'abc' }), row({ Jumlah: 200, RW: 'RW 007' })], { titleRows: ['LAPORAN REALISASI'] });
    const { jobs, jobId } = await previewImport(core, bytes, { fileName: 'realisasi.xlsx' });
    const result = await jobs.commit(jobId, false);
    expect(result).toMatchObject({ accepted: 2, rejected: 1, duplicates: 0 });
    expect(client().prepare('SELECT kind, file_name, sheet_name, imported_by, rows_total, rows_imported, rows_rejected, rows_duplicate FROM import_batch').get()).toEqual({
      kind: 'distributions',
      file_name: 'realisasi.xlsx',
      sheet_name: 'Realisasi',
      imported_by: 'user:sekretariat',
      rows_total: 3,
      rows_imported: 2,
      rows_rejected: 1,
      rows_duplicate: 0,
    });
    const records = client()
      .prepare('SELECT source_row, quantity, value_rupiah, region_code, distributed_on, verification_status, import_batch_id, length(natural_key) AS keyLength FROM distribution ORDER BY source_row')
      .all();
    expect(records).toEqual([
      { source_row: 4, quantity: 100, value_rupiah: 25_000_000, region_code: '31.74.01.1007.005', distributed_on: '2020-04-24', verification_status: 'dilaporkan', import_batch_id: result.batchId, keyLength: 40 },
      { source_row: 6, quantity: 200, value_rupiah: 25_000_000, region_code: '31.74.01.1007.007', distributed_on: '2020-04-24', verification_status: 'dilaporkan', import_batch_id: result.batchId, keyLength: 40 },
    ]);
    expect(count("SELECT count(*) FROM region WHERE code IN ('31.74.01.1007.005', '31.74.01.1007.007')")).toBe(2);
    const audit = client().prepare('SELECT action, table_name AS tableName, record_id AS recordId, changes FROM audit_log WHERE import_batch_id = ? ORDER BY seq').all(result.batchId);
    expect(audit).toEqual([
      { action: 'import', tableName: 'distribution', recordId: result.batchId, changes: JSON.stringify({ rows: 2 }) },
      { action: 'import', tableName: 'partner', recordId: result.batchId, changes: JSON.stringify({ rows: 1 }) },
      expect.objectContaining({ action: 'import', tableName: 'import_batch', recordId: result.batchId }),
    ]);
    expect(client().prepare("SELECT op, table_name, record_id FROM sync_outbox WHERE record_id = ?").all(result.batchId)).toEqual([
      { op: 'import_batch', table_name: 'import_batch', record_id: result.batchId },
    ]);
  });
});

describe('duplicates and the same file again', () => {
  it('counts a row repeated within the file once, and skips rows an earlier batch imported', async () => {
    const first = await previewImport(core, distributionsBytes([row(), row(), row({ Jumlah: 150 })]));
    expect(first.preview).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(first.preview.firstRows.rows[1]).toMatchObject({ row: 3, status: 'duplicate', duplicateOfBatchId: null });
    const batch = await first.jobs.commit(first.jobId, false);

    // Resubmitted with one more row and a title: another file, the same rows.
    const again = await previewImport(core, distributionsBytes([row(), row({ Jumlah: 150 }), row({ Jumlah: 175 })], { titleRows: ['Revisi'] }));
    expect(again.preview).toMatchObject({ alreadyImportedBatchId: null, rows: 3, accepted: 1, duplicates: 2, rejected: 0 });
    expect(again.preview.firstRows.rows.map((r) => [r.row, r.status, r.duplicateOfBatchId])).toEqual([
      [4, 'duplicate', batch.batchId],
      [5, 'duplicate', batch.batchId],
      [6, 'accepted', null],
    ]);
    const second = await again.jobs.commit(again.jobId, false);
    expect(second).toMatchObject({ accepted: 1, duplicates: 2 });
    expect(live('distribution')).toBe(3);
  });

  it('imports nothing from the same file again and says which batch has it', async () => {
    const bytes = distributionsBytes([row()]);
    const first = await previewImport(core, bytes);
    const batch = await first.jobs.commit(first.jobId, false);
    const again = await previewImport(core, bytes);
    expect(again.preview).toMatchObject({ alreadyImportedBatchId: batch.batchId, accepted: 0, duplicates: 1 });
    const refused = await again.jobs.commit(again.jobId, false).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'import_already_imported', params: { batchId: batch.batchId } });
    expect(count('SELECT count(*) FROM import_batch')).toBe(1);
  });

  it('rolls a batch back whole (audited, tombstones, one outbox mutation), then imports the same file again', async () => {
    const bytes = distributionsBytes([row(), row({ Jumlah: 9 })]);
    const first = await previewImport(core, bytes);
    const batch = await first.jobs.commit(first.jobId, false);
    const batchId = batch.batchId as string;
    expect(rollbackBatch(core.deps, batchId, ctx)).toEqual({ batchId, records: 3, rolledBackAt: '2024-03-15T08:30:00.000Z' });
    expect(live('distribution')).toBe(0);
    expect(live('partner')).toBe(0);
    expect(client().prepare("SELECT table_name, changes FROM audit_log WHERE action = 'rollback' ORDER BY seq").all()).toEqual([
      { table_name: 'distribution', changes: JSON.stringify({ rows: 2 }) },
      { table_name: 'partner', changes: JSON.stringify({ rows: 1 }) },
      { table_name: 'import_batch', changes: JSON.stringify({ rolledBackAt: [null, '2024-03-15T08:30:00.000Z'], tables: { distribution: 2, partner: 1 } }) },
    ]);
    expect(client().prepare("SELECT op FROM sync_outbox WHERE record_id = ? ORDER BY seq").pluck().all(batchId)).toEqual(['import_batch', 'delete']);
    expect(listBatches(core.deps, { offset: 0, limit: 10 }).rows[0]).toMatchObject({ id: batchId, rolledBackAt: '2024-03-15T08:30:00.000Z', rolledBackBy: ctx.actor });
    expect(() => rollbackBatch(core.deps, batchId, ctx)).toThrow(expect.objectContaining({ code: 'import_rollback_refused' }));

    const again = await previewImport(core, bytes);
    expect(again.preview).toMatchObject({ alreadyImportedBatchId: null, accepted: 2, duplicates: 0, newPartners: ['PT Sinar Jaya'] });
    await again.jobs.commit(again.jobId, false);
    expect(live('distribution')).toBe(2);
  });

  it('refuses to roll back a batch whose new partner another record uses', async () => {
    const first = await previewImport(core, distributionsBytes([row()]));
    const batch = await first.jobs.commit(first.jobId, false);
    const later = await previewImport(core, distributionsBytes([row({ Jumlah: 3 })]));
    await later.jobs.commit(later.jobId, false);
    expect(() => rollbackBatch(core.deps, batch.batchId as string, ctx)).toThrow(
      expect.objectContaining({ code: 'import_rollback_refused', params: expect.objectContaining({ reason: 'imports.rollbackRefused.dependents' }) }),
    );
    expect(live('distribution')).toBe(2);
  });
});

describe('all or nothing, cancel', () => {
  it('writes nothing with allOrNothing when a row is rejected, and the accepted rows without it', async () => {
    const { jobs, jobId } = await previewImport(core, distributionsBytes([row(), row({ Tanggal: 'kemarin' })]));
    expect(await jobs.commit(jobId, true)).toEqual({ batchId: null, accepted: 0, rejected: 1, duplicates: 0, newPartners: [], refused: true });
    expect(count('SELECT count(*) FROM import_batch')).toBe(0);
    expect(live('partner')).toBe(0);
    const written = await jobs.commit(jobId, false);
    expect(written).toMatchObject({ accepted: 1, rejected: 1, refused: false });
    expect(live('distribution')).toBe(1);
  });

  it('cancels while reading: nothing is written and the job cannot be committed', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row({ Jumlah: i + 1 }));
    const { createImportJobs } = await import('../../electron/core/imports/jobs');
    const jobs = createImportJobs(core.deps);
    const { jobId } = jobs.start({ fileName: 'besar.xlsx', bytes: distributionsBytes(rows), submitter: null, kind: 'auto', sheet: null, mapping: null }, ctx);
    expect(jobs.cancel(jobId)).toEqual({ jobId, phase: 'cancelled' });
    await jobs.settled(jobId);
    expect(jobs.status(jobId, ctx)).toMatchObject({ phase: 'cancelled', preview: null });
    await expect(jobs.commit(jobId, false)).rejects.toMatchObject({ code: 'import_not_ready' });
    expect(count('SELECT count(*) FROM import_batch') + live('distribution') + live('partner')).toBe(0);
    jobs.close();
  });

  it('cancels a commit that has not started writing', async () => {
    const { jobs, jobId } = await previewImport(core, distributionsBytes([row()]));
    const committing = jobs.commit(jobId, false);
    expect(jobs.status(jobId, ctx).phase).toBe('committing');
    jobs.cancel(jobId);
    await expect(committing).rejects.toBeInstanceOf(AppError);
    expect(count('SELECT count(*) FROM import_batch') + live('distribution')).toBe(0);
  });
});

describe('choosing the sheet and the columns', () => {
  it('asks which sheet when two match equally well, and reads the one chosen', async () => {
    const data = [DISTRIBUTION_HEADER, ...[row(), row({ Jumlah: 3 })].map((r) => DISTRIBUTION_HEADER.map((c) => r[c] ?? null))];
    const bytes = workbookBytes(DISTRIBUTION_HEADER, [], { sheetName: 'Mei', extraSheets: { Juni: data } });
    const asked = await previewImport(core, workbookBytes(DISTRIBUTION_HEADER, data.slice(1), { sheetName: 'Mei', extraSheets: { Juni: data } }));
    expect(asked.preview).toMatchObject({ questions: ['sheet'], sheet: null, rows: 0 });
    expect(asked.preview.candidates).toEqual([
      { sheet: 'Mei', kind: 'distributions', requiredMissing: [] },
      { sheet: 'Juni', kind: 'distributions', requiredMissing: [] },
    ]);
    const chosen = await previewImport(core, bytes, { sheet: 'Juni' });
    expect(chosen.preview).toMatchObject({ questions: [], sheet: 'Juni', accepted: 2 });
  });

  it('asks for the kind and the columns it cannot find, takes a mapping, and remembers it (and so the kind) for the same submitter', async () => {
    const header = ['Tgl Kirim', 'Pemberi', 'Barang Diberikan', 'Banyaknya Paket', 'Kota', 'Kecamatan', 'Kelurahan'];
    const sheetRows = (quantities: number[]) => quantities.map((q) => ['24/04/2020', 'PT Sinar Jaya', 'Paket sembako', q, 'Jakarta Selatan', 'Tebet', 'Manggarai']);
    // Only the wilayah columns are known: no kind has its required columns, so the kind is asked, the sheet's name first.
    const asked = await previewImport(core, workbookBytes(header, sheetRows([10, 20])), { submitter: 'Dinas KPKP' });
    expect(asked.preview).toMatchObject({ kind: null, sheet: 'Realisasi', questions: ['kind'], rows: 0 });
    expect(asked.preview.candidates[0]).toEqual({ sheet: 'Realisasi', kind: 'distributions', requiredMissing: ['date', 'collaborator', 'itemType', 'quantity'] });
    expect(asked.preview.candidates.every((c) => c.requiredMissing.length > 0)).toBe(true);

    const first = await previewImport(core, workbookBytes(header, sheetRows([10, 20])), { submitter: 'Dinas KPKP', kind: 'distributions' });
    expect(first.preview).toMatchObject({ kind: 'distributions', questions: ['mapping'], requiredMissing: ['date', 'collaborator', 'itemType', 'quantity'], rows: 0 });
    expect(first.preview.layout?.columns).toEqual(header.map((h, index) => ({ index, header: h })));

    first.jobs.revise(first.jobId, { kind: 'distributions', sheet: null, mapping: { date: 0, collaborator: 1, itemType: 2, quantity: 3 } });
    await first.jobs.settled(first.jobId);
    const revised = first.jobs.status(first.jobId, ctx).preview;
    expect(revised).toMatchObject({ questions: [], accepted: 2, layout: { source: 'given' } });
    await first.jobs.commit(first.jobId, false);

    const next = await previewImport(core, workbookBytes(header, sheetRows([30])), { submitter: 'DINAS  KPKP' });
    expect(next.preview).toMatchObject({ kind: 'distributions', questions: [], accepted: 1, layout: { source: 'remembered', mapping: expect.objectContaining({ date: 0, collaborator: 1, itemType: 2, quantity: 3 }) } });
    const stranger = await previewImport(core, workbookBytes(header, sheetRows([40])), { submitter: 'Yayasan Lain' });
    expect(stranger.preview.questions).toEqual(['kind']);
  });
});

describe('the rejected rows workbook', () => {
  it('has the header and the rejected rows as they were, with every reason in Alasan Penolakan, formula text neutralised', async () => {
    const bytes = distributionsBytes([row(), row({ Jumlah: 'banyak', 'Kota/Kabupaten': 'Bandung' }), row({ 'Nama Kolaborator': '=cmd|\' /C calc\'!A0', Tanggal: '01/01/2030' })], { titleRows: ['JUDUL'] });
    const { jobs, jobId } = await previewImport(core, bytes, { fileName: 'kiriman mei.xlsx' });
    const workbook = await jobs.rejectedWorkbook(jobId, ctx);
    expect(workbook.fileName).toBe('kiriman mei - ditolak.xlsx');
    const sheet = XLSX.read(workbook.bytes).Sheets.Realisasi as XLSX.WorkSheet;
    const grid = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: null });
    expect(grid[0]).toEqual([...DISTRIBUTION_HEADER, 'Alasan Penolakan']);
    expect(grid).toHaveLength(3);
    expect(grid[1]?.slice(0, 6)).toEqual(['24/04/2020', 'PT Sinar Jaya', null, 'Pangan', 'Paket sembako', 'banyak']);
    expect(grid[1]?.[15]).toBe('Jumlah: "banyak" bukan angka; tulis angkanya saja, misalnya 1.500 atau 1500.; Kota/Kabupaten: "Bandung" bukan Kota/Kabupaten Administrasi di DKI Jakarta; tulis misalnya Jakarta Selatan atau Kepulauan Seribu.');
    expect(grid[2]?.[1]).toBe("'=cmd|' /C calc'!A0");
    expect(String(grid[2]?.[15])).toMatch(/^Tanggal: Tanggal 1 Januari 2030 di luar rentang/);
  });
});
