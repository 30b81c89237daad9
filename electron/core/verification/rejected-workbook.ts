import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Output, ParsedInput } from '../../api/contract';
import { translator } from '../../api/i18n';
import type { CallContext, CoreDeps } from '../context';
import { neutraliseFormulaText, numberFormats } from '../exports/cells';
import { targetKindChoices } from '../imports/choices';
import { submissionFields } from '../imports/kinds';
import { sheetNames } from '../imports/template';

/**
 * Distributions rejected at verification, back to their submitter: the rows not yet corrected, in
 * the distributions template's columns (so the corrected file imports as a new submission) with
 * the reason in `Alasan Penolakan`, and each row's id in the template's `ID Baris Ditolak`. Imported
 * again, a corrected row is a new report linked to the row it replaces; the duplicate check of an
 * import passes over rejected rows (electron/core/imports/validate.ts).
 */

interface RejectedRow {
  id: string;
  date: string;
  collaborator: string;
  aggregator: string | null;
  program: string;
  itemType: string;
  quantity: number;
  unit: string;
  valueRupiah: number | null;
  kota: string | null;
  kecamatan: string | null;
  kelurahan: string | null;
  rw: number | null;
  targetKind: string | null;
  targetName: string | null;
  notes: string | null;
  reason: string | null;
  sourceRow: number | null;
}

const regionName = (length: number) => sql.raw(`(SELECT name FROM region WHERE code = substr(d.region_code, 1, ${length}) AND length(d.region_code) >= ${length})`);

export async function rejectedDistributionsWorkbook(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'distribution:rejected-workbook'>, ctx: CallContext): Promise<Output<'distribution:rejected-workbook'>> {
  const t = translator(ctx.lang);
  const rows = deps.db.all<RejectedRow>(sql`
    SELECT d.id, d.distributed_on AS date, p.name AS collaborator, a.name AS aggregator, pr.name AS program, it.name AS itemType,
           d.quantity, it.unit, d.value_rupiah AS valueRupiah, ${regionName(5)} AS kota, ${regionName(8)} AS kecamatan, ${regionName(13)} AS kelurahan,
           CASE WHEN length(d.region_code) = 17 THEN CAST(substr(d.region_code, 15) AS INTEGER) END AS rw,
           tg.kind AS targetKind, tg.name AS targetName, d.notes, d.source_row AS sourceRow,
           (SELECT v.reason FROM verification_row vr JOIN verification v ON v.id = vr.verification_id
            WHERE vr.distribution_id = d.id AND v.action = 'reject' ORDER BY v.created_at DESC LIMIT 1) AS reason
    FROM distribution d
    JOIN item_type it ON it.id = d.item_type_id JOIN program pr ON pr.id = it.program_id
    JOIN partner p ON p.id = d.partner_id LEFT JOIN partner a ON a.id = d.aggregator_id LEFT JOIN target tg ON tg.id = d.target_id
    WHERE d.deleted_at IS NULL AND d.verification_status = 'ditolak'
      AND NOT EXISTS (SELECT 1 FROM distribution c WHERE c.replaces_id = d.id AND c.deleted_at IS NULL)
      ${input.batchId === undefined ? sql`` : sql`AND d.import_batch_id = ${input.batchId}`}
    ORDER BY d.import_batch_id, d.source_row, d.id`);

  const kindLabel = new Map(targetKindChoices.map(([kind, labels]) => [kind as string, labels[0]]));
  const fields = submissionFields.distributions;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'KSBB Desk';
  const sheet = workbook.addWorksheet(sheetNames.distributions, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [...fields.map((f) => f.header), t('verification.workbook.sourceRow'), t('imports.rejectedColumn')];
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) {
    const byKey: Record<string, string | number | Date | null> = {
      date: new Date(`${row.date}T00:00:00Z`),
      collaborator: row.collaborator,
      aggregator: row.aggregator,
      program: row.program,
      itemType: row.itemType,
      quantity: row.quantity,
      unit: row.unit,
      valueRupiah: row.valueRupiah,
      kota: row.kota,
      kecamatan: row.kecamatan,
      kelurahan: row.kelurahan,
      rw: row.rw,
      targetKind: row.targetKind === null ? null : (kindLabel.get(row.targetKind) ?? null),
      targetName: row.targetName,
      notes: row.notes,
      replaces: row.id,
    };
    const cells = fields.map((f) => {
      const value = byKey[f.key] ?? null;
      return typeof value === 'string' ? neutraliseFormulaText(value) : value;
    });
    sheet.addRow([...cells, row.sourceRow, neutraliseFormulaText(row.reason ?? '')]);
  }
  fields.forEach((f, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(14, Math.min(40, f.header.length + 4));
    if (f.type === 'date') column.numFmt = numberFormats.date;
    if (f.type === 'quantity' || f.type === 'rupiah') column.numFmt = numberFormats.integer;
  });
  sheet.getColumn(fields.length).width = 38;
  sheet.getColumn(fields.length + 2).width = 80;
  const buffer = await workbook.xlsx.writeBuffer();
  const suffix = input.batchId === undefined ? 'semua' : input.batchId.slice(-12);
  return { fileName: `realisasi-ditolak-${suffix}.xlsx`, rows: rows.length, contentBase64: Buffer.from(buffer).toString('base64') };
}
