import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const outboxOps = ['upsert', 'delete', 'import_batch', 'verification'] as const;
export type OutboxOp = (typeof outboxOps)[number];

/**
 * Local mutations waiting to be pushed to the hub, written in the same transaction as the change.
 * An `import_batch` mutation stands for every row of that batch, so a 100,000-row import is one
 * entry here rather than 100,000; a `verification` mutation likewise stands for every row of one
 * verification act (its rows are in `verification_row`).
 */
export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    mutationId: text('mutation_id').notNull().unique(),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    op: text('op', { enum: outboxOps }).notNull(),
    payload: text('payload').notNull(),
    hlc: text('hlc').notNull(),
    createdAt: text('created_at').notNull(),
    pushedAt: text('pushed_at'),
    /** Who made the change (the audit actor): the hub keeps it as the field's user. */
    actor: text('actor'),
    /** The hub refused the mutation: it stays here with the reason, shown to a person, not pushed again. */
    rejectedAt: text('rejected_at'),
    rejectedReason: text('rejected_reason'),
  },
  (t) => [
    index('sync_outbox_pending_idx').on(t.pushedAt, t.seq),
    // A record's first change sends every field (see core/sync/outbox.ts): looked up per entry pushed.
    index('sync_outbox_record_idx').on(t.tableName, t.recordId, t.seq),
  ],
);

/** Key/value state of the sync client: device id, hub cursor, last clock. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** A field both sides changed since their common version: kept for a person to decide. */
export const syncConflict = sqliteTable('sync_conflict', {
  id: text('id').primaryKey(),
  tableName: text('table_name').notNull(),
  recordId: text('record_id').notNull(),
  field: text('field').notNull(),
  localValue: text('local_value'),
  remoteValue: text('remote_value'),
  localHlc: text('local_hlc').notNull(),
  remoteHlc: text('remote_hlc').notNull(),
  localDevice: text('local_device').notNull(),
  remoteDevice: text('remote_device').notNull(),
  localUser: text('local_user'),
  remoteUser: text('remote_user'),
  winner: text('winner', { enum: ['local', 'remote'] }).notNull(),
  detectedAt: text('detected_at').notNull(),
  resolvedAt: text('resolved_at'),
  resolvedBy: text('resolved_by'),
});

/**
 * The hub's clock stamp of each field of a record as this device last pulled it (JSON: field →
 * stamp): a pushed mutation carries them as its base, so the hub can tell a concurrent edit of
 * the same field (a conflict) from a later one.
 */
export const syncRecordClock = sqliteTable(
  'sync_record_clock',
  {
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    clocks: text('clocks').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.recordId] })],
);
