import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { OpenedCore } from '../../electron/core/open';
import { apiOf } from '../fixtures/api';
import { distributionsBytes, row } from '../fixtures/imports/scenarios';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/** The import procedures as the wizard calls them: through dispatch, zod-parsed, with base64 files. */

let t: TempDb;
let core: OpenedCore;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
});
afterEach(() => t.cleanup());

async function untilSettled(api: ReturnType<typeof apiOf>, jobId: string) {
  for (;;) {
    const status = await api.ok('import:status', { jobId });
    if (status.phase !== 'reading' && status.phase !== 'validating') return status;
    expect(status.progress).toBeGreaterThanOrEqual(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('import procedures', () => {
  it('start → status → rows → commit → rejected workbook → batches → rollback', async () => {
    const api = apiOf(core);
    const bytes = distributionsBytes([row(), row({ Jumlah: 'x' }), row({ Jumlah: 300 }), row()]);
    const { jobId } = await api.ok('import:start', { fileName: 'mei.xlsx', contentBase64: bytes.toString('base64'), submitter: 'Dinas KPKP' });
    const status = await untilSettled(api, jobId);
    expect(status).toMatchObject({ phase: 'ready', progress: 1, error: null, result: null });
    expect(status.preview).toMatchObject({
      file: { fileName: 'mei.xlsx', format: 'xlsx', sizeBytes: bytes.length },
      kind: 'distributions',
      sheet: 'Realisasi',
      rows: 4,
      accepted: 2,
      rejected: 1,
      duplicates: 1,
      newPartners: ['PT Sinar Jaya'],
      errorCount: 1,
      submitter: 'Dinas KPKP',
      layout: { headerRow: 1, source: 'detected' },
    });
    expect(status.preview?.fields.map((f) => f.header)).toContain('Nama Kolaborator');

    const rejected = await api.ok('import:rows', { jobId, status: 'rejected' });
    expect(rejected).toMatchObject({ total: 1, rows: [{ row: 3, status: 'rejected', values: { quantity: 'x' }, reasons: [{ column: 'Jumlah', value: 'x' }] }] });
    const page = await api.ok('import:rows', { jobId, offset: 1, limit: 2 });
    expect(page.rows.map((r) => r.row)).toEqual([3, 4]);

    const committed = await api.ok('import:commit', { jobId });
    expect(committed).toMatchObject({ accepted: 2, rejected: 1, duplicates: 1, refused: false });
    expect((await api.ok('import:status', { jobId })).phase).toBe('done');

    const workbook = await api.ok('import:rejected-workbook', { jobId });
    const grid = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(workbook.contentBase64, 'base64')).Sheets.Realisasi as XLSX.WorkSheet, { header: 1 });
    expect(grid).toHaveLength(2);

    const batches = await api.ok('import:batches', {});
    expect(batches).toMatchObject({ total: 1, rows: [{ id: committed.batchId, kind: 'distributions', fileName: 'mei.xlsx', rowsImported: 2 }] });
    const rollback = await api.ok('import:rollback', { batchId: committed.batchId as string });
    expect(rollback.records).toBe(3);
    expect((await api.fail('import:rollback', { batchId: committed.batchId as string })).code).toBe('import_rollback_refused');
  });

  it('answers the template of a kind and refuses unknown jobs and bad input', async () => {
    const api = apiOf(core);
    const template = await api.ok('import:template', { kind: 'fund-transfers' });
    expect(template.fileName).toBe('templat-ksbb-fund-transfers.xlsx');
    expect(XLSX.read(Buffer.from(template.contentBase64, 'base64')).SheetNames).toEqual(['Dana via Agregator', 'Petunjuk', 'Daftar']);
    expect((await api.fail('import:status', { jobId: 'tidak-ada' })).code).toBe('not_found');
    expect((await api.fail('import:start', { fileName: 'x.xlsx', contentBase64: 'bukan base64!' })).code).toBe('invalid_input');
    expect((await api.fail('import:start', { fileName: 'x.xlsx', contentBase64: '', kind: 'demo' as never })).code).toBe('invalid_input');
  });

  it('reports an unusable file as a failed job in the caller’s language', async () => {
    const api = apiOf(core);
    const { jobId } = await api.ok('import:start', { fileName: 'program.xlsx', contentBase64: Buffer.from('MZ\u0090\u0000 bukan spreadsheet').toString('base64') });
    const status = await untilSettled(api, jobId);
    expect(status).toMatchObject({ phase: 'failed', preview: null, error: { code: 'import_file_unusable' } });
    await expect(api.ok('import:commit', { jobId })).rejects.toThrow(/import_not_ready/);
  });
});
