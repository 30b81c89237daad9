import { z } from 'zod';
import { idSchema, isoDateSchema, regionCodeSchema } from '../schemas';

/**
 * Typed-in pledges, distributions and fund transfers. Whatever goes via an aggregator passes the
 * aggregator authority rule (a signed PKS valid on the date and, for money, a valid licence).
 */

/** The earliest transaction date accepted: KSBB started in 2020. */
export const EARLIEST_ACTIVITY_DATE = '2020-01-01';

const slugSchema = z.string().min(1).max(100);
const notesSchema = z.string().max(4000).nullable().default(null);
const quantitySchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const rupiahValueSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable().default(null);

const activityFields = {
  /** The collaborator (kolaborator) who gives. */
  partnerId: idSchema,
  /** Set when the help goes via an aggregator: then the authority rule applies. */
  aggregatorId: idSchema.nullable().default(null),
  itemTypeId: slugSchema,
  /** In the item type's unit; Rupiah for Rupiah item types. */
  quantity: quantitySchema,
  valueRupiah: rupiahValueSchema,
  targetId: idSchema.nullable().default(null),
  regionCode: regionCodeSchema.nullable().default(null),
  notes: notesSchema,
};

const activityRow = {
  id: idSchema,
  partnerId: idSchema,
  aggregatorId: idSchema.nullable(),
  itemTypeId: z.string(),
  quantity: z.number().int(),
  valueRupiah: z.number().int().nullable(),
  targetId: idSchema.nullable(),
  regionCode: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
};

export const activityProcedures = {
  'pledge:create': {
    input: z.object({ ...activityFields, pledgedOn: isoDateSchema }).strict(),
    output: z.object({ ...activityRow, pledgedOn: isoDateSchema }),
  },
  'distribution:create': {
    /** Needs a target or a wilayah; starts as `dilaporkan` (reported, not yet verified). */
    input: z.object({ ...activityFields, distributedOn: isoDateSchema }).strict(),
    output: z.object({
      ...activityRow,
      regionCode: z.string(),
      distributedOn: isoDateSchema,
      verificationStatus: z.enum(['dilaporkan', 'diverifikasi_wilayah', 'diverifikasi_sekretariat', 'ditolak']),
    }),
  },
  'fund-transfer:create': {
    input: z
      .object({
        donorId: idSchema,
        aggregatorId: idSchema,
        programId: slugSchema.nullable().default(null),
        amountRupiah: quantitySchema,
        transferredOn: isoDateSchema,
        reference: z.string().trim().max(200).nullable().default(null),
        notes: notesSchema,
      })
      .strict(),
    output: z.object({
      id: idSchema,
      donorId: idSchema,
      aggregatorId: idSchema,
      programId: z.string().nullable(),
      amountRupiah: z.number().int(),
      transferredOn: isoDateSchema,
      reference: z.string().nullable(),
      notes: z.string().nullable(),
      createdAt: z.string(),
      createdBy: z.string(),
    }),
  },
} as const;
