import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
export const importBatch = sqliteTable(
  'import_batch',
  {
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
    /** Set when the whole batch was rolled back: its records are tombstoned and the file may be imported again. */
    rolledBackAt: text('rolled_back_at'),
    rolledBackBy: text('rolled_back_by'),
  },
  (t) => [index('import_batch_sha256_idx').on(t.fileSha256)],
);

/**
 * The column mapping a person chose for one submitter's workbooks of one kind, by the signature
 * of their header row: the next file with the same headers from the same submitter is read the
 * same way. Local to this installation, not synced.
 */
export const importMapping = sqliteTable(
  'import_mapping',
  {
    /** The submitter's name as normalised for partner names. */
    submitterKey: text('submitter_key').notNull(),
    kind: text('kind', { enum: importKinds }).notNull(),
    headerSignature: text('header_signature').notNull(),
    /** JSON: field key → column index. */
    mapping: text('mapping').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submitterKey, t.kind, t.headerSignature] })],
);
