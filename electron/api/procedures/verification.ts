import { z } from 'zod';
import { countSchema, idSchema, isoDateSchema, pageInput, pageOutput, regionCodeSchema, slugSchema } from '../schemas';
import { documentMediaTypes, MAX_DOCUMENT_BASE64_CHARS } from './agreements';
import { recapLevels } from './recaps';
import { targetKindSchema } from './targets';

/**
 * Layered verification of distributions (dilaporkan → diverifikasi wilayah → diverifikasi
 * sekretariat, or ditolak with a reason) and matching pledges to targets with open need (issue 10).
 * Shapes are checked here; the rules (one level at a time, four-eyes, program scope, never beyond
 * the need unless confirmed) live once in `electron/core/verification/rules.ts`.
 */

export const verificationStatusValues = ['dilaporkan', 'diverifikasi_wilayah', 'diverifikasi_sekretariat', 'ditolak'] as const;
export const verificationStatusSchema = z.enum(verificationStatusValues);
export const verificationLevels = ['wilayah', 'sekretariat'] as const;
export const verificationLevelSchema = z.enum(verificationLevels);
export type VerificationLevel = (typeof verificationLevels)[number];

/** Hex SHA-256 of a document already in the document store (a photo, a signed berita acara serah terima). */
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 (64 huruf heksadesimal)');

/** Which distributions a list or a bulk act covers. */
export const distributionFilterSchema = z
  .object({
    status: verificationStatusSchema.optional(),
    programId: slugSchema.optional(),
    itemTypeId: slugSchema.optional(),
    /** Rows of one import batch. */
    batchId: idSchema.optional(),
    /** This wilayah and everything under it. */
    regionCode: regionCodeSchema.optional(),
  })
  .strict();
export type DistributionFilter = z.output<typeof distributionFilterSchema>;

/** Explicit rows (`ids`), or every row the filter selects that the act applies to. */
export const distributionSelectionSchema = z.union([
  z.object({ ids: z.array(idSchema).min(1).max(500_000) }).strict(),
  z.object({ filter: distributionFilterSchema }).strict(),
]);
export type DistributionSelection = z.output<typeof distributionSelectionSchema>;

const reasonSchema = z.string().trim().min(3).max(2000);

/** Quantities of a selection per unit (paket, unit, Rp, …): what the confirmation states. */
const unitTotalSchema = z.object({ unit: z.string(), quantity: countSchema });

export const distributionRowSchema = z.object({
  id: idSchema,
  distributedOn: isoDateSchema,
  partnerId: idSchema,
  partnerName: z.string(),
  aggregatorName: z.string().nullable(),
  programId: z.string(),
  itemTypeId: z.string(),
  itemType: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  valueRupiah: z.number().int().nullable(),
  targetId: idSchema.nullable(),
  targetName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  verificationStatus: verificationStatusSchema,
  /** The reason of the rejection, for a `ditolak` row. */
  rejectedReason: z.string().nullable(),
  replacesId: idSchema.nullable(),
  /** The correction that replaced this rejected row, if any. */
  replacedById: idSchema.nullable(),
  importBatchId: z.string().nullable(),
  sourceRow: z.number().int().nullable(),
  createdBy: z.string(),
});
export type DistributionRow = z.output<typeof distributionRowSchema>;

export const verificationOutcomeSchema = z.object({
  /** True: nothing written; the figures say what the act would do. */
  dryRun: z.boolean(),
  verificationId: idSchema.nullable(),
  toStatus: verificationStatusSchema,
  rows: countSchema,
  units: z.array(unitTotalSchema),
  /** Rows reported or imported by the caller, verified under the administrator's override. */
  overridden: countSchema,
});

const historyEventSchema = z.object({
  at: z.string(),
  actor: z.string(),
  /** `report`: the row was typed or imported; `correct`: it replaces a rejected row. */
  action: z.enum(['report', 'correct', 'verify', 'reject', 'reset']),
  fromStatus: verificationStatusSchema.nullable(),
  toStatus: verificationStatusSchema,
  reason: z.string().nullable(),
  override: z.boolean(),
  evidence: z.array(z.string()),
});

/** What a person may change on a reported distribution (the place as for `distribution:create`). */
const distributionEditFields = {
  quantity: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  valueRupiah: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
  distributedOn: isoDateSchema,
  targetId: idSchema.nullable(),
  regionCode: regionCodeSchema.nullable(),
  notes: z.string().max(4000).nullable(),
};

export const openNeedRowSchema = z.object({
  /** The target (per-target rows) or null when the rows are summed per wilayah. */
  targetId: idSchema.nullable(),
  targetName: z.string().nullable(),
  targetKind: targetKindSchema.nullable(),
  picName: z.string().nullable(),
  picPhone: z.string().nullable(),
  picRole: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  programId: z.string(),
  itemTypeId: z.string(),
  itemType: z.string(),
  unit: z.string(),
  need: countSchema,
  /** Counted distributions (not deleted, not rejected). */
  realised: countSchema,
  /** Assigned pledge quantities not yet delivered by their partner. */
  assignedOpen: countSchema,
  /** need − realised − assignedOpen; negative when the target got more than it needs. */
  open: z.number().int(),
});
export type OpenNeedRow = z.output<typeof openNeedRowSchema>;

