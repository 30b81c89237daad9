import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { syncMutationSchema } from '../../api/sync-protocol';
import type { Db } from '../../../db/connection';
import { syncOutbox, syncRecordClock, verificationRow } from '../../../db/schema';
import type { OutboxOp } from '../../../db/schema/sync';
import { readRecord, recordsOfBatch, type SyncedTable } from './tables';

/** A mutation as the client sends it (`base` filled in from the clocks last pulled). */
export type OutgoingMutation = z.input<typeof syncMutationSchema>;

/** One waiting outbox entry. */
export interface PendingEntry {
  seq: number;
  mutationId: string;
  tableName: string;
  recordId: string;
  op: OutboxOp;
  payload: Record<string, unknown>;
  hlc: string;
  actor: string | null;
}

/** Why an outbox entry cannot be sent: it stays in the outbox with this reason, shown to a person, never dropped. */
export class RefusedEntry extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RefusedEntry';
  }
}

const payloadSchema = z.record(z.string(), z.unknown());

/** Outbox entries not yet pushed nor refused, oldest first. */
export function pendingEntries(db: Db, afterSeq = 0, limit = 500): PendingEntry[] {
  return db
    .select()
    .from(syncOutbox)
    .where(and(isNull(syncOutbox.pushedAt), isNull(syncOutbox.rejectedAt), sql`${syncOutbox.seq} > ${afterSeq}`))
    .orderBy(asc(syncOutbox.seq))
    .limit(limit)
    .all()
    .map((row) => ({
      seq: row.seq,
      mutationId: row.mutationId,
      tableName: row.tableName,
      recordId: row.recordId,
      op: row.op,
      payload: payloadSchema.parse(JSON.parse(row.payload)),
      hlc: row.hlc,
      actor: row.actor,
    }));
}

/** A record's stored hub clocks (`sync_record_clock.clocks`): field → stamp. */
export const recordClocksSchema = z.record(z.string(), z.string());

/** The hub clocks of a record's fields as this device last pulled them. */
export function seenClocks(db: Db, tableName: string, recordId: string): Record<string, string> {
  const row = db
    .select({ clocks: syncRecordClock.clocks })
    .from(syncRecordClock)
    .where(and(eq(syncRecordClock.tableName, tableName), eq(syncRecordClock.recordId, recordId)))
    .get();
  return row ? recordClocksSchema.parse(JSON.parse(row.clocks)) : {};
}

/** Ids of the mutations an expanded entry makes: the same on every retry, so the hub sees a duplicate. */
function derivedId(entry: PendingEntry, table: string, recordId: string): string {
  return uuidv5(`${table}/${recordId}`, entry.mutationId);
}

/** The record's fields now (a later local change only repeats itself with its own later clock). */
function mutationOf(db: Db, synced: SyncedTable, recordId: string, fields: readonly string[], entry: PendingEntry, mutationId: string): OutgoingMutation {
  const values = readRecord(db, synced, recordId, fields);
  if (values === null) throw new RefusedEntry(`record_missing: ${synced.name} ${recordId}`);
  const seen = seenClocks(db, synced.name, recordId);
  const base = Object.fromEntries(Object.keys(values).map((field) => [field, seen[field] ?? null]));
  const op = typeof values.deletedAt === 'string' && fields.includes('deletedAt') && entry.op !== 'upsert' ? 'delete' : 'upsert';
  const mutation: OutgoingMutation = { mutationId, table: synced.name, recordId, op, fields: values, hlc: entry.hlc, base, user: entry.actor };
  // Checked as the hub will parse it: a mistake here is refused locally, with the reason.
  const parsed = syncMutationSchema.safeParse(mutation);
  if (!parsed.success) throw new RefusedEntry(`invalid_mutation: ${synced.name} ${recordId}: ${z.prettifyError(parsed.error)}`);
  return mutation;
}

function allFields(synced: SyncedTable): string[] {
  return [...synced.fields, ...synced.lists.keys()];
}

function tableOf(tables: ReadonlyMap<string, SyncedTable>, name: string): SyncedTable {
  const synced = tables.get(name);
  if (!synced) throw new RefusedEntry(`unknown_table: ${name}`);
  return synced;
}

/** Every record an import batch produced, the batch itself first: with `fields`, only those. */
function* batchMutations(db: Db, tables: ReadonlyMap<string, SyncedTable>, entry: PendingEntry, batchFields: readonly string[] | null, rowFields: readonly string[] | null): Generator<OutgoingMutation> {
  const batch = tableOf(tables, 'import_batch');
  yield mutationOf(db, batch, entry.recordId, batchFields ?? allFields(batch), entry, entry.mutationId);
  for (const synced of tables.values()) {
    for (const recordId of recordsOfBatch(db, synced, entry.recordId)) {
      yield mutationOf(db, synced, recordId, rowFields ?? allFields(synced), { ...entry, op: rowFields ? 'delete' : 'upsert' }, derivedId(entry, synced.name, recordId));
    }
  }
}

