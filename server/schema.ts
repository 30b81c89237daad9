import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * The hub's PostgreSQL schema (also run by embedded PGlite): `npm run server:generate` writes
 * `server/migrations` from it, and both drivers apply those with drizzle's migrator.
 */

/** A one-time enrolment code an administrator hands to a device; only its SHA-256 is kept. */
export const enrolmentCode = pgTable('enrolment_code', {
  codeHash: text('code_hash').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  deviceId: text('device_id'),
});

/** An enrolled device: its id is the device part of its clock stamps; its token is kept as SHA-256. */
export const device = pgTable('device', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** When the device last showed its token (kept at most once a minute: `ksbb server devices`). */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
});

/** Every mutation the hub has applied, by its id: what makes a replayed batch change nothing. */
export const hubMutation = pgTable('hub_mutation', {
  mutationId: text('mutation_id').primaryKey(),
  deviceId: text('device_id').notNull(),
  tableName: text('table_name').notNull(),
  recordId: text('record_id').notNull(),
  hlc: text('hlc').notNull(),
  status: text('status', { enum: ['applied', 'conflict'] }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});

/**
 * The merged state of every synced record: field values and, per field, the clock stamp and user
 * of the write that won. `seq` is the hub sequence number of its last change, assigned in commit
 * order (see `store.ts`), which pulls page by.
 */
export const hubRecord = pgTable(
  'hub_record',
  {
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    fields: jsonb('fields').notNull(),
    clocks: jsonb('clocks').notNull(),
    hlc: text('hlc').notNull(),
    deletedAt: text('deleted_at'),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.recordId] }), uniqueIndex('hub_record_seq_idx').on(t.seq)],
);

/** A field two devices changed since their common version: both sides, which one the hub kept. */
export const hubConflict = pgTable(
  'hub_conflict',
  {
    id: text('id').primaryKey(),
    mutationId: text('mutation_id').notNull(),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    field: text('field').notNull(),
    winner: text('winner', { enum: ['hub', 'incoming'] }).notNull(),
    hubValue: jsonb('hub_value'),
    hubHlc: text('hub_hlc').notNull(),
    hubDevice: text('hub_device').notNull(),
    hubUser: text('hub_user'),
    incomingValue: jsonb('incoming_value'),
    incomingHlc: text('incoming_hlc').notNull(),
    incomingDevice: text('incoming_device').notNull(),
    incomingUser: text('incoming_user'),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
  },
  // By mutation: a retried mutation whose first push met a conflict is answered with its stored conflicts.
  (t) => [index('hub_conflict_record_idx').on(t.tableName, t.recordId), index('hub_conflict_mutation_idx').on(t.mutationId)],
);

/** Document bytes (PKS scans) by SHA-256, in the database so every hub process sees them. */
export const hubBlob = pgTable('hub_blob', {
  sha256: text('sha256').primaryKey(),
  bytes: bytea('bytes').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  deviceId: text('device_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});
