import { z } from 'zod';

/** Schema pieces every procedure file shares: one definition of a date, a code, a page. */

export const regionCodeSchema = z
  .string()
  .regex(/^31(\.\d{2}(\.\d{2}(\.\d{4}(\.\d{3})?)?)?)?$/, 'kode wilayah Kemendagri, mis. 31.71.01.1001');

export const regionLevelSchema = z.enum(['provinsi', 'kota', 'kecamatan', 'kelurahan', 'rw']);

export const countSchema = z.number().int().nonnegative();
/** Whole Rupiah. */
export const rupiahSchema = z.number().int();
/** A calendar date `YYYY-MM-DD` that exists (2020-02-30 does not). */
export const isoDateSchema = z.iso.date();
export const idSchema = z.uuid();
/** Reference data ids (agency, program, item type) are stable slugs, not UUIDs. */
export const slugSchema = z.string().min(1).max(100);

export const emptyInput = z.object({}).strict();

/**
 * A page of a big table: lists page, sort and filter in SQL, and the renderer asks for the rows
 * it is about to show.
 */
export function pageInput<const Sort extends readonly [string, ...string[]]>(sortColumns: Sort) {
  return {
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(100),
    sort: z.enum(sortColumns).optional(),
    direction: z.enum(['asc', 'desc']).default('asc'),
  };
}

export function pageOutput<Row extends z.ZodType>(row: Row) {
  return z.object({ total: countSchema, rows: z.array(row) });
}
