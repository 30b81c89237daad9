import { hostname } from 'node:os';
import { and, asc, count, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Output } from '../../api/contract';
import { AppError } from '../../api/errors';
import { DEFAULT_PULL_LIMIT, type PushResult, type SyncConflict } from '../../api/sync-protocol';
import type { Db } from '../../../db/connection';
import { syncConflict, syncOutbox, syncRecordClock, syncState } from '../../../db/schema';
import { inTransaction, journalWrite } from '../audit/journal';
import { newId } from '../clock';
import type { CoreDeps } from '../context';
import { type ApplyContext, applyPage, getState, setState } from './apply';
import { blobsOf, downloadMissingBlobs, uploadBlobs } from './blobs';
import { entryMutations, type OutgoingMutation, pendingEntries, pendingFields, RefusedEntry, seenClocks } from './outbox';
import { type Json, readRecord, type SyncedTable, syncedTables, writeList } from './tables';
import { type Fetch, type HubClient, hubClient } from './transport';

/** Mutations per push request: well under the hub's limit and its body size. */
const PUSH_BATCH = 1000;
/** Push-then-pull rounds in one `sync`: more only when people keep writing while it runs. */
const MAX_ROUNDS = 5;

export interface SyncOptions {
  fetch?: Fetch;
  pullLimit?: number;
  pushBatch?: number;
  /** Inside each pulled page's transaction, after each change (fault injection in tests). */
  afterChange?: ApplyContext['afterChange'];
}

export interface SyncReport {
  server: string;
  deviceId: string;
  /** Mutations the hub took (applied, in conflict, or already had). */
  pushed: number;
  /** Pulled records that changed local data. */
  pulled: number;
  /** Conflicts still waiting for a person (all of them, not only this run's). */
  conflicts: number;
  newConflicts: number;
  /** Outbox entries the hub refused, kept with their reason. */
  rejected: { seq: number; tableName: string; recordId: string; reason: string }[];
  /** Files (SHA-256) that records name and neither this device nor the hub holds yet. */
  missingFiles: string[];
  pending: number;
  lastSyncAt: string;
}

export type SyncStatus = Output<'sync:status'>;

const STATE = {
  server: 'hub_url',
  token: 'device_token',
  cursor: 'cursor',
  lastSync: 'last_sync_at',
  device: 'device_id',
  /** The error code of the last sync when it failed (absent once one succeeds) and when that was. */
  lastError: 'last_error',
  lastAttempt: 'last_attempt_at',
  /** When the background sync tries next (written by `startBackgroundSync`). */
  nextAttempt: 'next_attempt_at',
} as const;

function deviceIdOf(deps: Pick<CoreDeps, 'db'>): string {
  const id = getState(deps, STATE.device);
  if (id === null) throw new AppError('internal', { reason: 'sync_state.device_id missing' });
  return id;
}

/** The hub address as given, checked (http or https, no credentials in it), or null when it is not one. */
export function normalizedServerUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.toString().replace(/\/+$/, '');
}

function serverUrl(url: string): string {
  const normalized = normalizedServerUrl(url);
  if (normalized === null) throw new AppError('invalid_input', { issues: `server ${url}: http://HOST:PORT` });
  return normalized;
}

/**
 * Enrols this database as a device of the hub with a one-time code: the device token it gets back
 * is kept in sync_state (a secret: never printed). A new enrolment starts pulling from the beginning.
 */
export async function enrolDevice(deps: CoreDeps, input: { server: string; code: string }, options: SyncOptions = {}): Promise<{ server: string; deviceId: string }> {
  const server = serverUrl(input.server);
  const deviceId = deviceIdOf(deps);
  const answer = await hubClient(server, null, options.fetch).enrol({ code: input.code.trim(), deviceId, name: hostname().slice(0, 200) || deviceId });
  inTransaction(deps.db, () => {
    setState(deps, STATE.server, server);
    setState(deps, STATE.token, answer.token);
    setState(deps, STATE.cursor, '0');
    deps.db.delete(syncRecordClock).run();
  });
  return { server, deviceId };
}

