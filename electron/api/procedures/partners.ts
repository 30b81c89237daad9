import { z } from 'zod';
import { countSchema, idSchema, isoDateSchema, pageInput, pageOutput, regionCodeSchema } from '../schemas';

/**
 * Partners (mitra: kolaborator and/or agregator), the global search box, possible duplicates,
 * merging, and the history of any record.
 *
 * Inputs are checked here for shape (types, enums, lengths); the rules (a name is required, the
 * phone is Indonesian, an aggregator has its legal-entity number, …) are checked in the core for
 * every transport and answered as `field_required` / `field_invalid` errors naming the field.
 */

/** The same lists as `db/schema/partners.ts` (the core checks that they agree); kept here so the renderer needs no db code. */
export const entityKindValues = [
  'instansi_pemerintah',
  'dunia_usaha',
  'bumn_bumd',
  'lembaga_sosial',
  'lembaga_filantropi',
  'asosiasi',
  'komunitas',
  'kelompok_masyarakat',
  'perorangan',
] as const;
export const partnerRoleValues = ['collaborator', 'aggregator'] as const;
export const licenceKindValues = ['izin_pub', 'lpds'] as const;

export const entityKindSchema = z.enum(entityKindValues);
export const partnerRoleSchema = z.enum(partnerRoleValues);
export const licenceKindSchema = z.enum(licenceKindValues);
/** Reference data ids (program, agency) are stable slugs, not UUIDs. */
const referenceIdSchema = z.string().min(1).max(100);

/** Optional text: trimmed; an empty text is stored as null. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => (value.trim() === '' ? null : value.trim()))
    .nullable();

/** Every field a person edits on a partner; `partner:create` takes them (with defaults), `partner:update` any of them. */
const partnerFields = {
  /** Required (checked in the core, so the error names the field). */
  name: z.string().max(200).transform((value) => value.trim()),
  entityKind: entityKindSchema,
  /** Roles: at least one of the two. */
  isCollaborator: z.boolean(),
  isAggregator: z.boolean(),
  /** Nomor SK badan hukum (AHU-…): required for an aggregator. */
  legalEntityNumber: optionalText(120),
  /** Whether this aggregator collects public money: then licenceKind, licenceNumber, licenceIssuer and licenceValidUntil are required. Only for aggregators. */
  collectsMoney: z.boolean(),
  licenceKind: licenceKindSchema.nullable(),
  licenceNumber: optionalText(120),
  licenceIssuer: optionalText(200),
  licenceValidUntil: isoDateSchema.nullable(),
  /** 15 digits (dots and dash optional) or 16 digits; stored as `99.999.999.9-999.999` or 16 plain digits. */
  npwp: optionalText(40),
  contactName: optionalText(200),
  /** Indonesian: `+62`, `62` or `0`, then 8–13 digits; spaces, dashes, dots, brackets allowed. Stored as `+62…` digits only. */
  phone: optionalText(40),
  email: optionalText(254),
  address: optionalText(500),
  /** Any existing wilayah code (usually a kelurahan). */
  regionCode: regionCodeSchema.nullable(),
  verified: z.boolean(),
  notes: optionalText(4000),
  /** Programs joined (program ids such as `pangan`); each must exist. */
  programIds: z.array(referenceIdSchema).max(20),
};

export const partnerCreateInput = z
  .object({
    ...partnerFields,
    isCollaborator: partnerFields.isCollaborator.default(false),
    isAggregator: partnerFields.isAggregator.default(false),
    legalEntityNumber: partnerFields.legalEntityNumber.default(null),
    collectsMoney: partnerFields.collectsMoney.default(false),
    licenceKind: partnerFields.licenceKind.default(null),
    licenceNumber: partnerFields.licenceNumber.default(null),
    licenceIssuer: partnerFields.licenceIssuer.default(null),
    licenceValidUntil: partnerFields.licenceValidUntil.default(null),
    npwp: partnerFields.npwp.default(null),
    contactName: partnerFields.contactName.default(null),
    phone: partnerFields.phone.default(null),
    email: partnerFields.email.default(null),
    address: partnerFields.address.default(null),
    regionCode: partnerFields.regionCode.default(null),
    verified: partnerFields.verified.default(false),
    notes: partnerFields.notes.default(null),
    programIds: partnerFields.programIds.default([]),
  })
  .strict();

