import { sql } from 'drizzle-orm';
import { importBatch } from '../../../db/schema';
import { AppError } from '../../api/errors';
import type { ImportBatchRow, SubmissionKind } from '../../api/procedures/imports';
import { inTransaction, journalWrite } from '../audit/journal';
import type { CallContext, CoreDeps } from '../context';

/** The import batches (newest first) and the rollback of one whole batch. */

export function listBatches(
  deps: Pick<CoreDeps, 'db'>,
  input: { offset: number; limit: number; kind?: SubmissionKind },
): { total: number; rows: ImportBatchRow[] } {
  const client = deps.db.$client;
  const where = input.kind === undefined ? '' : 'WHERE kind = @kind';
  const params: Record<string, string | number> = input.kind === undefined ? {} : { kind: input.kind };
  const total = client.prepare<Record<string, string | number>, number>(`SELECT count(*) FROM import_batch ${where}`).pluck().get(params) ?? 0;
  const rows = client
    .prepare<Record<string, string | number>, ImportBatchRow>(
      `SELECT id, kind, file_name AS fileName, file_sha256 AS sha256, sheet_name AS sheetName, imported_at AS importedAt,
              imported_by AS importedBy, rows_total AS rowsTotal, rows_imported AS rowsImported, rows_rejected AS rowsRejected,
              rows_duplicate AS rowsDuplicate, rolled_back_at AS rolledBackAt, rolled_back_by AS rolledBackBy
       FROM import_batch ${where} ORDER BY imported_at DESC, id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  return { total, rows };
}

/** Tables whose records point back at their batch, in the order a rollback tombstones them. */
const batchTables = ['distribution', 'pledge', 'need', 'fund_transfer', 'agreement', 'partner'] as const;

/** Live records outside the batch that name a partner or agreement the batch created: rolling back would orphan them. */
const REFERENCES_FROM_OUTSIDE = `
  SELECT
    (SELECT count(*) FROM distribution d WHERE d.deleted_at IS NULL AND coalesce(d.import_batch_id, '') <> @batch
       AND (d.partner_id IN (SELECT id FROM partner WHERE import_batch_id = @batch) OR d.aggregator_id IN (SELECT id FROM partner WHERE import_batch_id = @batch)))
  + (SELECT count(*) FROM pledge p WHERE p.deleted_at IS NULL AND coalesce(p.import_batch_id, '') <> @batch
       AND (p.partner_id IN (SELECT id FROM partner WHERE import_batch_id = @batch) OR p.aggregator_id IN (SELECT id FROM partner WHERE import_batch_id = @batch)))
  + (SELECT count(*) FROM fund_transfer f WHERE f.deleted_at IS NULL AND coalesce(f.import_batch_id, '') <> @batch
       AND (f.donor_id IN (SELECT id FROM partner WHERE import_batch_id = @batch) OR f.aggregator_id IN (SELECT id FROM partner WHERE import_batch_id = @batch)))
  + (SELECT count(*) FROM agreement a WHERE a.deleted_at IS NULL AND coalesce(a.import_batch_id, '') <> @batch
       AND (a.partner_id IN (SELECT id FROM partner WHERE import_batch_id = @batch) OR a.parent_agreement_id IN (SELECT id FROM agreement WHERE import_batch_id = @batch)))`;

/**
 * Rolls a whole batch back in one transaction: every record it wrote is tombstoned (`deleted_at`),
 * with one audit entry per table and one outbox mutation for the batch; the batch is marked, so
 * the same file may be imported again. Refused when records outside the batch depend on it.
 */
export function rollbackBatch(deps: CoreDeps, batchId: string, ctx: CallContext): { batchId: string; records: number; rolledBackAt: string } {
  const { db } = deps;
  const client = db.$client;
  return inTransaction(db, () => {
    const batch = client
      .prepare<[string], { kind: string; rolledBackAt: string | null; fileName: string }>('SELECT kind, rolled_back_at AS rolledBackAt, file_name AS fileName FROM import_batch WHERE id = ?')
      .get(batchId);
    if (!batch) throw new AppError('not_found', { what: 'imports.what.batch', id: batchId });
    if (batch.kind === 'demo') throw new AppError('import_rollback_refused', { batchId, reason: 'imports.rollbackRefused.demo' });
    if (batch.rolledBackAt !== null) throw new AppError('import_rollback_refused', { batchId, reason: 'imports.rollbackRefused.already' });
    const dependents = client.prepare<{ batch: string }, number>(REFERENCES_FROM_OUTSIDE).pluck().get({ batch: batchId }) ?? 0;
    if (dependents > 0) throw new AppError('import_rollback_refused', { batchId, reason: 'imports.rollbackRefused.dependents', count: dependents });
    const at = deps.clock.now().toISOString();
    const stamp = deps.hlc.tick();
    const counts: Record<string, number> = {};
    let records = 0;
    for (const table of batchTables) {
      const changed = client.prepare(`UPDATE ${table} SET deleted_at = ?, hlc = ? WHERE import_batch_id = ? AND deleted_at IS NULL`).run(at, stamp, batchId).changes;
      if (changed === 0) continue;
      counts[table] = changed;
      records += changed;
      journalWrite(deps, { actor: ctx.actor, action: 'rollback', tableName: table, recordId: batchId, changes: { rows: changed }, importBatchId: batchId });
    }
    db.update(importBatch).set({ rolledBackAt: at, rolledBackBy: ctx.actor }).where(sql`${importBatch.id} = ${batchId}`).run();
    // One tombstone mutation stands for every record of the batch, as one `import_batch` mutation brought them.
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'rollback', tableName: 'import_batch', recordId: batchId, changes: { rolledBackAt: [null, at], tables: counts }, importBatchId: batchId },
      { tableName: 'import_batch', recordId: batchId, op: 'delete', payload: { rolledBackAt: at, tables: counts } },
    );
    return { batchId, records, rolledBackAt: at };
  });
}
