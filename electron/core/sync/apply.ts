import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { type PullResponse, stampDevice, type SyncChange } from '../../api/sync-protocol';
import { syncConflict, syncState } from '../../../db/schema';
import { type AuditEntry, inTransaction, journalWriter, sameValue } from '../audit/journal';
import { newId } from '../clock';
import type { CoreDeps } from '../context';
import { rwEnsurer } from '../regions/service';
import { type PendingFields, recordClocksSchema, recordKey } from './outbox';
import { type Json, readList, type RecordStatements, recordStatements, type SyncedTable, writeList } from './tables';

export interface ApplyContext {
  deviceId: string;
  tables: ReadonlyMap<string, SyncedTable>;
  pending: PendingFields;
  /** The records (`recordKey`) with a conflict waiting for a person, read by applyPage: only their pulled fields are checked against them. */
  openConflicts?: ReadonlySet<string>;
  /** Called after each change is written, inside the page's transaction (tests fail a pull midway here). */
  afterChange?: (change: SyncChange) => void;
  /** The cursor the page was asked from: if another process on this database applied it meanwhile, it is skipped. */
  fromCursor: number;
}

export interface PageOutcome {
  /** Records whose local data changed. */
  applied: number;
  conflicts: number;
}

export function setState(deps: Pick<CoreDeps, 'db'>, key: string, value: string): void {
  deps.db
    .insert(syncState)
    .values({ key, value })
    .onConflictDoUpdate({ target: syncState.key, set: { value: sql`excluded.value` } })
    .run();
}

export function getState(deps: Pick<CoreDeps, 'db'>, key: string): string | null {
  return deps.db.select({ value: syncState.value }).from(syncState).where(eq(syncState.key, key)).get()?.value ?? null;
}

/**
 * A later change of a field in conflict (made after both conflicting values, typically another
 * device's decision on the same conflict) settles it: the conflict is marked decided by its author.
 */
function supersedeConflicts(db: CoreDeps['db'], tableName: string, recordId: string, field: string, clock: { hlc: string; user: string | null }, now: string): void {
  db.update(syncConflict)
    .set({ resolvedAt: now, resolvedBy: remoteActor(clock.user, stampDevice(clock.hlc)) })
    .where(
      and(
        eq(syncConflict.tableName, tableName),
        eq(syncConflict.recordId, recordId),
        eq(syncConflict.field, field),
        isNull(syncConflict.resolvedAt),
        lt(syncConflict.localHlc, clock.hlc),
        lt(syncConflict.remoteHlc, clock.hlc),
      ),
    )
    .run();
}

/** Who made a pulled change, as the audit trail names it: the user on the device that wrote it. */
function remoteActor(user: string | null, device: string): string {
  return `${user ?? 'sync'}@${device}`;
}

const normalized = (value: Json | undefined, isList: boolean): Json => {
  if (value === undefined) return null;
  return isList && Array.isArray(value) ? [...value].map(String).sort() : value;
};

/** An RW code (`31.74.01.1007.005`): its kelurahan and number. RW regions are made where first named, on every device. */
const rwPattern = /^(\d{2}\.\d{2}\.\d{2}\.\d{4})\.(\d{3})$/;

/**
 * What applyChange writes with, prepared once per page: built per call by drizzle, these
 * statements were most of the time of a large first pull (1,000,000 records).
 */
interface PageWriters {
  records: RecordStatements;
  seenClocks(tableName: string, recordId: string): Record<string, string>;
  keepClocks(tableName: string, recordId: string, clocks: Record<string, string>): void;
  journal(entry: AuditEntry): void;
  ensureRw: ReturnType<typeof rwEnsurer>;
}

function pageWriters(deps: CoreDeps): PageWriters {
  const client = deps.db.$client;
  const readClocks = client.prepare('SELECT clocks FROM sync_record_clock WHERE table_name = ? AND record_id = ?').pluck();
  const writeClocks = client.prepare('INSERT INTO sync_record_clock (table_name, record_id, clocks) VALUES (?, ?, ?) ON CONFLICT (table_name, record_id) DO UPDATE SET clocks = excluded.clocks');
  return {
    records: recordStatements(deps.db),
    seenClocks(tableName, recordId) {
      const clocks = readClocks.get(tableName, recordId) as string | undefined;
      return clocks === undefined ? {} : recordClocksSchema.parse(JSON.parse(clocks));
    },
    keepClocks: (tableName, recordId, clocks) => writeClocks.run(tableName, recordId, JSON.stringify(clocks)),
    journal: journalWriter(deps),
    ensureRw: rwEnsurer(deps.db),
  };
}

/**
 * Applies one pulled change field by field. A field the device changed itself and has not pushed
 * yet keeps its local value when its clock is later (it will be pushed and win at the hub too);
 * when both sides changed it since the version this device last saw, a conflict keeps both values.
 */