/** Only the fields that change: a field left out stays as it is; null clears it. */
export const partnerUpdateInput = z
  .object({ id: idSchema, ...z.object(partnerFields).partial().shape })
  .strict();

export const partnerRecordSchema = z.object({
  id: idSchema,
  name: z.string(),
  normalizedName: z.string(),
  entityKind: entityKindSchema,
  isCollaborator: z.boolean(),
  isAggregator: z.boolean(),
  legalEntityNumber: z.string().nullable(),
  collectsMoney: z.boolean(),
  licenceKind: licenceKindSchema.nullable(),
  licenceNumber: z.string().nullable(),
  licenceIssuer: z.string().nullable(),
  licenceValidUntil: isoDateSchema.nullable(),
  npwp: z.string().nullable(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  regionCode: regionCodeSchema.nullable(),
  /** The wilayah's own name (a kelurahan, usually) and the kota/kabupaten it lies in. */
  regionName: z.string().nullable(),
  kotaName: z.string().nullable(),
  verified: z.boolean(),
  notes: z.string().nullable(),
  programIds: z.array(z.string()),
  archivedAt: z.string().nullable(),
  /** Set when this partner was merged into another (it is then a tombstone, `deletedAt` set too). */
  mergedIntoId: idSchema.nullable(),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  importBatchId: z.string().nullable(),
  sourceRow: z.number().int().nullable(),
});

/** Live records naming the partner in any role (giver or via-aggregator, donor or aggregator). */
export const partnerCountsSchema = z.object({
  pledges: countSchema,
  distributions: countSchema,
  agreements: countSchema,
  fundTransfers: countSchema,
});

export const partnerListRowSchema = z.object({
  id: idSchema,
  name: z.string(),
  entityKind: entityKindSchema,
  isCollaborator: z.boolean(),
  isAggregator: z.boolean(),
  verified: z.boolean(),
  regionCode: regionCodeSchema.nullable(),
  /** The wilayah's own name (usually a kelurahan). */
  regionName: z.string().nullable(),
  /** The kota/kabupaten administrasi it lies in. */
  kotaName: z.string().nullable(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  programIds: z.array(z.string()),
  archivedAt: z.string().nullable(),
  licenceValidUntil: isoDateSchema.nullable(),
});

export const duplicateReasonValues = ['same_name', 'similar'] as const;

export const partnerCandidateSchema = z.object({
  id: idSchema,
  name: z.string(),
  entityKind: entityKindSchema,
  isCollaborator: z.boolean(),
  isAggregator: z.boolean(),
  archivedAt: z.string().nullable(),
  regionName: z.string().nullable(),
  /** `same_name`: equal once normalised; `similar`: holds every word typed (as word beginnings). */
  reason: z.enum(duplicateReasonValues),
});

/** Records moved by a merge, per table and column: what `partner:unmerge` moves back. */
export const mergeMovedSchema = z.object({
  pledgePartner: countSchema,
  pledgeAggregator: countSchema,
  distributionPartner: countSchema,
  distributionAggregator: countSchema,
  agreement: countSchema,
  fundTransferDonor: countSchema,
  fundTransferAggregator: countSchema,
  /** Programs the kept partner gained from the merged one. */
  programsAdded: countSchema,
});

export const searchHitSchema = z.object({
  id: idSchema,
  title: z.string(),
  subtitle: z.string().nullable(),
  /** Partner: entity kind; target: target kind; agreement: its stored status. For a label in the UI. */
  kind: z.string().nullable(),
  /** Partner: archived. Others: always false. */
  archived: z.boolean(),
});

export const historyTableValues = [
  'partner',
  'agreement',
  'target',
  'agency',
  'need',
  'pledge',
  'distribution',
  'fund_transfer',
  'document',
] as const;

export const historyEntrySchema = z.object({
  seq: countSchema,
  at: z.string(),
  actor: z.string(),
  /** create, update, archive, unarchive, merge, absorb, unmerge, release, import, … */
  action: z.string(),
  /** Whether the entry is about the record's whole import batch rather than the record alone. */
  batchLevel: z.boolean(),
  importBatchId: z.string().nullable(),
  /** Field changes old → new; an entry that records a value (e.g. `rows` of an import) has `from` null. */
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});

export const provenanceSchema = z.object({
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  importBatchId: z.string().nullable(),
  sourceRow: z.number().int().nullable(),
  batch: z
    .object({
      id: z.string(),
      kind: z.string(),
      fileName: z.string(),
      sheetName: z.string().nullable(),
      importedAt: z.string(),
      importedBy: z.string(),
    })
    .nullable(),
});

const { offset, limit, ...partnerListOrder } = pageInput(['name', 'entityKind', 'createdAt']);

/** What the partner list is narrowed and ordered by: `partner:list` pages through it, `export:table` writes all of it. */
export const partnerListQuerySchema = z
  .object({
    ...partnerListOrder,
    /** Search text: every word must begin a word of the name (legal forms ignored), contact name or e-mail. */
    q: z.string().max(200).optional(),
    role: partnerRoleSchema.optional(),
    entityKind: entityKindSchema.optional(),
    programId: referenceIdSchema.optional(),
    verified: z.boolean().optional(),
    /** Archived partners are left out unless asked for; merged partners are never listed. */
    includeArchived: z.boolean().default(false),
  })
  .strict();
export type PartnerListQuery = z.output<typeof partnerListQuerySchema>;

export const partnerProcedures = {
  'partner:list': {
    input: partnerListQuerySchema.extend({ offset, limit }),
    output: pageOutput(partnerListRowSchema),
  },
  'partner:get': {
    input: z.object({ id: idSchema }).strict(),
    output: partnerRecordSchema.extend({ counts: partnerCountsSchema }),
  },
  'partner:create': {
    input: partnerCreateInput,
    output: partnerRecordSchema,
  },
  'partner:update': {
    input: partnerUpdateInput,
    output: partnerRecordSchema,
  },
  'partner:archive': {
    input: z.object({ id: idSchema, archived: z.boolean() }).strict(),
    output: partnerRecordSchema,
  },
  'partner:duplicates': {
    /** While typing a new partner's name (`excludeId`: the partner being edited). At most 5, exact matches first. */
    input: z.object({ name: z.string().max(200), excludeId: idSchema.optional() }).strict(),
    output: z.object({ candidates: z.array(partnerCandidateSchema) }),
  },
  'partner:merge': {
    /** Moves every reference from `mergeId` to `keepId`; `mergeId` stays as a tombstone. Undone by `partner:unmerge`. */
    input: z.object({ keepId: idSchema, mergeId: idSchema }).strict(),
    output: z.object({ keepId: idSchema, mergeId: idSchema, moved: mergeMovedSchema }),
  },
  'partner:unmerge': {
    /** Moves back exactly what the last merge of `mergeId` moved (as its audit entry lists) and restores the partner. */
    input: z.object({ mergeId: idSchema }).strict(),
    output: z.object({
      keepId: idSchema,
      mergeId: idSchema,
      restored: mergeMovedSchema,
      /** Records the merge moved that no longer point at the kept partner (changed since): left where they are. */
      skipped: countSchema,
    }),
  },
  'search:global': {
    input: z.object({ q: z.string().max(200), limit: z.number().int().min(1).max(20).default(5) }).strict(),
    output: z.object({
      partners: z.array(searchHitSchema),
      agreements: z.array(searchHitSchema),
      targets: z.array(searchHitSchema),
    }),
  },
  'history:list': {
    input: z.object({ tableName: z.enum(historyTableValues), recordId: z.string().min(1).max(100) }).strict(),
    output: z.object({
      /** Newest first. */
      entries: z.array(historyEntrySchema),
      /** Where the record came from; null for a table without provenance (agency). */
      provenance: provenanceSchema.nullable(),
    }),
  },
} as const;
