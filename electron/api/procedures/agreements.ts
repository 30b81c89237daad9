import { z } from 'zod';
import { countSchema, emptyInput, idSchema, isoDateSchema, pageInput, pageOutput } from '../schemas';

/** PKS agreements, their documents (scans) and the registry alerts. */

export const agreementStatusValues = ['draft', 'signed', 'expired', 'terminated'] as const;
export const agreementStatusSchema = z.enum(agreementStatusValues);
/**
 * What a person may set: whether the PKS is still a draft, signed, or terminated early.
 * "Expired" is never typed; it follows from the dates (see `effectiveStatus`).
 */
export const agreementSettableStatusSchema = z.enum(['draft', 'signed', 'terminated']);

/** Largest document (PKS scan) accepted: 50 MiB. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
/** Base64 length of the largest document, with 1 MiB to spare so the service can refuse a too-big file in words. */
export const MAX_DOCUMENT_BASE64_CHARS = Math.ceil((MAX_DOCUMENT_BYTES + 1024 * 1024) / 3) * 4;
export const documentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** Reference data ids (agency, program, item type) are stable slugs, not UUIDs. */
const slugSchema = z.string().min(1).max(100);
const numberSchema = z.string().trim().min(1).max(120);
const notesSchema = z.string().max(4000).nullable();

export const agreementRowSchema = z.object({
  id: idSchema,
  number: z.string(),
  partnerId: idSchema,
  partnerName: z.string(),
  isAggregator: z.boolean(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  programIds: z.array(z.string()),
  signedOn: isoDateSchema.nullable(),
  validFrom: isoDateSchema.nullable(),
  validUntil: isoDateSchema.nullable(),
  /** As stored. */
  status: agreementStatusSchema,
  /** As of today: terminated stays terminated; no signature is a draft; past `validUntil` is expired. */
  effectiveStatus: agreementStatusSchema,
  /** Days from today to `validUntil` (negative once expired); null when open-ended. */
  daysLeft: z.number().int().nullable(),
  documentCount: countSchema,
  parentAgreementId: idSchema.nullable(),
});

export const documentSummarySchema = z.object({
  id: idSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string(),
  mediaType: z.enum(documentMediaTypes),
  sizeBytes: countSchema,
  createdAt: z.string(),
  createdBy: z.string(),
});

export const agreementDetailSchema = agreementRowSchema.extend({
  notes: z.string().nullable(),
  programs: z.array(z.object({ id: z.string(), name: z.string() })),
  documents: z.array(documentSummarySchema),
  /** Addenda: agreements whose parent is this one. */
  addenda: z.array(agreementRowSchema),
  parent: agreementRowSchema.nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  importBatchId: z.string().nullable(),
});

const agreementFields = {
  number: numberSchema,
  agencyId: slugSchema.nullable(),
  programIds: z.array(slugSchema).max(20),
  signedOn: isoDateSchema.nullable(),
  validFrom: isoDateSchema.nullable(),
  validUntil: isoDateSchema.nullable(),
  status: agreementSettableStatusSchema,
  parentAgreementId: idSchema.nullable(),
  notes: notesSchema,
};

export const alertKinds = [
  'agreement_expiring',
  'agreement_expired_with_activity',
  'aggregator_without_agreement',
  'licence_missing',
  'licence_expired',
] as const;

const alertBase = {
  partnerId: idSchema,
  partnerName: z.string(),
  /** The agreement the alert is about; for aggregator alerts the partner's latest PKS, if any. */
  agreementId: idSchema.nullable(),
  agreementNumber: z.string().nullable(),
};

export const alertSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('agreement_expiring'),
    ...alertBase,
    validUntil: isoDateSchema,
    daysLeft: countSchema,
    /** Within 30, 60 or 90 days. */
    bucket: z.union([z.literal(30), z.literal(60), z.literal(90)]),
  }),
  z.object({
    kind: z.literal('agreement_expired_with_activity'),
    ...alertBase,
    validUntil: isoDateSchema,
    /** Distributions, pledges and fund transfers by or via the partner after the expiry, not covered by another PKS. */
    activityCount: countSchema,
    firstActivityOn: isoDateSchema,
    lastActivityOn: isoDateSchema,
  }),
  z.object({
    kind: z.literal('aggregator_without_agreement'),
    ...alertBase,
    /** The latest PKS's effective status when there is one (expired, draft, terminated, not yet in force). */
    agreementStatus: agreementStatusSchema.nullable(),
  }),
  z.object({
    kind: z.literal('licence_missing'),
    ...alertBase,
  }),
  z.object({
    kind: z.literal('licence_expired'),
    ...alertBase,
    licenceNumber: z.string(),
    licenceValidUntil: isoDateSchema.nullable(),
  }),
]);

export const documentVerifyProblemSchema = z.object({
  documentId: idSchema,
  fileName: z.string(),
  sha256: z.string(),
  problem: z.enum(['missing', 'mismatch']),
  agreementNumbers: z.array(z.string()),
});

