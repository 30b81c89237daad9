import { z } from 'zod';
import type { Result } from './errors';
import { type Lang, languages } from './i18n';
import type { ProcedureName } from './procedure-names';

export { isProcedureName, procedureNames, type ProcedureName } from './procedure-names';

/**
 * The one API contract. Every procedure is named once here with its input and output schemas;
 * the core implements it in one handler table, and Electron IPC, the web host and the CLI call
 * that table. Inputs are parsed with these schemas on the Node side before any service runs.
 */

export const regionCodeSchema = z
  .string()
  .regex(/^31(\.\d{2}(\.\d{2}(\.\d{4}(\.\d{3})?)?)?)?$/, 'kode wilayah Kemendagri, mis. 31.71.01.1001');

export const regionLevelSchema = z.enum(['provinsi', 'kota', 'kecamatan', 'kelurahan', 'rw']);

const count = z.number().int().nonnegative();
const rupiah = z.number().int();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const regionSummarySchema = z.object({
  code: regionCodeSchema,
  level: regionLevelSchema,
  name: z.string(),
  childCount: count,
  targetCount: count,
  distributionCount: count,
  distributedRupiah: count,
});

const regionSchema = z.object({
  code: regionCodeSchema,
  level: regionLevelSchema,
  name: z.string(),
});

const empty = z.object({}).strict();

export const procedures = {
  'app:info': {
    input: empty,
    output: z.object({
      version: z.string(),
      schemaVersion: count,
      databasePath: z.string(),
    }),
  },
  'dashboard:summary': {
    input: empty,
    output: z.object({
      partners: count,
      collaborators: count,
      aggregators: count,
      agreements: count,
      targets: count,
      needs: count,
      pledges: count,
      distributions: count,
      distributionsRejected: count,
      fundTransfers: count,
      pledgedRupiah: rupiah,
      distributedRupiah: rupiah,
      transferredRupiah: rupiah,
      kotaReached: count,
      kelurahanReached: count,
      rwReached: count,
      firstDistributionOn: isoDate.nullable(),
      lastDistributionOn: isoDate.nullable(),
    }),
  },
  'region:children': {
    input: z.object({ parentCode: regionCodeSchema.nullable() }).strict(),
    output: z.object({
      parent: regionSchema.nullable(),
      ancestors: z.array(regionSchema),
      children: z.array(regionSummarySchema),
    }),
  },
  'settings:get': {
    input: empty,
    output: z.object({ language: z.enum(languages) }),
  },
  'settings:set': {
    input: z.object({ language: z.enum(languages) }).strict(),
    output: z.object({ language: z.enum(languages) }),
  },
} as const satisfies Record<ProcedureName, { input: z.ZodType; output: z.ZodType }>;

export type Procedures = typeof procedures;
export type Input<K extends ProcedureName> = z.input<Procedures[K]['input']>;
export type ParsedInput<K extends ProcedureName> = z.output<Procedures[K]['input']>;
export type Output<K extends ProcedureName> = z.output<Procedures[K]['output']>;

/**
 * The client every transport offers the renderer: one typed call, answered with a Result whose
 * error message is in `lang`. The Electron preload puts one on `window.ksbb`.
 */
export interface ApiClient {
  call<K extends ProcedureName>(name: K, input: Input<K>, lang: Lang): Promise<Result<Output<K>>>;
}