export const pledgeAssignmentSchema = z.object({
  id: idSchema,
  pledgeId: idSchema,
  targetId: idSchema,
  targetName: z.string(),
  regionCode: z.string(),
  quantity: countSchema,
  beyondNeed: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const pledgeProposalSchema = openNeedRowSchema.extend({
  targetId: idSchema,
  targetName: z.string(),
  /** How close to the pledge's wilayah: rw, kelurahan, kecamatan, kota, or provinsi (anywhere). */
  nearness: z.enum(['rw', 'kelurahan', 'kecamatan', 'kota', 'provinsi']),
});

export const verificationProcedures = {
  'distribution:list': {
    input: z
      .object({ ...pageInput(['distributedOn', 'quantity', 'verificationStatus', 'sourceRow']), ...distributionFilterSchema.shape })
      .strict(),
    output: pageOutput(distributionRowSchema).extend({
      /** Over every row the filter selects, not just the page; answered with the first page (offset 0), empty after. */
      units: z.array(unitTotalSchema),
    }),
  },
  'distribution:verify': {
    /**
     * Moves the selection one level up: `wilayah` from `dilaporkan`, `sekretariat` from
     * `diverifikasi_wilayah`. Explicit ids must all be at the level below; a filter takes the rows
     * at that level. `override` lets a Sekretariat account verify rows it reported itself (audited).
     */
    input: z
      .object({
        level: verificationLevelSchema,
        selection: distributionSelectionSchema,
        reason: z.string().trim().max(2000).nullable().default(null),
        evidence: z.array(sha256Schema).max(50).default([]),
        override: z.boolean().default(false),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: verificationOutcomeSchema,
  },
  'distribution:reject': {
    /** Rejects rows at any level (not already rejected) with a reason; they go back to the submitter. */
    input: z
      .object({
        selection: distributionSelectionSchema,
        reason: reasonSchema,
        evidence: z.array(sha256Schema).max(50).default([]),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: verificationOutcomeSchema,
  },
  'distribution:evidence': {
    /**
     * Stores a piece of evidence (a photo, a signed berita acara serah terima: PDF, JPEG or PNG) in
     * the content-addressed document store and answers its SHA-256, which a verification act names.
     */
    input: z.object({ fileName: z.string().min(1).max(1000), contentBase64: z.base64().max(MAX_DOCUMENT_BASE64_CHARS) }).strict(),
    output: z.object({ sha256: z.string(), fileName: z.string(), mediaType: z.enum(documentMediaTypes), sizeBytes: countSchema }),
  },
  'distribution:history': {
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ row: distributionRowSchema, events: z.array(historyEventSchema) }),
  },
  'distribution:update': {
    /**
     * Changes a reported or verified row (a rejected one is corrected instead). A verified row goes
     * back to `dilaporkan`: without `confirmReset` the call is refused with `verification_reset_confirm`
     * so the screen can say so before saving.
     */
    input: z
      .object({ id: idSchema, ...z.object(distributionEditFields).partial().shape, confirmReset: z.boolean().default(false) })
      .strict(),
    output: z.object({ row: distributionRowSchema, reset: z.boolean() }),
  },
  'distribution:correct': {
    /** A corrected version of a rejected row: a new row (`dilaporkan`) linked to the old, which stays rejected. */
    input: z.object({ id: idSchema, ...z.object(distributionEditFields).partial().shape }).strict(),
    output: distributionRowSchema,
  },
  'distribution:rejected-workbook': {
    /** Rejected rows (of a batch, or all) not yet corrected, with their reasons, in the import template's columns. */
    input: z.object({ batchId: idSchema.optional() }).strict(),
    output: z.object({ fileName: z.string(), rows: countSchema, contentBase64: z.string() }),
  },
  'target:open': {
    /**
     * Open needs: per target and item type (no `level`), or summed per wilayah of `level`. Only
     * rows with a need; `onlyOpen` keeps those with open > 0.
     */
    input: z
      .object({
        programId: slugSchema.optional(),
        itemTypeId: slugSchema.optional(),
        regionCode: regionCodeSchema.optional(),
        level: z.enum(recapLevels).optional(),
        onlyOpen: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ rows: z.array(openNeedRowSchema) }),
  },
  'pledge:list': {
    /** Live pledges with a quantity not yet assigned to targets, for the matching dialog's picker. */
    input: z
      .object({
        programId: slugSchema.optional(),
        itemTypeId: slugSchema.optional(),
        /** Words of the partner's name. */
        q: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({
      rows: z.array(
        z.object({
          id: idSchema,
          partnerName: z.string(),
          itemType: z.string(),
          unit: z.string(),
          quantity: countSchema,
          unassigned: countSchema,
          pledgedOn: isoDateSchema,
          regionName: z.string().nullable(),
        }),
      ),
    }),
  },
  'pledge:proposals': {
    /** Targets with open need for the pledge's item, nearest to its wilayah first, and what is already assigned. */
    input: z.object({ pledgeId: idSchema, limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.object({
      pledge: z.object({
        id: idSchema,
        partnerName: z.string(),
        itemTypeId: z.string(),
        itemType: z.string(),
        unit: z.string(),
        quantity: countSchema,
        regionCode: z.string().nullable(),
        viaAggregator: z.boolean(),
        /** quantity − what is assigned already. */
        unassigned: z.number().int(),
      }),
      assignments: z.array(pledgeAssignmentSchema),
      proposals: z.array(pledgeProposalSchema),
    }),
  },
  'pledge:assign': {
    /**
     * Assigns parts of a pledge to targets (a split over several). Refused beyond the pledge's
     * unassigned quantity, and beyond a target's open need unless `confirmBeyondNeed`.
     */
    input: z
      .object({
        pledgeId: idSchema,
        parts: z.array(z.object({ targetId: idSchema, quantity: z.number().int().positive() }).strict()).min(1).max(100),
        confirmBeyondNeed: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ assignments: z.array(pledgeAssignmentSchema) }),
  },
  'pledge:unassign': {
    input: z.object({ assignmentId: idSchema }).strict(),
    output: z.object({ assignments: z.array(pledgeAssignmentSchema) }),
  },
} as const;
