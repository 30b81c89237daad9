import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { naturalKeyColumn, naturalKeyIndex, provenanceColumns, syncedColumns } from './columns';
import { partner } from './partners';
import { itemType, program } from './programs';
import { region } from './regions';
import { target } from './targets';

/** Estimasi kebutuhan: how much of an item a target needs in a period. */
export const need = sqliteTable(
  'need',
  {
    ...syncedColumns(),
    targetId: text('target_id')
      .notNull()
      .references(() => target.id),
    itemTypeId: text('item_type_id')
      .notNull()
      .references(() => itemType.id),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    quantity: integer('quantity').notNull(),
    notes: text('notes'),
    naturalKey: naturalKeyColumn(),
    ...provenanceColumns(),
  },
  (t) => [index('need_target_idx').on(t.targetId, t.itemTypeId), naturalKeyIndex('need_natural_key_idx', t.naturalKey)],
);

/**
 * Komitmen: a partner's commitment, end-to-end to a target or wilayah, or via an aggregator.
 * `quantity` is in the item type's unit (Rupiah for Rupiah items); `valueRupiah` is its stated value.
 */
export const pledge = sqliteTable(
  'pledge',
  {
    ...syncedColumns(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partner.id),
    aggregatorId: text('aggregator_id').references(() => partner.id),
    itemTypeId: text('item_type_id')
      .notNull()
      .references(() => itemType.id),
    quantity: integer('quantity').notNull(),
    valueRupiah: integer('value_rupiah'),
    targetId: text('target_id').references(() => target.id),
    regionCode: text('region_code').references(() => region.code),
    pledgedOn: text('pledged_on').notNull(),
    notes: text('notes'),
    naturalKey: naturalKeyColumn(),
    ...provenanceColumns(),
  },
  (t) => [
    index('pledge_partner_idx').on(t.partnerId),
    index('pledge_aggregator_idx').on(t.aggregatorId),
    index('pledge_target_idx').on(t.targetId),
    index('pledge_item_date_idx').on(t.itemTypeId, t.pledgedOn),
    naturalKeyIndex('pledge_natural_key_idx', t.naturalKey),
    // The recaps (electron/core/recaps/measures.ts) read live pledges only from these, each carrying
    // every filter column so no table row is read: by item type, by place, and partner/aggregator
    // first for the "which partners were active in this wilayah" look-ups.
    index('pledge_recap_item_idx')
      .on(t.itemTypeId, t.partnerId, t.aggregatorId, t.pledgedOn, t.quantity, t.valueRupiah)
      .where(sql`deleted_at IS NULL`),
    index('pledge_recap_place_idx')
      .on(t.regionCode, t.itemTypeId, t.pledgedOn, t.partnerId, t.aggregatorId, t.quantity, t.valueRupiah)
      .where(sql`deleted_at IS NULL AND region_code IS NOT NULL`),
    index('pledge_recap_partner_idx')
      .on(t.partnerId, t.regionCode, t.itemTypeId, t.aggregatorId, t.pledgedOn)
      .where(sql`deleted_at IS NULL AND region_code IS NOT NULL`),
    index('pledge_recap_aggregator_idx')
      .on(t.aggregatorId, t.regionCode, t.itemTypeId, t.partnerId, t.pledgedOn)
      .where(sql`deleted_at IS NULL AND region_code IS NOT NULL AND aggregator_id IS NOT NULL`),
  ],
);

export const verificationStatuses = [
  'dilaporkan',
  'diverifikasi_wilayah',
  'diverifikasi_sekretariat',
  'ditolak',
] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

