import { z } from 'zod';
import { countSchema, idSchema, pageInput, pageOutput, regionCodeSchema } from '../schemas';

/**
 * Targets (sasaran: RW with their keluarga rentan, pesantren, panti, kampung, UMKM, schools) and
 * SKPD (agencies). Shapes are checked here; rules (an RW target sits in an RW and states its
 * vulnerable families, the wilayah exists, …) in the core, answered as errors naming the field.
 */

/** The same list as `db/schema/targets.ts` (the core checks that they agree). */
export const targetKindValues = [
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
export const targetKindSchema = z.enum(targetKindValues);

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => (value.trim() === '' ? null : value.trim()))
    .nullable();

const rwNumberSchema = z.number().int().min(1).max(999);

/**
 * Where a target is: `regionCode` is any existing wilayah; with `rw` it must be a kelurahan and
 * the target sits in that kelurahan's RW (`31.71.01.1001` + 5 → `31.71.01.1001.005`), which is
 * created the first time it is named.
 */
const targetFields = {
  kind: targetKindSchema,
  /** Required, except for kind `rw` where it defaults to "RW 005 <kelurahan>". */
  name: optionalText(200),
  regionCode: regionCodeSchema,
  rw: rwNumberSchema.nullable(),
  /** Keluarga rentan: required (≥ 0) for kind `rw`. */
  vulnerableFamilies: z.number().int().nullable(),
  picName: optionalText(200),
  /** Indonesian phone, stored as `+62…` like a partner's. */
  picPhone: optionalText(40),
  /** What the PIC lokasi is there: ketua RW, pengurus panti, … */
  picRole: optionalText(100),
  notes: optionalText(4000),
};

export const targetRowSchema = z.object({
  id: idSchema,
  kind: targetKindSchema,
  name: z.string(),
  regionCode: regionCodeSchema,
  /** The wilayah's own name ("RW 005" for an RW). */
  regionName: z.string().nullable(),
  kelurahanName: z.string().nullable(),
  kotaName: z.string().nullable(),
  /** The RW number when the target sits in an RW. */
  rw: z.number().int().nullable(),
  vulnerableFamilies: z.number().int().nullable(),
  picName: z.string().nullable(),
  picPhone: z.string().nullable(),
  picRole: z.string().nullable(),
});

export const targetRecordSchema = targetRowSchema.extend({
  notes: z.string().nullable(),
  /** Kota → kecamatan → kelurahan (→ RW), for a breadcrumb. */
  regionPath: z.array(z.object({ code: regionCodeSchema, name: z.string() })),
  createdAt: z.string(),
  createdBy: z.string(),
  importBatchId: z.string().nullable(),
  sourceRow: z.number().int().nullable(),
  deletedAt: z.string().nullable(),
});

export const agencyIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug: huruf kecil, angka dan tanda hubung, mis. dinas-sosial')
  .max(60);

export const agencyRowSchema = z.object({
  id: agencyIdSchema,
  name: z.string(),
  shortName: z.string(),
  /** Programs this SKPD accompanies. */
  programIds: z.array(z.string()),
  /** Live PKS agreements naming this SKPD. */
  agreementCount: countSchema,
});

export const targetProcedures = {
  'target:list': {
    input: z
      .object({
        ...pageInput(['name', 'kind', 'regionCode', 'vulnerableFamilies', 'createdAt']),
        /** Search text over name, PIC and wilayah name (word beginnings). */
        q: z.string().max(200).optional(),
        kind: targetKindSchema.optional(),
        /** This wilayah and everything under it. */
        regionCode: regionCodeSchema.optional(),
      })
      .strict(),
    output: pageOutput(targetRowSchema),
  },
  'target:get': {
    input: z.object({ id: idSchema }).strict(),
    output: targetRecordSchema.extend({
      counts: z.object({ needs: countSchema, pledges: countSchema, distributions: countSchema }),
    }),
  },
  'target:create': {
    input: z
      .object({
        ...targetFields,
        name: targetFields.name.default(null),
        rw: targetFields.rw.default(null),
        vulnerableFamilies: targetFields.vulnerableFamilies.default(null),
        picName: targetFields.picName.default(null),
        picPhone: targetFields.picPhone.default(null),
        picRole: targetFields.picRole.default(null),
        notes: targetFields.notes.default(null),
      })
      .strict(),
    output: targetRecordSchema,
  },
  'target:update': {
    /** Only the fields that change. The place changes only when `regionCode` is given (with `rw` or without). */
    input: z
      .object({ id: idSchema, ...z.object(targetFields).partial().shape })
      .strict()
      .refine((input) => input.rw === undefined || input.regionCode !== undefined, {
        message: 'rw hanya bersama regionCode (kode kelurahannya)',
        path: ['rw'],
      }),
    output: targetRecordSchema,
  },
  'agency:list': {
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(agencyRowSchema) }),
  },
  'agency:create': {
    input: z
      .object({ id: agencyIdSchema, name: z.string().max(200), shortName: z.string().max(60) })
      .strict(),
    output: agencyRowSchema,
  },
  'agency:update': {
    input: z
      .object({ id: agencyIdSchema, name: z.string().max(200).optional(), shortName: z.string().max(60).optional() })
      .strict(),
    output: agencyRowSchema,
  },
} as const;