/** Points this device at another address of its hub (the token and cursor stay). */
export function setServer(deps: CoreDeps, server: string): string {
  const url = serverUrl(server);
  setState(deps, STATE.server, url);
  return url;
}

function unresolvedConflicts(db: Db): number {
  return db.select({ n: count() }).from(syncConflict).where(isNull(syncConflict.resolvedAt)).get()?.n ?? 0;
}

/**
 * Keeps the conflicts a push answer names; answers how many were new. One this device already holds
 * (the same field, both stamps: the hub answers it again for a push retried after its answer was
 * lost, and a pull may have found it first) is not recorded twice.
 */
function recordHubConflicts(db: Db, conflicts: readonly SyncConflict[], now: string): number {
  let recorded = 0;
  for (const c of conflicts) {
    const held = db
      .select({ id: syncConflict.id })
      .from(syncConflict)
      .where(and(eq(syncConflict.tableName, c.table), eq(syncConflict.recordId, c.recordId), eq(syncConflict.field, c.field), eq(syncConflict.localHlc, c.incoming.hlc), eq(syncConflict.remoteHlc, c.hub.hlc)))
      .get();
    if (held) continue;
    recorded += 1;
    db.insert(syncConflict)
      .values({
        id: newId(),
        tableName: c.table,
        recordId: c.recordId,
        field: c.field,
        localValue: JSON.stringify(c.incoming.value),
        remoteValue: JSON.stringify(c.hub.value),
        localHlc: c.incoming.hlc,
        remoteHlc: c.hub.hlc,
        localDevice: c.incoming.device,
        remoteDevice: c.hub.device,
        localUser: c.incoming.user,
        remoteUser: c.hub.user,
        winner: c.winner === 'incoming' ? 'local' : 'remote',
        detectedAt: now,
      })
      .run();
  }
  return recorded;
}

/** Sends one batch; a batch the hub refuses as a whole is sent again without the refused mutations. */
async function pushBatch(client: HubClient, server: string, batch: OutgoingMutation[]): Promise<{ results: PushResult[]; refused: Map<string, string> }> {
  const refused = new Map<string, string>();
  let remaining = batch;
  while (remaining.length > 0) {
    const answer = await client.push(remaining);
    if ('results' in answer) return { results: answer.results, refused };
    for (const r of answer.refused) refused.set(r.mutationId, r.reason);
    const before = remaining.length;
    remaining = remaining.filter((m) => !refused.has(m.mutationId));
    if (remaining.length === before) throw new AppError('sync_refused', { url: server, status: 400, code: 'refused', reason: answer.refused.map((r) => r.reason).join('; ') });
  }
  return { results: [], refused };
}

/**
 * Pushes every waiting outbox entry, in order, in batches, expanding one entry at a time. An entry
 * is marked pushed only once the hub answered for all its mutations; a retried batch (the
 * connection was cut before the answer) is harmless because the hub keeps each mutation id once.
 * Refused entries stay, with the reason.
 */
