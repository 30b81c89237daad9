import { type AnySQLiteColumn, index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const regionLevels = ['provinsi', 'kota', 'kecamatan', 'kelurahan', 'rw'] as const;
export type RegionLevel = (typeof regionLevels)[number];

/**
 * The Kemendagri wilayah tree. The code is the natural key that every submission and every
 * device agrees on (`31.71.01.1001`); an RW is a child of its kelurahan with code
 * `<kelurahan>.<RW 3 digits>` and is created the first time a record names it.
 */
export const region = sqliteTable(
  'region',
  {
    code: text('code').primaryKey(),
    level: text('level', { enum: regionLevels }).notNull(),
    name: text('name').notNull(),
    parentCode: text('parent_code').references((): AnySQLiteColumn => region.code),
  },
  (t) => [index('region_parent_idx').on(t.parentCode)],
);
