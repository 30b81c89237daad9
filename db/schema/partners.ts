import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { provenanceColumns, syncedColumns } from './columns';
import { program } from './programs';
import { region } from './regions';

export const entityKinds = [
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
export type EntityKind = (typeof entityKinds)[number];

export const licenceKinds = ['izin_pub', 'lpds'] as const;
export type LicenceKind = (typeof licenceKinds)[number];

/**
 * A kolaborator (co-creator, donatur) and/or an agregator. An aggregator carries its legal-entity
 * number and, when it collects public money, its licence with the date it runs out.
 */
export const partner = sqliteTable(
  'partner',
  {
    ...syncedColumns(),
    name: text('name').notNull(),
    normalizedName: text('normalized_name').notNull(),
    entityKind: text('entity_kind', { enum: entityKinds }).notNull(),
    isCollaborator: integer('is_collaborator', { mode: 'boolean' }).notNull(),
    isAggregator: integer('is_aggregator', { mode: 'boolean' }).notNull(),
    legalEntityNumber: text('legal_entity_number'),
    /** Whether this aggregator collects public money (then it needs a valid licence). */
    collectsMoney: integer('collects_money', { mode: 'boolean' }).notNull().default(false),
    licenceKind: text('licence_kind', { enum: licenceKinds }),
    licenceNumber: text('licence_number'),
    licenceIssuer: text('licence_issuer'),
    licenceValidUntil: text('licence_valid_until'),
    npwp: text('npwp'),
    contactName: text('contact_name'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    regionCode: text('region_code').references(() => region.code),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    notes: text('notes'),
    archivedAt: text('archived_at'),
    /** Set when this partner was merged into another; the row stays as a tombstone so the merge can be undone. */
    mergedIntoId: text('merged_into_id').references((): AnySQLiteColumn => partner.id),
    ...provenanceColumns(),
  },
  (t) => [
    index('partner_normalized_name_idx').on(t.normalizedName),
    // The partner list pages, sorts and counts 100,000 partners from these: one per sort order,
    // over live partners only, carrying every filter column so that no table row is read.
    index('partner_list_name_idx')
      .on(t.normalizedName, t.id, t.archivedAt, t.isAggregator, t.isCollaborator, t.entityKind, t.verified)
      .where(sql`deleted_at IS NULL AND merged_into_id IS NULL`),
    index('partner_list_kind_idx')
      .on(t.entityKind, t.normalizedName, t.id, t.archivedAt, t.isAggregator, t.isCollaborator, t.verified)
      .where(sql`deleted_at IS NULL AND merged_into_id IS NULL`),
    index('partner_list_created_idx')
      .on(t.createdAt, t.id, t.archivedAt, t.isAggregator, t.isCollaborator, t.entityKind, t.verified)
      .where(sql`deleted_at IS NULL AND merged_into_id IS NULL`),
    // The few partners a list leaves out (archived, merged, deleted): a search's count is the search
    // index's count less these, rather than a look-up of every matching row.
    index('partner_hidden_idx')
      .on(t.archivedAt)
      .where(sql`deleted_at IS NOT NULL OR merged_into_id IS NOT NULL OR archived_at IS NOT NULL`),
  ],
);

/** Programs a partner has joined. */
export const partnerProgram = sqliteTable(
  'partner_program',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => partner.id),
    programId: text('program_id')
      .notNull()
      .references(() => program.id),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.programId] }), index('partner_program_program_idx').on(t.programId, t.partnerId)],
);
