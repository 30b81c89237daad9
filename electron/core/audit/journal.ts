import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { auditLog, syncOutbox, syncState } from '../../../db/schema';
import type { OutboxOp } from '../../../db/schema/sync';
import { newId } from '../clock';
import type { CoreDeps } from '../context';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  action: string;
  tableName: string;
  recordId: string;
  changes: Record<string, unknown>;
  importBatchId?: string | null;
}

export interface OutboxEntry {
  tableName: string;
  recordId: string;
  op: OutboxOp;
  payload: Record<string, unknown>;
  /** Who made the change: the hub records it per field (and in a conflict). */
  actor?: string;
}

/** SHA-256 over the previous hash and the entry's fields in a fixed order. */
export function auditHash(prevHash: string, at: string, entry: Omit<AuditEntry, 'changes'>, changes: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        prevHash,
        at,
        entry.actor,
        entry.action,
        entry.tableName,
        entry.recordId,
        changes,
        entry.importBatchId ?? null,
      ]),
    )
    .digest('hex');
}

/** Runs `work` in one SQLite transaction (a savepoint when nested). Never await inside. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work)();
}

/**
 * The one way a service records a write: the audit entry (hash-chained to the previous one) and,
 * for synced tables, the outbox mutation. Call it inside the transaction that changed the row.
 */
export function journalWrite(deps: Pick<CoreDeps, 'db' | 'clock' | 'hlc'>, entry: AuditEntry, outbox?: OutboxEntry): void {
  const { db } = deps;
  const at = deps.clock.now().toISOString();
  const previous = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const changes = JSON.stringify(entry.changes);
  db.insert(auditLog)
    .values({
      at,
      actor: entry.actor,
      action: entry.action,
      tableName: entry.tableName,
      recordId: entry.recordId,
      changes,
      importBatchId: entry.importBatchId ?? null,
      prevHash,
      hash: auditHash(prevHash, at, entry, changes),
    })
    .run();
  if (!outbox) return;
  appendOutbox(deps, { ...outbox, actor: entry.actor }, at);
}

/**
 * `journalWrite` without an outbox, for many entries in one transaction (a pulled page of 1,000
 * records): the insert is prepared once and the chain's last hash kept between entries instead of
 * read back each time. Use it only where nothing else writes the journal in that transaction.
 */
export function journalWriter(deps: Pick<CoreDeps, 'db' | 'clock'>): (entry: AuditEntry) => void {
  const client = deps.db.$client;
  const insert = client.prepare('INSERT INTO audit_log (at, actor, action, table_name, record_id, changes, import_batch_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let prevHash: string | null = null;
  return (entry) => {
    prevHash ??= (client.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS_HASH;
    const at = deps.clock.now().toISOString();
    const changes = JSON.stringify(entry.changes);
    const hash = auditHash(prevHash, at, entry, changes);
    insert.run(at, entry.actor, entry.action, entry.tableName, entry.recordId, changes, entry.importBatchId ?? null, prevHash, hash);
    prevHash = hash;
  };
}

/**
 * Appends one outbox mutation (and keeps the stored clock) without an audit entry of its own: for
 * the rows a single audited change touches, such as every record a partner merge moves. Call it
 * inside the transaction; answers the mutation's clock stamp.
 */
export function appendOutbox(deps: Pick<CoreDeps, 'db' | 'hlc'>, outbox: OutboxEntry, at: string, given?: string): string {
  const { db } = deps;
  // Another process on this database (`ksbb sync` beside the app) may have pulled later stamps:
  // a change made after seeing them must sort after them, or it would lose to what it replaced.
  const stored = db.select({ value: syncState.value }).from(syncState).where(eq(syncState.key, 'hlc')).get();
  if (stored) deps.hlc.observe(stored.value);
  const stamp = given ?? deps.hlc.tick();
  db.insert(syncOutbox)
    .values({
      mutationId: newId(),
      tableName: outbox.tableName,
      recordId: outbox.recordId,
      op: outbox.op,
      payload: JSON.stringify(outbox.payload),
      hlc: stamp,
      createdAt: at,
      actor: outbox.actor ?? null,
    })
    .run();
  db.insert(syncState)
    .values({ key: 'hlc', value: stamp })
    .onConflictDoUpdate({ target: syncState.key, set: { value: sql`max(${syncState.value}, excluded.value)` } })
    .run();
  return stamp;
}

/** Whether two field values are equal for the audit (lists and objects by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The audit changes of a new record: each of `keys` (default: all) that has a value, from null.
 * Null and an empty list are no value.
 */
export function createdChanges<T extends object>(values: T, keys: readonly (keyof T & string)[] = Object.keys(values) as (keyof T & string)[]) {
  const given = (value: unknown) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
  return Object.fromEntries(keys.filter((key) => given(values[key])).map((key) => [key, [null, values[key]]]));
}

/** The audit changes of an update: each changed field, old → new. */
export function updatedChanges<T extends object>(before: T, after: T, changed: readonly (keyof T & string)[]) {
  return Object.fromEntries(changed.map((key) => [key, [before[key], after[key]]]));
}
