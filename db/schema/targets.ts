import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { provenanceColumns, syncedColumns } from './columns';
import { region } from './regions';

export const targetKinds = [
  'rw',
  'pesantren',
  'panti_asuhan',
  'panti_disabilitas',
  'panti_werdha',
  'panti_sosial',
  'kampung',
  'umkm',
  'sekolah',
] as const;
export type TargetKind = (typeof targetKinds)[number];

/** Sasaran: who receives help, located in the wilayah tree (down to RW). */
export const target = sqliteTable(
  'target',
  {
    ...syncedColumns(),
    kind: text('kind', { enum: targetKinds }).notNull(),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    vulnerableFamilies: integer('vulnerable_families'),
    picName: text('pic_name'),
    picPhone: text('pic_phone'),
    /** What the PIC lokasi is there: ketua RW, pengurus panti, kepala sekolah, … */
    picRole: text('pic_role'),
    notes: text('notes'),
    ...provenanceColumns(),
  },
  (t) => [index('target_region_idx').on(t.regionCode)],
);
