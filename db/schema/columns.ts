import { integer, text } from 'drizzle-orm/sqlite-core';
import { importBatch } from './imports';

/**
 * Columns every synced row carries (see DESIGN.md, "Sync in one paragraph"): a UUIDv7 id made
 * offline, the hybrid-logical-clock stamp of its last change and a tombstone instead of a delete.
 */
export const syncedColumns = () => ({
  id: text('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  hlc: text('hlc').notNull(),
  deletedAt: text('deleted_at'),
});

/** Where a record came from: an import batch and its source row, or the user who typed it. */
export const provenanceColumns = () => ({
  importBatchId: text('import_batch_id').references(() => importBatch.id),
  sourceRow: integer('source_row'),
  createdBy: text('created_by').notNull(),
});
