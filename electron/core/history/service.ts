import { sql } from 'drizzle-orm';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import type { historyTableValues } from '../../api/procedures/partners';
import type { CoreDeps } from '../context';

type HistoryTable = (typeof historyTableValues)[number];
type Entry = Output<'history:list'>['entries'][number];
type Provenance = NonNullable<Output<'history:list'>['provenance']>;

/** Which provenance columns each table has: synced records all of them, documents who and when, SKPD none. */
const provenanceKind: Record<HistoryTable, 'full' | 'created' | 'none'> = {
  partner: 'full',
  agreement: 'full',
  target: 'full',
  need: 'full',
  pledge: 'full',
  distribution: 'full',
  fund_transfer: 'full',
  document: 'created',
  agency: 'none',
};

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  recordId: string;
  changes: string;
  importBatchId: string | null;
}

/**
 * `{ field: [old, new] }` → `[{ field, from: old, to: new }]`; a value that is not such a pair
 * (an import's `rows`, a merge's list of moved records) is shown as `to` with `from` null.
 */
export function parseChanges(changes: string): Entry['changes'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(changes);
  } catch {
    return [{ field: '', from: null, to: changes }];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [{ field: '', from: null, to: parsed }];
  return Object.entries(parsed).map(([field, value]) =>
    Array.isArray(value) && value.length === 2 ? { field, from: value[0] as unknown, to: value[1] as unknown } : { field, from: null, to: value as unknown },
  );
}

function provenanceOf(deps: Pick<CoreDeps, 'db'>, tableName: HistoryTable, recordId: string): Provenance | null | undefined {
  const { db } = deps;
  const kind = provenanceKind[tableName];
  if (kind === 'none') {
    return tableName === 'agency' && db.get(sql`SELECT 1 AS found FROM agency WHERE id = ${recordId}`) !== undefined ? null : undefined;
  }
  const table = sql.identifier(tableName);
  const row = db.get<{ createdAt: string; createdBy: string; importBatchId: string | null; sourceRow: number | null } | undefined>(
    kind === 'full'
      ? sql`SELECT created_at AS createdAt, created_by AS createdBy, import_batch_id AS importBatchId, source_row AS sourceRow FROM ${table} WHERE id = ${recordId}`
      : sql`SELECT created_at AS createdAt, created_by AS createdBy, NULL AS importBatchId, NULL AS sourceRow FROM ${table} WHERE id = ${recordId}`,
  );
  if (row === undefined) return undefined;
  const { importBatchId } = row;
  const batch =
    importBatchId === null
      ? undefined
      : db.get<Provenance['batch'] | undefined>(sql`
          SELECT id, kind, file_name AS fileName, sheet_name AS sheetName, imported_at AS importedAt, imported_by AS importedBy
          FROM import_batch WHERE id = ${importBatchId}`);
  return {
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    importBatchId,
    sourceRow: row.sourceRow,
    batch: batch ?? null,
  };
}

/**
 * A record's audit trail, newest first: its own entries, and the entries its import batch wrote
 * for the whole table (an import records one entry per table, not one per row), plus where the
 * record came from (typed by whom, or which batch, file and row).
 */
export function listHistory(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'history:list'>): Output<'history:list'> {
  const { db } = deps;
  const provenance = provenanceOf(deps, input.tableName, input.recordId);
  const batchId = provenance?.importBatchId ?? null;
  const rows = db.all<AuditRow>(sql`
    SELECT seq, at, actor, action, record_id AS recordId, changes, import_batch_id AS importBatchId
    FROM audit_log
    WHERE table_name = ${input.tableName}
      AND (record_id = ${input.recordId} OR (record_id = ${batchId} AND import_batch_id = ${batchId}))
    ORDER BY seq DESC`);
  if (provenance === undefined && rows.length === 0) {
    throw new AppError('not_found', { what: `partners.record.${input.tableName}`, id: input.recordId });
  }
  return {
    entries: rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      batchLevel: row.recordId !== input.recordId,
      importBatchId: row.importBatchId,
      changes: parseChanges(row.changes),
    })),
    provenance: provenance ?? null,
  };
}
