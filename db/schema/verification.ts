import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { distribution, pledge, verificationStatuses } from './activity';
import { syncedColumns } from './columns';
import { target } from './targets';

export const verificationActions = ['verify', 'reject', 'reset'] as const;
export type VerificationAction = (typeof verificationActions)[number];

/**
 * One verification act (electron/core/verification/rules.ts): who moved which distributions to
 * which status, when, why and with what evidence. A bulk verification of 100,000 rows is one act;
 * its rows are listed in `verification_row`. `reset` is an edit that sent verified rows back to
 * `dilaporkan`.
 */
export const verification = sqliteTable('verification', {
  ...syncedColumns(),
  action: text('action', { enum: verificationActions }).notNull(),
  toStatus: text('to_status', { enum: verificationStatuses }).notNull(),
  actor: text('actor').notNull(),
  reason: text('reason'),
  /** An administrator verified rows they reported or imported themselves (four-eyes waived, audited). */
  override: integer('override', { mode: 'boolean' }).notNull(),
  /** JSON list of SHA-256s of evidence documents in the document store (photos, berita acara serah terima). */
  evidence: text('evidence').notNull(),
  rows: integer('rows').notNull(),
});

/**
 * The distributions of one verification act, with the status each had before it: a row's level
 * history is read by its id (the key's first column). Made `WITHOUT ROWID` (migration 0009): one
 * b-tree insert per row of a 100,000-row act.
 */
export const verificationRow = sqliteTable(
  'verification_row',
  {
    /**
     * `<verification id>:<distribution id>`, computed by SQLite (migration 0014): the record id the
     * row syncs by, so every device holds each act's rows and their previous status.
     */
    id: text('id').generatedAlwaysAs(sql`verification_id || ':' || distribution_id`, { mode: 'virtual' }),
    distributionId: text('distribution_id')
      .notNull()
      .references(() => distribution.id),
    verificationId: text('verification_id')
      .notNull()
      .references(() => verification.id),
    fromStatus: text('from_status', { enum: verificationStatuses }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.distributionId, t.verificationId] }), uniqueIndex('verification_row_id_idx').on(t.id)],
);

/**
 * Part of a pledge assigned to a target (matching, issue 10): one pledge may be split over several
 * targets. Visible to every officer, so two partners are not sent to the same RW for the same item.
 */
export const pledgeAssignment = sqliteTable(
  'pledge_assignment',
  {
    ...syncedColumns(),
    pledgeId: text('pledge_id')
      .notNull()
      .references(() => pledge.id),
    targetId: text('target_id')
      .notNull()
      .references(() => target.id),
    quantity: integer('quantity').notNull(),
    /** The officer confirmed assigning more than the target's open need. */
    beyondNeed: integer('beyond_need', { mode: 'boolean' }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('pledge_assignment_pledge_idx').on(t.pledgeId), index('pledge_assignment_target_idx').on(t.targetId)],
);