/** Realisasi / penyaluran: a delivery actually made, as reported on the form realisasi. */
export const distribution = sqliteTable(
  'distribution',
  {
    ...syncedColumns(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partner.id),
    aggregatorId: text('aggregator_id').references(() => partner.id),
    itemTypeId: text('item_type_id')
      .notNull()
      .references(() => itemType.id),
    quantity: integer('quantity').notNull(),
    valueRupiah: integer('value_rupiah'),
    targetId: text('target_id').references(() => target.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    distributedOn: text('distributed_on').notNull(),
    verificationStatus: text('verification_status', { enum: verificationStatuses }).notNull(),
    /** A correction of a rejected report points at the row it replaces (which stays `ditolak`). */
    replacesId: text('replaces_id').references((): AnySQLiteColumn => distribution.id),
    notes: text('notes'),
    naturalKey: naturalKeyColumn(),
    ...provenanceColumns(),
  },
  (t) => [
    index('distribution_partner_idx').on(t.partnerId),
    index('distribution_aggregator_idx').on(t.aggregatorId),
    index('distribution_item_date_idx').on(t.itemTypeId, t.distributedOn),
    index('distribution_region_idx').on(t.regionCode),
    index('distribution_target_idx').on(t.targetId),
    index('distribution_batch_idx').on(t.importBatchId, t.sourceRow),
    index('distribution_replaces_idx').on(t.replacesId).where(sql`replaces_id IS NOT NULL`),
    naturalKeyIndex('distribution_natural_key_idx', t.naturalKey),
    // The recaps read counted distributions (db/queries/distributions.ts countedDistribution) only
    // from these, each carrying every filter column: by item type, by place, by target, and
    // partner/aggregator first for the "which partners were active in this wilayah" look-ups.
    index('distribution_recap_item_idx')
      .on(t.itemTypeId, t.partnerId, t.aggregatorId, t.distributedOn, t.quantity, t.valueRupiah)
      .where(sql`deleted_at IS NULL AND verification_status <> 'ditolak'`),
    index('distribution_recap_place_idx')
      .on(t.regionCode, t.itemTypeId, t.distributedOn, t.partnerId, t.aggregatorId, t.quantity, t.valueRupiah)
      .where(sql`deleted_at IS NULL AND verification_status <> 'ditolak'`),
    index('distribution_recap_target_idx')
      .on(t.targetId, t.itemTypeId, t.regionCode, t.distributedOn, t.partnerId, t.aggregatorId, t.quantity)
      .where(sql`deleted_at IS NULL AND verification_status <> 'ditolak'`),
    index('distribution_recap_partner_idx')
      .on(t.partnerId, t.regionCode, t.itemTypeId, t.aggregatorId, t.distributedOn)
      .where(sql`deleted_at IS NULL AND verification_status <> 'ditolak'`),
    index('distribution_recap_aggregator_idx')
      .on(t.aggregatorId, t.regionCode, t.itemTypeId, t.partnerId, t.distributedOn)
      .where(sql`deleted_at IS NULL AND verification_status <> 'ditolak' AND aggregator_id IS NOT NULL`),
    // Reports rejected at verification, few: counted on the Beranda without reading the table.
    index('distribution_rejected_idx').on(t.distributedOn).where(sql`deleted_at IS NULL AND verification_status = 'ditolak'`),
  ],
);

export const activityTotalSources = ['pledge', 'distribution'] as const;

/**
 * Running totals of pledges and counted distributions per (wilayah, item type, via an aggregator
 * or not), kept by triggers on `pledge` and `distribution` (migration 0008) in the same
 * transaction as every write: a wilayah recap without a period or partner filter, and the
 * Beranda, read these few thousand rows instead of every record. Derived, never synced. Rows
 * stay at zero when their last record goes; readers skip `records = 0`. A pledge with no place
 * yet (via an aggregator) is kept under region code `''`, which no wilayah range includes.
 * Made `WITHOUT ROWID` (migration 0007): the rows live in their key's order.
 */
export const activityTotal = sqliteTable(
  'activity_total',
  {
    source: text('source', { enum: activityTotalSources }).notNull(),
    regionCode: text('region_code').notNull(),
    itemTypeId: text('item_type_id').notNull(),
    viaAggregator: integer('via_aggregator', { mode: 'boolean' }).notNull(),
    records: integer('records').notNull(),
    quantity: integer('quantity').notNull(),
    valueRupiah: integer('value_rupiah').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.regionCode, t.itemTypeId, t.viaAggregator] })],
);

/** Dana via agregator: money a donor hands to an aggregator, in whole Rupiah. */
export const fundTransfer = sqliteTable(
  'fund_transfer',
  {
    ...syncedColumns(),
    donorId: text('donor_id')
      .notNull()
      .references(() => partner.id),
    aggregatorId: text('aggregator_id')
      .notNull()
      .references(() => partner.id),
    programId: text('program_id').references(() => program.id),
    amountRupiah: integer('amount_rupiah').notNull(),
    transferredOn: text('transferred_on').notNull(),
    reference: text('reference'),
    notes: text('notes'),
    naturalKey: naturalKeyColumn(),
    ...provenanceColumns(),
  },
  (t) => [
    index('fund_transfer_aggregator_idx').on(t.aggregatorId),
    index('fund_transfer_donor_idx').on(t.donorId),
    naturalKeyIndex('fund_transfer_natural_key_idx', t.naturalKey),
  ],
);
