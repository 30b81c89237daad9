import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const importKinds = [
  'partners',
  'agreements',
  'needs',
  'pledges',
  'distributions',
  'fund-transfers',
  'demo',
] as const;
export type ImportKind = (typeof importKinds)[number];

/** One imported file (or one demo run): every record it produced points back at it. */
export const importBatch = sqliteTable('import_batch', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: importKinds }).notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  sheetName: text('sheet_name'),
  importedAt: text('imported_at').notNull(),
  importedBy: text('imported_by').notNull(),
  rowsTotal: integer('rows_total').notNull(),
  rowsImported: integer('rows_imported').notNull(),
  rowsRejected: integer('rows_rejected').notNull(),
  rowsDuplicate: integer('rows_duplicate').notNull(),
});