function applyChange(deps: CoreDeps, ctx: ApplyContext, synced: SyncedTable, change: SyncChange, now: string, writers: PageWriters): { applied: boolean; conflicts: number } {
  const { db } = deps;
  const row = writers.records.read(synced, change.recordId);
  const seen = writers.seenClocks(synced.name, change.recordId);
  const pending = ctx.pending.get(recordKey(synced.name, change.recordId));
  // A few records at most: a lookup per change, not a statement per field of every change pulled.
  const inConflict = ctx.openConflicts?.has(recordKey(synced.name, change.recordId)) ?? false;
  const take: Record<string, Json> = {};
  const audit: Record<string, [Json, Json]> = {};
  let conflicts = 0;
  let latest: { hlc: string; user: string | null } | null = null;
  for (const [field, raw] of Object.entries(change.fields)) {
    const isList = synced.lists.has(field);
    if (!isList && !synced.fields.has(field)) continue;
    const clock = change.clocks[field] ?? { hlc: change.hlc, user: null };
    const remote = normalized(raw as Json, isList);
    const link = synced.lists.get(field);
    const local: Json = row === undefined ? null : link ? readList(db, link, change.recordId) : ((row[field] ?? null) as Json);
    const mine = pending?.get(field);
    const differ = !sameValue(local, remote);
    const keepLocal = mine !== undefined && mine.hlc > clock.hlc;
    if (mine !== undefined && differ && clock.hlc !== (seen[field] ?? null) && stampDevice(clock.hlc) !== ctx.deviceId) {
      db.insert(syncConflict)
        .values({
          id: newId(),
          tableName: synced.name,
          recordId: change.recordId,
          field,
          localValue: JSON.stringify(local),
          remoteValue: JSON.stringify(remote),
          localHlc: mine.hlc,
          remoteHlc: clock.hlc,
          localDevice: ctx.deviceId,
          remoteDevice: stampDevice(clock.hlc),
          localUser: mine.user,
          remoteUser: clock.user,
          winner: keepLocal ? 'local' : 'remote',
          detectedAt: now,
        })
        .run();
      conflicts += 1;
    }
    seen[field] = clock.hlc;
    if (inConflict) supersedeConflicts(db, synced.name, change.recordId, field, clock, now);
    if (keepLocal || !differ) continue;
    take[field] = remote;
    audit[field] = [local, remote];
    if (latest === null || clock.hlc > latest.hlc) latest = clock;
  }
  deps.hlc.observe(change.hlc);
  writers.keepClocks(synced.name, change.recordId, seen);
  const localHlc = row && typeof row.hlc === 'string' ? row.hlc : '';
  const stamp = change.hlc > localHlc ? change.hlc : localHlc;
  if (latest === null) {
    // Nothing new but the record's stamp (this device's own change coming back): keep stamps equal on every device.
    if (row !== undefined && synced.hasHlc && stamp !== localHlc) writers.records.update(synced, change.recordId, { hlc: stamp });
    return { applied: false, conflicts };
  }

  const columns = Object.fromEntries(Object.entries(take).filter(([field]) => synced.fields.has(field)));
  const rw = typeof columns.regionCode === 'string' ? rwPattern.exec(columns.regionCode) : null;
  if (rw?.[1] && rw[2]) writers.ensureRw(rw[1], Number(rw[2]));
  if (row === undefined) {
    writers.records.insert(synced, { ...columns, ...(synced.idGenerated ? {} : { id: change.recordId }), ...(synced.hasHlc ? { hlc: stamp } : {}) });
  } else {
    writers.records.update(synced, change.recordId, { ...columns, ...(synced.hasHlc ? { hlc: stamp } : {}) });
  }
  for (const [field, link] of synced.lists) {
    const items = take[field];
    if (Array.isArray(items)) writeList(db, link, change.recordId, items.map(String));
  }
  writers.journal({ actor: remoteActor(latest.user, stampDevice(latest.hlc)), action: 'sync', tableName: synced.name, recordId: change.recordId, changes: audit });
  return { applied: true, conflicts };
}

/**
 * Applies one pulled page and moves the cursor past it in ONE transaction: a device stopped
 * midway (killed, power cut) finds the page not applied and the cursor before it, and pulls it
 * again. Remote changes are audited but never enter the outbox. Foreign keys are checked by the
 * device that wrote the rows; here they are off during the page, since a record may arrive before
 * the one it points at (its parent was changed again later and has a later sequence number).
 */
export function applyPage(deps: CoreDeps, ctx: ApplyContext, page: PullResponse): PageOutcome {
  const { db } = deps;
  const now = deps.clock.now().toISOString();
  db.$client.pragma('foreign_keys = OFF');
  try {
    return inTransaction(db, () => {
      if (Number(getState(deps, 'cursor') ?? '0') !== ctx.fromCursor) return { applied: 0, conflicts: 0 };
      const open = db.selectDistinct({ tableName: syncConflict.tableName, recordId: syncConflict.recordId }).from(syncConflict).where(isNull(syncConflict.resolvedAt)).all();
      ctx = { ...ctx, openConflicts: new Set(open.map((c) => recordKey(c.tableName, c.recordId))) };
      let applied = 0;
      let conflicts = 0;
      let latest = getState(deps, 'hlc') ?? '';
      const writers = pageWriters(deps);
      for (const change of page.changes) {
        const synced = ctx.tables.get(change.table);
        if (synced) {
          const outcome = applyChange(deps, ctx, synced, change, now, writers);
          if (outcome.applied) applied += 1;
          conflicts += outcome.conflicts;
        }
        if (change.hlc > latest) latest = change.hlc;
        ctx.afterChange?.(change);
      }
      if (latest !== '') setState(deps, 'hlc', latest);
      setState(deps, 'cursor', String(page.nextCursor));
      return { applied, conflicts };
    });
  } finally {
    db.$client.pragma('foreign_keys = ON');
  }
}
