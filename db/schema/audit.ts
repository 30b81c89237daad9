import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only audit trail. Each entry stores the SHA-256 of the previous one, so an edited,
 * deleted or reordered entry breaks the chain at a place that can be named.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    changes: text('changes').notNull(),
    importBatchId: text('import_batch_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_record_idx').on(t.tableName, t.recordId)],
);
