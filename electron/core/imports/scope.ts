import type { Db } from '../../../db/connection';
import type { SubmissionKind } from '../../api/procedures/imports';
import { requireItemTypeScope, requireProgramScope, requireRole, roleOf } from '../auth/scope';
import type { CallContext } from '../context';
import type { CheckedRow } from './validate';

/** What an import writes, as far as the caller's scope is concerned. */
export interface ImportWrites {
  kind: SubmissionKind;
  /** Item types of the needs, pledges or distributions. */
  itemTypeIds: string[];
  /** Programs of the fund transfers (null: for no program in particular). */
  programIds: (string | null)[];
}

/**
 * An SKPD account imports and rolls back only rows of its own programs; partners, PKS and fund
 * transfers for no program are the Secretariat's.
 */
export function requireImportScope(db: Db, ctx: CallContext, writes: ImportWrites, action: string): void {
  if (roleOf(ctx) === 'sekretariat') return;
  if (writes.kind === 'partners' || writes.kind === 'agreements' || writes.programIds.includes(null)) requireRole(ctx, action, 'sekretariat');
  requireItemTypeScope(db, ctx, writes.itemTypeIds, action);
  requireProgramScope(ctx, writes.programIds.filter((id): id is string => id !== null), action);
}

/** The writes of a job's accepted rows. */
export function writesOfRows(kind: SubmissionKind, rows: readonly CheckedRow[]): ImportWrites {
  const values = rows.filter((row) => row.status === 'accepted' && row.record !== null).map((row) => row.record?.values ?? {});
  return {
    kind,
    itemTypeIds: values.flatMap((v) => (typeof v.itemTypeId === 'string' ? [v.itemTypeId] : [])),
    programIds: kind === 'fund-transfers' ? values.map((v) => (typeof v.programId === 'string' ? v.programId : null)) : [],
  };
}

const itemTables: Partial<Record<SubmissionKind, string>> = { needs: 'need', pledges: 'pledge', distributions: 'distribution' };

/** The writes of a committed batch (for its rollback); null when there is no such batch. */
export function writesOfBatch(db: Db, batchId: string): ImportWrites | null {
  const client = db.$client;
  const batch = client.prepare<[string], { kind: SubmissionKind }>('SELECT kind FROM import_batch WHERE id = ?').get(batchId);
  if (!batch) return null;
  const table = itemTables[batch.kind];
  const itemTypeIds = table
    ? client.prepare<[string], { id: string }>(`SELECT DISTINCT item_type_id AS id FROM ${table} WHERE import_batch_id = ?`).all(batchId).map((r) => r.id)
    : [];
  const programIds =
    batch.kind === 'fund-transfers'
      ? client.prepare<[string], { id: string | null }>('SELECT DISTINCT program_id AS id FROM fund_transfer WHERE import_batch_id = ?').all(batchId).map((r) => r.id)
      : [];
  return { kind: batch.kind, itemTypeIds, programIds };
}
