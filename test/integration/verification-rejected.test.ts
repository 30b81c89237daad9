import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Input, Output, ProcedureName } from '../../electron/api/contract';
import type { CallContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers, type Handlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { computeFestivalReport } from '../../electron/core/reports/figures';
import { distributionsBytes, previewImport, row, seedScenarioRegistry } from '../fixtures/imports/scenarios';
import { silentLog } from '../fixtures/registry';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * Rows rejected at verification go back to the submitter (issue 10): the rejected-rows workbook
 * of a batch, in the template's columns with the reason, imports again as new reported rows
 * linked to the rows they replace — the duplicate check passes over the rejected ones. The fixed
 * clock says 2024-03-15.
 */

const skpd: CallContext = {
  actor: 'user:dkpkp',
  lang: 'id',
  user: { id: 'dkpkp', username: 'dkpkp', displayName: 'DKPKP', role: 'skpd', agencyId: 'dkpkp', programIds: ['pangan'] },
};

let t: TempDb;
let core: OpenedCore;
let handlers: Handlers;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
  handlers = createHandlers(core.deps);
});
afterEach(() => t.cleanup());

async function call<K extends ProcedureName>(name: K, input: Input<K>, ctx: CallContext = skpd): Promise<Output<K>> {
  const result = await dispatch(handlers, name, input, ctx, silentLog);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Output<K>;
}

const sheetRows = (base64: string) => {
  const workbook = XLSX.read(Buffer.from(base64, 'base64'));
  return XLSX.utils.sheet_to_json<(string | number | null)[]>(workbook.Sheets[workbook.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, raw: false, dateNF: 'dd/mm/yyyy' });
};

describe('the rejected-rows workbook of verification', () => {
  it('lists the rejected rows with their reason, and imports again after correction', async () => {
    seedScenarioRegistry(core);
    const first = await previewImport(core, distributionsBytes([row(), row({ Jumlah: 200, RW: '006' }), row({ Jumlah: 300, RW: '007' })]));
    const { batchId } = await first.jobs.commit(first.jobId, false);
    const listed = await call('distribution:list', { batchId: batchId as string });
    expect(listed.total).toBe(3);
    const [a, b, c] = listed.rows.map((r) => r.id) as [string, string, string];
    await call('distribution:verify', { level: 'wilayah', selection: { ids: [a, b] } });
    await call('distribution:reject', { selection: { ids: [c] }, reason: 'RW 007 tidak menerima; periksa alamat' });

    // The Festival report's data notes say how many rejected rows wait for their correction.
    const notes = () =>
      computeFestivalReport(core.deps.db, { from: '2020-01-01', to: '2029-12-31', year: null, programIds: [], lang: 'id', basis: 'terverifikasi' }, { generatedAt: '2024-03-15T00:00:00.000Z', secretariat: 'Sekretariat' }, skpd)
        .notes;
    expect(notes()).toMatchObject({ distributionsRejected: 1, distributionsRejectedNotResubmitted: 1 });

    const file = await call('distribution:rejected-workbook', { batchId: batchId as string });
    expect(file.rows).toBe(1);
    const lines = sheetRows(file.contentBase64);
    const header = lines[0] as string[];
    expect(header.slice(0, 3)).toEqual(['Tanggal', 'Nama Kolaborator', 'Agregator']);
    expect(header.slice(-3)).toEqual(['ID Baris Ditolak', 'Baris Asal', 'Alasan Penolakan']);
    const rejected = lines[1] as (string | number)[];
    expect(rejected.slice(-3)).toEqual([c, '4', 'RW 007 tidak menerima; periksa alamat']);
    expect(rejected[header.indexOf('Jumlah')]).toBe('300');

    // Sent back unchanged, the row is not a duplicate of the rejected one; corrected, neither.
    const again = await previewImport(core, Buffer.from(file.contentBase64, 'base64'), { fileName: 'realisasi-ditolak.xlsx' });
    expect(again.preview).toMatchObject({ rows: 1, accepted: 1, rejected: 0, duplicates: 0 });
    // The submitter's spreadsheet keeps the date format of the column (cellNF).
    const corrected = XLSX.read(Buffer.from(file.contentBase64, 'base64'), { cellNF: true });
    const sheet = corrected.Sheets[corrected.SheetNames[0] as string] as XLSX.WorkSheet;
    XLSX.utils.sheet_add_aoa(sheet, [['008']], { origin: { r: 1, c: header.indexOf('RW') } });
    const fixed = await previewImport(core, XLSX.write(corrected, { type: 'buffer', bookType: 'xlsx' }) as Buffer, { fileName: 'realisasi-diperbaiki.xlsx' });
    expect(fixed.preview).toMatchObject({ rows: 1, accepted: 1, duplicates: 0 });
    await fixed.jobs.commit(fixed.jobId, false);
    const now = await call('distribution:list', { status: 'dilaporkan', programId: 'pangan' });
    expect(now.rows.map((r) => [r.quantity, r.regionCode.slice(-3), r.replacesId])).toEqual([[300, '008', c]]);
    expect((await call('distribution:history', { id: c })).row.replacedById).toBe(now.rows[0]?.id);
    expect(notes()).toMatchObject({ distributionsRejected: 1, distributionsRejectedNotResubmitted: 0 });
    // The same correction again is refused: the rejected row has its correction.
    const twice = await previewImport(core, XLSX.write(corrected, { type: 'buffer', bookType: 'xlsx' }) as Buffer, { fileName: 'realisasi-lagi.xlsx' });
    expect(twice.errors.map((e) => [e.column, e.code])).toEqual([['ID Baris Ditolak', 'replaces_already_corrected']]);
    // The original batch's rows are still there: two verified, one rejected.
    expect((await call('distribution:list', { batchId: batchId as string })).rows.map((r) => r.verificationStatus).sort()).toEqual(['ditolak', 'diverifikasi_wilayah', 'diverifikasi_wilayah']);
  });
});
