import { z } from 'zod';
import { countSchema, idSchema, isoDateSchema, pageOutput, regionCodeSchema, rupiahSchema, slugSchema } from '../schemas';

/**
 * Recaps per program and per wilayah, overlap (tumpang tindih), targets left unserved, the
 * timeline of realisations, and the rows behind any figure. The SQL lives once in
 * `electron/core/recaps/`; the screens, the exports and `ksbb recap` all call it.
 */

export const recapChannels = ['all', 'aggregator', 'end-to-end'] as const;
export const recapLevels = ['kota', 'kecamatan', 'kelurahan', 'rw'] as const;
export const recapVerificationLevels = ['dilaporkan', 'diverifikasi_wilayah', 'diverifikasi_sekretariat'] as const;
export type RecapLevel = (typeof recapLevels)[number];

/**
 * The one filter every recap, figure and export takes. Period: pledges, distributions and fund
 * transfers dated within `from`–`to` (inclusive); needs whose period overlaps it. Program, item
 * type and SKPD narrow by the item type's program (fund transfers by their program; with an item
 * type they have none and drop out). Partner: activity by the partner or via it as aggregator
 * (fund transfers: as donor or aggregator); needs are never narrowed by partner or channel.
 * Channel: via an aggregator or end-to-end (fund transfers always go via an aggregator).
 */
export const recapFilterSchema = z
  .object({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    programId: slugSchema.optional(),
    itemTypeId: slugSchema.optional(),
    /** SKPD pengampu. */
    agencyId: slugSchema.optional(),
    partnerId: idSchema.optional(),
    channel: z.enum(recapChannels).default('all'),
    /**
     * Distributions counted at least at this verification level (issue 10): `dilaporkan` (the
     * default) every one not rejected; `diverifikasi_sekretariat` only the final, "terverifikasi".
     */
    verification: z.enum(recapVerificationLevels).optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { message: 'from ≤ to', path: ['to'] });

/** Filters with every default applied, as the recap services take them. */
export type RecapFilters = z.output<typeof recapFilterSchema>;
export type RecapFilterInput = z.input<typeof recapFilterSchema>;

const filtersInput = recapFilterSchema.default({ channel: 'all' });

/** The measures of one program's item type, in one recap row. */
export const recapItemSchema = z.object({
  programId: z.string(),
  program: z.string(),
  itemTypeId: z.string(),
  itemType: z.string(),
  unit: z.string(),
  measure: z.enum(['quantity', 'rupiah']),
  /** Distinct collaborators who pledged or delivered this item (fund-transfer donors count at row level). */
  collaborators: countSchema,
  /** Distinct aggregators the pledges and deliveries went through. */
  aggregators: countSchema,
  /** Distinct targets reached by a counted distribution. */
  targets: countSchema,
  /** Sum of the needs of targets (in this row's wilayah) overlapping the period. */
  need: countSchema,
  pledged: countSchema,
  /** Counted distributions only: not deleted, not rejected at verification. */
  realised: countSchema,
  /** realised ÷ need; null when no need is recorded. */
  coverage: z.number().nonnegative().nullable(),
  rupiahPledged: rupiahSchema,
  rupiahRealised: rupiahSchema,
});

/** One recap row: a program (code = program id) or a wilayah (code = Kemendagri code). */
export const recapRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Distinct over the whole row (not the sum of its items: one partner may give several items). */
  collaborators: countSchema,
  aggregators: countSchema,
  targets: countSchema,
  rupiahPledged: rupiahSchema,
  rupiahRealised: rupiahSchema,
  /** Money donors handed to aggregators for the program; null for a wilayah (a transfer has no place). */
  rupiahTransferred: rupiahSchema.nullable(),
  items: z.array(recapItemSchema),
});

/**
 * An item of a wilayah row: the same figures, but the distinct counts are per wilayah only (the
 * row's), so here they are null — per item and wilayah they would cost a look-up per partner,
 * item and wilayah.
 */