async function pushOutbox(deps: CoreDeps, server: string, client: HubClient, batchSize: number): Promise<{ pushed: number; conflicts: number }> {
  const { db } = deps;
  const tables = syncedTables();
  let pushed = 0;
  let conflicts = 0;
  let batch: OutgoingMutation[] = [];
  const owner = new Map<string, number>();
  /** Entries whose every mutation is in the batch or already answered: marked at the next flush. */
  const expanded: number[] = [];
  const refusedBy = new Map<number, string>();

  const flush = async () => {
    const now = deps.clock.now().toISOString();
    if (batch.length > 0) {
      await uploadBlobs(deps, client, blobsOf(batch));
      const { results, refused } = await pushBatch(client, server, batch);
      for (const [mutationId, reason] of refused) refusedBy.set(owner.get(mutationId) ?? -1, reason);
      for (const result of results) if (result.status === 'rejected') refusedBy.set(owner.get(result.mutationId) ?? -1, result.reason);
      inTransaction(db, () => {
        for (const result of results) {
          if (result.status !== 'conflict') continue;
          conflicts += recordHubConflicts(db, result.conflicts, now);
        }
      });
      pushed += results.filter((r) => r.status !== 'rejected').length;
    }
    inTransaction(db, () => {
      for (const seq of expanded) {
        const reason = refusedBy.get(seq);
        if (reason === undefined) db.update(syncOutbox).set({ pushedAt: now }).where(eq(syncOutbox.seq, seq)).run();
        else db.update(syncOutbox).set({ rejectedAt: now, rejectedReason: reason }).where(eq(syncOutbox.seq, seq)).run();
        refusedBy.delete(seq);
      }
    });
    batch = [];
    owner.clear();
    expanded.length = 0;
  };

  let after = 0;
  for (;;) {
    const entries = pendingEntries(db, after, 200);
    if (entries.length === 0) break;
    for (const entry of entries) {
      try {
        for (const mutation of entryMutations(db, tables, entry)) {
          batch.push(mutation);
          owner.set(mutation.mutationId, entry.seq);
          if (batch.length >= batchSize) await flush();
        }
      } catch (error) {
        if (!(error instanceof RefusedEntry)) throw error;
        refusedBy.set(entry.seq, error.reason);
      }
      expanded.push(entry.seq);
    }
    after = entries.at(-1)?.seq ?? after;
  }
  await flush();
  return { pushed, conflicts };
}

async function pullAll(deps: CoreDeps, client: HubClient, limit: number, afterChange: SyncOptions['afterChange']): Promise<{ pulled: number; conflicts: number; missingFiles: string[] }> {
  const tables = syncedTables();
  const deviceId = deviceIdOf(deps);
  let pulled = 0;
  let conflicts = 0;
  for (;;) {
    const cursor = Number(getState(deps, STATE.cursor) ?? '0');
    const page = await client.pull(cursor, limit);
    // Read after the page arrives: a person may have changed something while it was on its way.
    const ctx: ApplyContext = { deviceId, tables, pending: pendingFields(deps.db, tables), afterChange, fromCursor: cursor };
    const outcome = applyPage(deps, ctx, page);
    pulled += outcome.applied;
    conflicts += outcome.conflicts;
    if (!page.more || page.changes.length === 0) {
      return { pulled, conflicts, missingFiles: await downloadMissingBlobs(deps, client) };
    }
  }
}

function clientOf(deps: CoreDeps, options: SyncOptions): { server: string; client: HubClient } {
  const server = getState(deps, STATE.server);
  const token = getState(deps, STATE.token);
  if (server === null || token === null) throw new AppError('sync_not_enrolled');
  return { server, client: hubClient(server, token, options.fetch) };
}

/** Outbox entries the hub refused, oldest first, with the reason. */
export function rejectedEntries(db: Db): SyncReport['rejected'] {
  return db
    .select({ seq: syncOutbox.seq, tableName: syncOutbox.tableName, recordId: syncOutbox.recordId, reason: syncOutbox.rejectedReason })
    .from(syncOutbox)
    .where(isNotNull(syncOutbox.rejectedAt))
    .orderBy(asc(syncOutbox.seq))
    .all()
    .map((row) => ({ ...row, reason: row.reason ?? '' }));
}

function pendingCount(db: Db): number {
  return db.select({ n: count() }).from(syncOutbox).where(and(isNull(syncOutbox.pushedAt), isNull(syncOutbox.rejectedAt))).get()?.n ?? 0;
}

/**
 * Pushes and pulls until both sides are up to date (or people keep writing for too many rounds).
 * Whether the hub answered is kept for the status indicator.
 */
