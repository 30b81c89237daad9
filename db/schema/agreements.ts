import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { naturalKeyColumn, naturalKeyIndex, provenanceColumns, syncedColumns } from './columns';
import { partner } from './partners';
import { agency, program } from './programs';

export const agreementStatuses = ['draft', 'signed', 'expired', 'terminated'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** PKS (Perjanjian Kerja Sama) between the province and a partner; an addendum points at its parent. */
export const agreement = sqliteTable(
  'agreement',
  {
    ...syncedColumns(),
    number: text('number').notNull(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partner.id),
    agencyId: text('agency_id').references(() => agency.id),
    signedOn: text('signed_on'),
    validFrom: text('valid_from'),
    validUntil: text('valid_until'),
    status: text('status', { enum: agreementStatuses }).notNull(),
    parentAgreementId: text('parent_agreement_id').references((): AnySQLiteColumn => agreement.id),
    notes: text('notes'),
    naturalKey: naturalKeyColumn(),
    ...provenanceColumns(),
  },
  (t) => [index('agreement_partner_idx').on(t.partnerId), naturalKeyIndex('agreement_natural_key_idx', t.naturalKey)],
);

export const agreementProgram = sqliteTable(
  'agreement_program',
  {
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreement.id),
    programId: text('program_id')
      .notNull()
      .references(() => program.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.programId] })],
);

/**
 * A stored file (PKS scan, evidence photo). Its bytes live content-addressed by SHA-256 next to
 * the database, so the same file attached twice is stored once.
 */
export const document = sqliteTable(
  'document',
  {
    ...syncedColumns(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('document_sha256_idx').on(t.sha256)],
);

export const agreementDocument = sqliteTable(
  'agreement_document',
  {
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreement.id),
    documentId: text('document_id')
      .notNull()
      .references(() => document.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.documentId] })],
);