export const wilayahItemSchema = recapItemSchema.extend({
  collaborators: z.null(),
  aggregators: z.null(),
  targets: z.null(),
});

export const wilayahRowSchema = recapRowSchema.extend({ items: z.array(wilayahItemSchema) });

export const recapTotalsSchema = recapRowSchema.extend({
  /** Distinct wilayah reached by counted distributions. */
  kota: countSchema,
  kecamatan: countSchema,
  kelurahan: countSchema,
  rw: countSchema,
});

const regionRefSchema = z.object({ code: regionCodeSchema, level: z.enum(['provinsi', ...recapLevels]), name: z.string() });

export const recapProgramSchema = z.object({
  by: z.literal('program'),
  filters: recapFilterSchema,
  rows: z.array(recapRowSchema),
  totals: recapTotalsSchema,
});

export const recapWilayahSchema = z.object({
  by: z.literal('wilayah'),
  level: z.enum(recapLevels),
  filters: recapFilterSchema,
  /** The wilayah drilled into (null: the whole province) and the way down to it. */
  parent: regionRefSchema.nullable(),
  ancestors: z.array(regionRefSchema),
  /** Every wilayah of `level` under the parent, with or without activity. */
  rows: z.array(wilayahRowSchema),
  /** Everything located inside the parent (pledges via an aggregator with no place are left out). */
  totals: wilayahRowSchema.extend(recapTotalsSchema.pick({ kota: true, kecamatan: true, kelurahan: true, rw: true }).shape),
});

export const overlapPartnerSchema = z.object({
  partnerId: idSchema,
  name: z.string(),
  isAggregator: z.boolean(),
  realised: countSchema,
  distributions: countSchema,
  /** Assigned to this target for this item through the deliverer's pledges (matching); null when the place is no target. */
  assigned: countSchema.nullable(),
});

/**
 * Why an overlap happened, from the assignments (matching, issue 10): deliveries named no target
 * (`no_target`), a deliverer had no assignment there (`unassigned`), one delivered more than
 * assigned (`beyond_assignment`), or every deliverer kept to an assignment and the assignments
 * themselves went beyond the need, as an officer confirmed (`assigned_beyond_need`).
 */
export const overlapExplanations = ['no_target', 'unassigned', 'beyond_assignment', 'assigned_beyond_need'] as const;

/**
 * Tumpang tindih: one place (a target, or the wilayah named when no target was) received one item
 * type in the period from more than one deliverer — the aggregator when the delivery went via one,
 * else the collaborator — and more than its need, or with no need recorded at all (then nothing
 * shows that the deliveries were coordinated).
 */
export const overlapRowSchema = z.object({
  targetId: idSchema.nullable(),
  targetName: z.string().nullable(),
  regionCode: regionCodeSchema,
  regionName: z.string(),
  programId: z.string(),
  program: z.string(),
  itemTypeId: z.string(),
  itemType: z.string(),
  unit: z.string(),
  need: countSchema.nullable(),
  realised: countSchema,
  /** realised − need; null when no need is recorded. */
  excess: countSchema.nullable(),
  reason: z.enum(['beyond_need', 'no_need']),
  explanation: z.enum(overlapExplanations),
  partners: z.array(overlapPartnerSchema),
});

export const unservedRowSchema = z.object({
  targetId: idSchema,
  targetName: z.string(),
  targetKind: z.string(),
  regionCode: regionCodeSchema,
  regionName: z.string(),
  programId: z.string(),
  program: z.string(),
  itemTypeId: z.string(),
  itemType: z.string(),
  unit: z.string(),
  need: countSchema,
});

export const timelinePointSchema = z.object({
  /** First day of the week (Monday) or month. */
  period: isoDateSchema,
  programId: z.string(),
  itemTypeId: z.string(),
  realised: countSchema,
  rupiahRealised: rupiahSchema,
  distributions: countSchema,
});

