import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** SKPD pengampu: the provincial office that accompanies a program. */
export const agency = sqliteTable('agency', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
});

/** The six KSBB programs. Ids are stable slugs so that every device seeds the same rows. */
export const program = sqliteTable('program', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  agencyId: text('agency_id')
    .notNull()
    .references(() => agency.id),
  sortOrder: integer('sort_order').notNull(),
});

export const itemMeasures = ['quantity', 'rupiah'] as const;
export type ItemMeasure = (typeof itemMeasures)[number];

/** Jenis bantuan: an item type of a program, counted in its unit or in Rupiah. */
export const itemType = sqliteTable(
  'item_type',
  {
    id: text('id').primaryKey(),
    programId: text('program_id')
      .notNull()
      .references(() => program.id),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    measure: text('measure', { enum: itemMeasures }).notNull(),
    archivedAt: text('archived_at'),
  },
  (t) => [index('item_type_program_idx').on(t.programId)],
);