export async function syncNow(deps: CoreDeps, options: SyncOptions = {}): Promise<SyncReport> {
  const { server, client } = clientOf(deps, options);
  setState(deps, STATE.lastAttempt, deps.clock.now().toISOString());
  try {
    const report = await pushAndPull(deps, server, client, options);
    deps.db.delete(syncState).where(eq(syncState.key, STATE.lastError)).run();
    return report;
  } catch (error) {
    setState(deps, STATE.lastError, error instanceof AppError ? error.code : 'internal');
    throw error;
  }
}

async function pushAndPull(deps: CoreDeps, server: string, client: HubClient, options: SyncOptions): Promise<SyncReport> {
  let pushed = 0;
  let pulled = 0;
  let newConflicts = 0;
  let missingFiles: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const push = await pushOutbox(deps, server, client, options.pushBatch ?? PUSH_BATCH);
    const pull = await pullAll(deps, client, options.pullLimit ?? DEFAULT_PULL_LIMIT, options.afterChange);
    pushed += push.pushed;
    pulled += pull.pulled;
    newConflicts += push.conflicts + pull.conflicts;
    missingFiles = pull.missingFiles;
    if (pendingCount(deps.db) === 0) break;
  }
  const lastSyncAt = deps.clock.now().toISOString();
  setState(deps, STATE.lastSync, lastSyncAt);
  return {
    server,
    deviceId: deviceIdOf(deps),
    pushed,
    pulled,
    conflicts: unresolvedConflicts(deps.db),
    newConflicts,
    rejected: rejectedEntries(deps.db),
    missingFiles,
    pending: pendingCount(deps.db),
    lastSyncAt,
  };
}

const running = new WeakMap<Db, Promise<SyncReport>>();

/**
 * `syncNow`, one at a time per database connection: the Sync button pressed while the background
 * sync is under way waits for that run instead of starting a second one beside it.
 */
export function runSync(deps: CoreDeps, options: SyncOptions = {}): Promise<SyncReport> {
  const under = running.get(deps.db);
  if (under) return under;
  const run = syncNow(deps, options).finally(() => running.delete(deps.db));
  running.set(deps.db, run);
  return run;
}

/** Records when the background sync tries next (null: it is not scheduled). */
export function setNextAttempt(deps: Pick<CoreDeps, 'db'>, at: Date | null): void {
  if (at === null) deps.db.delete(syncState).where(eq(syncState.key, STATE.nextAttempt)).run();
  else setState(deps, STATE.nextAttempt, at.toISOString());
}

export function isEnrolled(deps: Pick<CoreDeps, 'db'>): boolean {
  return getState(deps, STATE.token) !== null;
}

/** Where sync stands, without asking the hub: online means the hub answered the last sync. */
export function syncStatus(deps: Pick<CoreDeps, 'db'>): SyncStatus {
  const enrolled = isEnrolled(deps);
  const lastSyncAt = getState(deps, STATE.lastSync);
  const lastError = getState(deps, STATE.lastError);
  const state = !enrolled ? 'not_enrolled' : lastError !== null ? 'offline' : lastSyncAt === null ? 'never_synced' : 'online';
  return {
    state,
    server: getState(deps, STATE.server),
    deviceId: deviceIdOf(deps),
    lastSyncAt,
    lastAttemptAt: getState(deps, STATE.lastAttempt),
    nextAttemptAt: enrolled ? getState(deps, STATE.nextAttempt) : null,
    lastError,
    pending: pendingCount(deps.db),
    rejected: deps.db.select({ n: count() }).from(syncOutbox).where(isNotNull(syncOutbox.rejectedAt)).get()?.n ?? 0,
    conflicts: unresolvedConflicts(deps.db),
  };
}

/** The columns that name a record for a person, in the order tried (partner and target name, PKS number, file name). */
const LABEL_FIELDS = ['name', 'number', 'fileName'] as const;

function recordLabel(db: Db, tables: ReadonlyMap<string, SyncedTable>, tableName: string, recordId: string): string | null {
  const synced = tables.get(tableName);
  const field = synced && LABEL_FIELDS.find((f) => synced.fields.has(f));
  if (!synced || !field) return null;
  const value = readRecord(db, synced, recordId, [field])?.[field];
  return typeof value === 'string' ? value : null;
}

