import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, text } from 'drizzle-orm/sqlite-core';
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

/**
 * The natural key of a record that came from a submitted row (see `core/imports/natural-key.ts`): a
 * resubmitted workbook repeating rows already imported finds them here and skips them. Null for
 * records typed in by a person.
 */
export const naturalKeyColumn = () => text('natural_key');

/** Live imported records by natural key: what the duplicate check of an import looks up. */
export const naturalKeyIndex = (name: string, column: AnySQLiteColumn) =>
  index(name).on(column).where(sql`natural_key IS NOT NULL AND deleted_at IS NULL`);