const { offset, limit, ...agreementListOrder } = pageInput(['number', 'validUntil', 'signedOn']);

/** What the PKS list is narrowed and ordered by: `agreement:list` pages through it, `export:table` writes all of it. */
export const agreementListQuerySchema = z
  .object({
    ...agreementListOrder,
    /** Full-text search over number, partner name and notes; any text is safe. */
    q: z.string().max(200).optional(),
    partnerId: idSchema.optional(),
    /** Effective status (as of today). */
    status: agreementStatusSchema.optional(),
    agencyId: slugSchema.optional(),
    programId: slugSchema.optional(),
    /** Signed agreements still in force whose `validUntil` is within this many days from today. */
    expiringWithinDays: z.number().int().min(0).max(3650).optional(),
  })
  .strict();
export type AgreementListQuery = z.output<typeof agreementListQuerySchema>;

export const agreementProcedures = {
  'agreement:list': {
    input: agreementListQuerySchema.extend({ offset, limit }),
    output: pageOutput(agreementRowSchema),
  },
  'agreement:get': {
    input: z.object({ id: idSchema }).strict(),
    output: agreementDetailSchema,
  },
  'agreement:create': {
    input: z
      .object({
        ...agreementFields,
        partnerId: idSchema,
        agencyId: agreementFields.agencyId.default(null),
        programIds: agreementFields.programIds.default([]),
        signedOn: agreementFields.signedOn.default(null),
        validFrom: agreementFields.validFrom.default(null),
        validUntil: agreementFields.validUntil.default(null),
        /** Defaults to `signed` when `signedOn` is given, else `draft`. */
        status: agreementFields.status.optional(),
        parentAgreementId: agreementFields.parentAgreementId.default(null),
        notes: agreementFields.notes.default(null),
      })
      .strict(),
    output: agreementDetailSchema,
  },
  'agreement:update': {
    /** Only the fields given change; the audit trail records those that did. */
    input: z
      .object({
        id: idSchema,
        partnerId: idSchema.optional(),
        number: agreementFields.number.optional(),
        agencyId: agreementFields.agencyId.optional(),
        programIds: agreementFields.programIds.optional(),
        signedOn: agreementFields.signedOn.optional(),
        validFrom: agreementFields.validFrom.optional(),
        validUntil: agreementFields.validUntil.optional(),
        status: agreementFields.status.optional(),
        parentAgreementId: agreementFields.parentAgreementId.optional(),
        notes: agreementFields.notes.optional(),
      })
      .strict(),
    output: agreementDetailSchema,
  },
  'document:attach': {
    input: z
      .object({
        agreementId: idSchema,
        /** The original name; kept only for display (folders and control characters dropped). */
        fileName: z.string().min(1).max(1000),
        contentBase64: z.base64().max(MAX_DOCUMENT_BASE64_CHARS),
      })
      .strict(),
    output: z.object({
      id: idSchema,
      sha256: z.string(),
      fileName: z.string(),
      mediaType: z.enum(documentMediaTypes),
      sizeBytes: countSchema,
      /** The same bytes were already in the store: nothing new was written to disk. */
      alreadyStored: z.boolean(),
      /** The same bytes were already attached to this agreement: nothing changed at all. */
      alreadyAttached: z.boolean(),
    }),
  },
  'document:content': {
    input: z.object({ id: idSchema }).strict(),
    output: z.object({
      fileName: z.string(),
      mediaType: z.enum(documentMediaTypes),
      sha256: z.string(),
      sizeBytes: countSchema,
      contentBase64: z.string(),
    }),
  },
  'document:locate': {
    /** A read-only copy with the right extension, for the system viewer; the store itself is never handed out. */
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ path: z.string(), fileName: z.string(), mediaType: z.enum(documentMediaTypes), sha256: z.string() }),
  },
  'document:verify': {
    input: emptyInput,
    output: z.object({ checked: countSchema, problems: z.array(documentVerifyProblemSchema) }),
  },
  'alert:list': {
    input: z.object({ asOf: isoDateSchema.optional() }).strict(),
    output: z.object({
      asOf: isoDateSchema,
      counts: z.object({
        agreement_expiring: countSchema,
        agreement_expired_with_activity: countSchema,
        aggregator_without_agreement: countSchema,
        licence_missing: countSchema,
        licence_expired: countSchema,
      }),
      alerts: z.array(alertSchema),
    }),
  },
} as const;

export type AgreementRow = z.output<typeof agreementRowSchema>;
export type AgreementDetail = z.output<typeof agreementDetailSchema>;
export type Alert = z.output<typeof alertSchema>;
export type AlertKind = (typeof alertKinds)[number];
export type DocumentMediaType = (typeof documentMediaTypes)[number];
export type DocumentVerifyProblem = z.output<typeof documentVerifyProblemSchema>;