const parsedValue = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/** Conflicts waiting for a person, oldest first, both values as JSON, with what the record is called. */
export function listConflicts(deps: Pick<CoreDeps, 'db'>) {
  const tables = syncedTables();
  return deps.db
    .select()
    .from(syncConflict)
    .where(isNull(syncConflict.resolvedAt))
    .orderBy(asc(syncConflict.detectedAt), asc(syncConflict.id))
    .all()
    .map(({ resolvedAt: _at, resolvedBy: _by, ...row }) => ({
      ...row,
      recordLabel: recordLabel(deps.db, tables, row.tableName, row.recordId),
      localValue: parsedValue(row.localValue),
      remoteValue: parsedValue(row.remoteValue),
    }));
}

/**
 * A person's decision on a conflict, in one transaction: the chosen value is written to the field
 * again with a new clock, audited and put in the outbox like any edit, so it wins on the hub and
 * on every device; the conflict is marked decided (audited too). The hub's clock the conflict
 * names counts as seen from now on, so the decision itself is not reported as a new conflict.
 */
export function resolveConflict(deps: CoreDeps, input: { id: string; choice: 'local' | 'remote' }, actor: string) {
  const { db } = deps;
  return inTransaction(db, () => {
    const conflict = db.select().from(syncConflict).where(eq(syncConflict.id, input.id)).get();
    if (!conflict) throw new AppError('not_found', { what: 'sync.conflicts.what', id: input.id });
    if (conflict.resolvedAt !== null) throw new AppError('sync_conflict_resolved', { id: input.id, by: conflict.resolvedBy ?? '—' });
    const synced = syncedTables().get(conflict.tableName);
    const before = synced ? readRecord(db, synced, conflict.recordId, [conflict.field]) : null;
    if (!synced || before === null) throw new AppError('not_found', { what: `sync.table.${conflict.tableName}`, id: conflict.recordId });
    const value = parsedValue(input.choice === 'local' ? conflict.localValue : conflict.remoteValue) as Json;
    const link = synced.lists.get(conflict.field);
    if (link) writeList(db, link, conflict.recordId, Array.isArray(value) ? value.map(String) : []);
    db.update(synced.table)
      .set({ ...(link ? {} : { [conflict.field]: value }), ...(synced.hasHlc ? { hlc: deps.hlc.tick() } : {}) })
      .where(eq(synced.id, conflict.recordId))
      .run();
    const seen = seenClocks(db, conflict.tableName, conflict.recordId);
    if ((seen[conflict.field] ?? '') < conflict.remoteHlc) {
      seen[conflict.field] = conflict.remoteHlc;
      db.insert(syncRecordClock)
        .values({ tableName: conflict.tableName, recordId: conflict.recordId, clocks: JSON.stringify(seen) })
        .onConflictDoUpdate({ target: [syncRecordClock.tableName, syncRecordClock.recordId], set: { clocks: JSON.stringify(seen) } })
        .run();
    }
    journalWrite(
      deps,
      { actor, action: 'update', tableName: conflict.tableName, recordId: conflict.recordId, changes: { [conflict.field]: [before[conflict.field] ?? null, value] } },
      { tableName: conflict.tableName, recordId: conflict.recordId, op: 'upsert', payload: { [conflict.field]: value } },
    );
    const resolvedAt = deps.clock.now().toISOString();
    db.update(syncConflict).set({ resolvedAt, resolvedBy: actor }).where(eq(syncConflict.id, conflict.id)).run();
    journalWrite(deps, { actor, action: 'resolve_conflict', tableName: 'sync_conflict', recordId: conflict.id, changes: { choice: [null, input.choice], resolvedAt: [null, resolvedAt] } });
    return { id: conflict.id, tableName: conflict.tableName, recordId: conflict.recordId, field: conflict.field, value };
  });
}
