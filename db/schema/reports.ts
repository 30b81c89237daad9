import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * An issued (frozen) Festival Kolaborasi report: the parameters it was asked with, the figures as
 * they were (JSON of `FestivalReport`), and the SHA-256 of its PDF and workbook, whose bytes live
 * in the content-addressed document store. Never changed once written; local to this
 * installation (it records what this desk issued), audited.
 */
export const festivalReport = sqliteTable(
  'festival_report',
  {
    id: text('id').primaryKey(),
    /** JSON of `FestivalParams`. */
    params: text('params').notNull(),
    /** JSON of `FestivalReport`. */
    figures: text('figures').notNull(),
    pdfSha256: text('pdf_sha256').notNull(),
    pdfFileName: text('pdf_file_name').notNull(),
    xlsxSha256: text('xlsx_sha256').notNull(),
    xlsxFileName: text('xlsx_file_name').notNull(),
    issuedAt: text('issued_at').notNull(),
    issuedBy: text('issued_by').notNull(),
  },
  (t) => [index('festival_report_issued_idx').on(t.issuedAt)],
);