/**
 * Turns one outbox entry into the protocol's mutations, one per record, one at a time (an import
 * of 100,000 rows is never all in memory): an import batch into its batch record and every row it
 * produced, a verification act into its record, its rows and the status of each distribution it moved. A
 * record's first change sends every field. Throws `RefusedEntry` for what cannot be sent.
 */
export function* entryMutations(db: Db, tables: ReadonlyMap<string, SyncedTable>, entry: PendingEntry): Generator<OutgoingMutation> {
  if (entry.tableName === 'import_batch' && entry.op === 'import_batch') return yield* batchMutations(db, tables, entry, null, null);
  if (entry.tableName === 'import_batch' && entry.op === 'delete') return yield* batchMutations(db, tables, entry, ['rolledBackAt', 'rolledBackBy'], ['deletedAt']);
  const synced = tableOf(tables, entry.tableName);
  if (entry.op === 'verification') {
    yield mutationOf(db, synced, entry.recordId, allFields(synced), entry, entry.mutationId);
    const distribution = tableOf(tables, 'distribution');
    const actRows = tableOf(tables, 'verification_row');
    const rows = db.select({ rowId: verificationRow.id, id: verificationRow.distributionId }).from(verificationRow).where(eq(verificationRow.verificationId, entry.recordId)).all();
    for (const { rowId, id } of rows) {
      // The act's row (the previous status) before the status it moved, as they were written.
      if (rowId !== null) yield mutationOf(db, actRows, rowId, allFields(actRows), { ...entry, op: 'upsert' }, derivedId(entry, 'verification_row', rowId));
      yield mutationOf(db, distribution, id, ['verificationStatus'], { ...entry, op: 'upsert' }, derivedId(entry, 'distribution', id));
    }
    return;
  }
  const known = new Set(allFields(synced));
  const named = Object.keys(entry.payload);
  const unknown = named.filter((field) => !known.has(field));
  if (unknown.length > 0) throw new RefusedEntry(`unknown_field: ${unknown.map((f) => `${entry.tableName}.${f}`).join(', ')}`);
  const fields = 'createdAt' in entry.payload || firstSight(db, entry) ? allFields(synced) : named;
  if (fields.length > 0) yield mutationOf(db, synced, entry.recordId, fields, entry, entry.mutationId);
}

/**
 * Whether this entry is the first the hub will hear of its record: no earlier outbox entry names
 * it and nothing about it was pulled. Then the mutation carries every field, so a device receiving
 * the record can create it (a service's create may name only the fields a person typed).
 */
function firstSight(db: Db, entry: PendingEntry): boolean {
  const earlier = db
    .select({ seq: syncOutbox.seq })
    .from(syncOutbox)
    .where(and(eq(syncOutbox.tableName, entry.tableName), eq(syncOutbox.recordId, entry.recordId), sql`${syncOutbox.seq} < ${entry.seq}`))
    .limit(1)
    .get();
  if (earlier) return false;
  return !db
    .select({ t: syncRecordClock.tableName })
    .from(syncRecordClock)
    .where(and(eq(syncRecordClock.tableName, entry.tableName), eq(syncRecordClock.recordId, entry.recordId)))
    .get();
}

/** The fields of each record that waiting local mutations change, with the latest clock and who: what a pull rebases over. */
export type PendingFields = Map<string, Map<string, { hlc: string; user: string | null }>>;

export const recordKey = (table: string, recordId: string) => `${table}\u0000${recordId}`;

export function pendingFields(db: Db, tables: ReadonlyMap<string, SyncedTable>): PendingFields {
  const out: PendingFields = new Map();
  let after = 0;
  for (;;) {
    const entries = pendingEntries(db, after);
    if (entries.length === 0) return out;
    for (const entry of entries) {
      try {
        for (const m of entryMutations(db, tables, entry)) {
          const key = recordKey(m.table, m.recordId);
          const fields = out.get(key) ?? new Map<string, { hlc: string; user: string | null }>();
          out.set(key, fields);
          for (const field of Object.keys(m.fields)) {
            const known = fields.get(field);
            if (!known || known.hlc < m.hlc) fields.set(field, { hlc: m.hlc, user: m.user ?? null });
          }
        }
      } catch (error) {
        // An entry that cannot be sent changes nothing at the hub, so nothing to rebase over.
        if (!(error instanceof RefusedEntry)) throw error;
      }
    }
    after = entries.at(-1)?.seq ?? after;
  }
}