export const recapRowSources = ['distributions', 'pledges', 'needs', 'fund-transfers'] as const;
export type RecapRowSource = (typeof recapRowSources)[number];

/** One record behind a figure, with where it came from (import batch and source row, or who typed it). */
export const recapRecordSchema = z.object({
  source: z.enum(recapRowSources),
  id: idSchema,
  /** Distribution, pledge or transfer date; a need's first day. */
  date: isoDateSchema,
  /** A need's last day. */
  dateTo: isoDateSchema.nullable(),
  /** Collaborator (donor for a fund transfer); null for a need. */
  partnerId: idSchema.nullable(),
  partnerName: z.string().nullable(),
  aggregatorId: idSchema.nullable(),
  aggregatorName: z.string().nullable(),
  programId: z.string().nullable(),
  program: z.string().nullable(),
  itemTypeId: z.string().nullable(),
  itemType: z.string().nullable(),
  unit: z.string().nullable(),
  /** In the item type's unit; Rupiah for a fund transfer. */
  quantity: z.number().int(),
  valueRupiah: z.number().int().nullable(),
  targetId: idSchema.nullable(),
  targetName: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  verificationStatus: z.string().nullable(),
  importBatchId: z.string().nullable(),
  importFileName: z.string().nullable(),
  sourceRow: z.number().int().nullable(),
  createdBy: z.string(),
});

const page = {
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

export const recapProcedures = {
  'recap:program': {
    input: z.object({ filters: filtersInput }).strict(),
    output: recapProgramSchema,
  },
  'recap:wilayah': {
    /** `level` defaults to the level below `parentCode` (kota when there is none) and must lie below it. */
    input: z
      .object({ filters: filtersInput, level: z.enum(recapLevels).optional(), parentCode: regionCodeSchema.nullable().default(null) })
      .strict(),
    output: recapWilayahSchema,
  },
  'recap:overlap': {
    input: z.object({ filters: filtersInput, ...page }).strict(),
    output: pageOutput(overlapRowSchema).extend({
      beyondNeed: countSchema,
      noNeed: countSchema,
    }),
  },
  'recap:unserved': {
    /** Targets with a need overlapping the period and no counted distribution of that item in it. */
    input: z.object({ filters: filtersInput, ...page }).strict(),
    output: pageOutput(unservedRowSchema),
  },
  'recap:timeline': {
    input: z.object({ filters: filtersInput, interval: z.enum(['week', 'month']).default('month') }).strict(),
    output: z.object({
      interval: z.enum(['week', 'month']),
      itemTypes: z.array(z.object({ programId: z.string(), program: z.string(), itemTypeId: z.string(), itemType: z.string(), unit: z.string() })),
      points: z.array(timelinePointSchema),
    }),
  },
  'recap:rows': {
    /**
     * The records behind one figure: the figure's filters plus its coordinates (the wilayah and,
     * for a target's figure, the target). Distributions are the counted ones; sorted by date, id.
     */
    input: z
      .object({
        filters: filtersInput,
        source: z.enum(recapRowSources),
        regionCode: regionCodeSchema.optional(),
        targetId: idSchema.optional(),
        ...page,
      })
      .strict(),
    output: pageOutput(recapRecordSchema),
  },
} as const;

export type RecapItem = z.output<typeof recapItemSchema>;
export type RecapRow = z.output<typeof recapRowSchema>;
export type WilayahItem = z.output<typeof wilayahItemSchema>;
export type WilayahRow = z.output<typeof wilayahRowSchema>;
export type RecapTotals = z.output<typeof recapTotalsSchema>;
export type RecapProgram = z.output<typeof recapProgramSchema>;
export type RecapWilayah = z.output<typeof recapWilayahSchema>;
export type OverlapRow = z.output<typeof overlapRowSchema>;
export type UnservedRow = z.output<typeof unservedRowSchema>;
export type TimelinePoint = z.output<typeof timelinePointSchema>;
export type RecapRecord = z.output<typeof recapRecordSchema>;
