import { createHash } from 'node:crypto';
import type { ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import { translator } from '../../api/i18n';
import type { CallContext, CoreDeps } from '../context';
import type { CellValue, ExportColumn } from '../exports/cells';
import { databaseId, type ExportFile, fileStamp } from '../exports/service';
import { type DataSheet, MAX_SHEET_ROWS, manifestContent, writeWorkbook } from '../exports/workbook';
import { iterateAudit } from './trail';

/** Exports speak Indonesian whatever the UI language, like every other export. */
const t = translator('id');
const column = (key: string, type: ExportColumn['type'], width: number): ExportColumn => ({ header: t(`auth.audit.column.${key}`), type, width });

/**
 * The audit trail (filtered as on the Audit screen) as a workbook with the export Manifest, so
 * `ksbb verify` proves the file unaltered; each row keeps its chain hash, so an auditor can also
 * recompute the chain from the file.
 */
export function exportAudit(deps: CoreDeps, input: ParsedInput<'audit:export'>, ctx: CallContext): ExportFile {
  const rows: CellValue[][] = [];
  for (const entry of iterateAudit(deps, input.filters)) {
    if (rows.length === MAX_SHEET_ROWS) throw new AppError('export_too_large', { kind: 'audit', rows: rows.length + 1, max: MAX_SHEET_ROWS });
    rows.push([entry.seq, entry.at, entry.actor, entry.action, entry.tableName, entry.recordId, entry.changes, entry.importBatchId, entry.hash]);
  }
  const sheet: DataSheet = {
    name: t('auth.audit.sheet'),
    columns: [
      column('seq', 'integer', 10),
      column('at', 'text', 26),
      column('actor', 'text', 24),
      column('action', 'text', 16),
      column('tableName', 'text', 16),
      column('recordId', 'text', 38),
      column('changes', 'text', 60),
      column('importBatchId', 'text', 38),
      column('hash', 'text', 66),
    ],
    rows,
  };
  const generatedAt = deps.clock.now().toISOString();
  const f = input.filters;
  const filterLines: [string, string][] = (
    [
      ['actor', f.actor],
      ['tableName', f.tableName],
      ['recordId', f.recordId],
      ['from', f.from],
      ['to', f.to],
    ] as const
  ).flatMap(([key, value]) => (value ? [[t(`auth.audit.filter.${key}`), value] as [string, string]] : []));
  const head = { generatedAt, appVersion: deps.appVersion, databaseId: databaseId(deps.db), actor: ctx.actor, kind: `${sheet.name} (audit)` };
  const { bytes } = writeWorkbook([sheet], manifestContent(t, head, filterLines, []));
  return {
    fileName: `ksbb-audit-${fileStamp(generatedAt)}.xlsx`,
    bytes,
    rows: rows.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
