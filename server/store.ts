import { createHash, randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../electron/api/errors';
import type { PullResponse, PushResult, SyncConflict, SyncMutation } from '../electron/api/sync-protocol';
import { type FieldClock, type HubRecordState, mergeMutation, recordStamp } from './merge';

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Where the hub keeps its data: a PostgreSQL server, or embedded PGlite in a folder. */
export type HubDatabase = { databaseUrl: string } | { dataDir: string };

/** Advisory lock keys (any 64-bit numbers no one else on the database uses). */
const PUSH_LOCK = 0x6b736262_01;
const MIGRATION_LOCK = 0x6b736262_02;

export const ENROLMENT_CODE_VALID_MS = 24 * 60 * 60 * 1000;
/** Crockford's base 32: no I, L, O, U, so a code read aloud or retyped survives. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type EnrolOutcome = { deviceId: string; token: string } | 'invalid_code' | 'device_exists';

/** An enrolled device as the administrator sees it (`ksbb server devices`); times in ISO 8601. */
export interface HubDevice {
  id: string;
  name: string;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

/** A device's token is refreshed as "last seen" at most this often: not a write per request. */
const LAST_SEEN_EVERY_MS = 60_000;

export interface HubStore {
  /** A new one-time enrolment code, valid for `validMs`. */
  createEnrolmentCode(now: Date, validMs?: number): Promise<string>;
  /** Exchanges a code for a device token; the code is spent only when the device is enrolled. */
  enrol(input: { code: string; deviceId: string; name: string }, now: Date): Promise<EnrolOutcome>;
  /**
   * The enrolled device a bearer token belongs to, and whether it was revoked (null: no device has
   * that token). A device not revoked is marked seen at `now`.
   */
  deviceForToken(token: string, now: Date): Promise<{ deviceId: string; revoked: boolean } | null>;
  /** Revokes a device's token; false when there is no such device or it was already revoked. */
  revokeDevice(deviceId: string, now: Date): Promise<boolean>;
  /** Every enrolled device, in the order they enrolled. */
  listDevices(): Promise<HubDevice[]>;
  push(deviceId: string, mutations: readonly SyncMutation[], now: Date): Promise<PushResult[]>;
  pull(cursor: number, limit: number): Promise<PullResponse>;
  blobSize(sha256: string): Promise<number | null>;
  /** Stores a blob once; answers false when the hub already had it. */
  putBlob(sha256: string, bytes: Buffer, deviceId: string): Promise<boolean>;
  getBlob(sha256: string): Promise<Buffer | null>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

type Query = <T>(query: SQL) => Promise<T[]>;

/** The two drivers behind one small surface: a query, a transaction, and closing. */
interface Driver {
  query: Query;
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Executor {
  execute(query: SQL): Promise<{ rows: unknown[] }>;
}
const queryOf =
  (db: Executor): Query =>
  async <T>(query: SQL) =>
    (await db.execute(query)).rows as T[];

async function postgresDriver(databaseUrl: string, onIdleError: (error: Error) => void): Promise<Driver> {
  // Two hub processes starting together must not both migrate: a session lock on one connection.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.end();
  }
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle connection the server ended (a restart, an administrator) is dropped by the pool and
  // replaced on next use; unhandled, its error would end the process.
  pool.on('error', onIdleError);
  const db = drizzlePg({ client: pool });
  return {
    query: queryOf(db as unknown as Executor),
    transaction: (work) => db.transaction((tx) => work(queryOf(tx as unknown as Executor))),
    close: () => pool.end(),
  };
}

/** The file that says which process has a PGlite folder open. */
const PGLITE_LOCK = 'ksbb-hub.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the PGlite folder for this process: embedded PostgreSQL has no server to share it, and two
 * processes writing one folder would corrupt it. A lock left by a process that is gone is taken over.
 */
function lockFolder(dataDir: string): () => void {
  const path = join(dataDir, PGLITE_LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isSafeInteger(pid) && pid > 0 && isRunning(pid)) throw new AppError('hub_data_in_use', { dir: dataDir, pid });
      rmSync(path, { force: true });
    }
  }
  throw new AppError('hub_data_in_use', { dir: dataDir, pid: '?' });
}

async function pgliteDriver(dataDir: string): Promise<Driver> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockFolder(dataDir);
  try {
    const client = await PGlite.create(dataDir);
    const db = drizzlePglite({ client });
    await migratePglite(db, { migrationsFolder });
    return {
      query: queryOf(db as unknown as Executor),
      transaction: (work) => db.transaction((tx) => work(queryOf(tx as unknown as Executor))),
      close: async () => {
        await client.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** `ABCD-EFGH-JKMN`: 60 random bits, typed by a person from a screen or a note. */
function newEnrolmentCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** A code as typed: case, spaces and dashes do not matter. */
function normalizedCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

const jsonParam = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

interface StoredRow {
  table_name: string;
  record_id: string;
  fields: HubRecordState['fields'];
  clocks: Record<string, FieldClock>;
  hlc: string;
  deleted_at: string | null;
  seq: string | number | bigint;
}

/**
 * Applies one push batch in one transaction. Pushes are serialized across every hub process by a
 * transaction-scoped advisory lock taken first: the merge reads and writes records without racing
 * another push, and sequence numbers (the highest so far + 1, …) are handed out in commit order,
 * because the next push only gets the lock once this one has committed.
 */
async function applyPush(query: Query, deviceId: string, mutations: readonly SyncMutation[], now: Date): Promise<PushResult[]> {
  await query(sql`SELECT pg_advisory_xact_lock(${PUSH_LOCK})`);
  const ids = mutations.map((m) => m.mutationId);
  const before = await query<{ mutation_id: string; status: 'applied' | 'conflict' }>(
    sql`SELECT mutation_id, status FROM hub_mutation WHERE mutation_id IN (SELECT jsonb_array_elements_text(${jsonParam(ids)}))`,
  );
  const seen = new Set(before.map((r) => r.mutation_id));
  // A mutation whose first application was a conflict answers it again: the device may never have
  // received that answer (the connection was cut after the commit) and must still learn of it.
  const earlierConflicts = await storedConflicts(query, before.filter((r) => r.status === 'conflict').map((r) => r.mutation_id));

  const keyOf = (table: string, recordId: string) => JSON.stringify([table, recordId]);
  const fresh: SyncMutation[] = [];
  for (const m of mutations) {
    if (seen.has(m.mutationId)) continue;
    seen.add(m.mutationId);
    fresh.push(m);
  }
  const keys = [...new Map(fresh.map((m) => [keyOf(m.table, m.recordId), { t: m.table, r: m.recordId }])).values()];
  const stored = await query<Pick<StoredRow, 'table_name' | 'record_id' | 'fields' | 'clocks'>>(sql`
    SELECT h.table_name, h.record_id, h.fields, h.clocks FROM hub_record h
    JOIN jsonb_to_recordset(${jsonParam(keys)}) AS k(t text, r text) ON h.table_name = k.t AND h.record_id = k.r`);
  const records = new Map<string, HubRecordState>(stored.map((row) => [keyOf(row.table_name, row.record_id), { fields: row.fields, clocks: row.clocks }]));

  const changed = new Map<string, { table: string; recordId: string; record: HubRecordState }>();
  const applied: { mutation: SyncMutation; status: 'applied' | 'conflict' }[] = [];
  const conflicts: { mutationId: string; conflict: SyncConflict }[] = [];
  const outcome = new Map<string, PushResult>();
  for (const mutation of fresh) {
    const key = keyOf(mutation.table, mutation.recordId);
    const record = records.get(key) ?? { fields: {}, clocks: {} };
    records.set(key, record);
    const merged = mergeMutation(record, mutation);
    if (merged.changed) changed.set(key, { table: mutation.table, recordId: mutation.recordId, record });
    const status = merged.conflicts.length > 0 ? 'conflict' : 'applied';
    applied.push({ mutation, status });
    for (const conflict of merged.conflicts) conflicts.push({ mutationId: mutation.mutationId, conflict });
    outcome.set(mutation.mutationId, status === 'conflict' ? { mutationId: mutation.mutationId, status, conflicts: merged.conflicts } : { mutationId: mutation.mutationId, status });
  }

  if (changed.size > 0) {
    const [top] = await query<{ seq: string | number | null }>(sql`SELECT max(seq) AS seq FROM hub_record`);
    let seq = Number(top?.seq ?? 0);
    const rows = [...changed.values()].map(({ table, recordId, record }) => ({
      table_name: table,
      record_id: recordId,
      fields: record.fields,
      clocks: record.clocks,
      hlc: recordStamp(record),
      deleted_at: typeof record.fields.deletedAt === 'string' ? record.fields.deletedAt : null,
      seq: (seq += 1),
    }));
    await query(sql`
      INSERT INTO hub_record (table_name, record_id, fields, clocks, hlc, deleted_at, seq)
      SELECT r.table_name, r.record_id, r.fields, r.clocks, r.hlc, r.deleted_at, r.seq
      FROM jsonb_to_recordset(${jsonParam(rows)}) AS r(table_name text, record_id text, fields jsonb, clocks jsonb, hlc text, deleted_at text, seq bigint)
      ON CONFLICT (table_name, record_id) DO UPDATE
      SET fields = excluded.fields, clocks = excluded.clocks, hlc = excluded.hlc, deleted_at = excluded.deleted_at, seq = excluded.seq`);
  }
  if (applied.length > 0) {
    const rows = applied.map(({ mutation, status }) => ({ mutation_id: mutation.mutationId, table_name: mutation.table, record_id: mutation.recordId, hlc: mutation.hlc, status }));
    await query(sql`
      INSERT INTO hub_mutation (mutation_id, device_id, table_name, record_id, hlc, status, received_at)
      SELECT m.mutation_id, ${deviceId}, m.table_name, m.record_id, m.hlc, m.status, ${now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${jsonParam(rows)}) AS m(mutation_id text, table_name text, record_id text, hlc text, status text)`);
  }
  if (conflicts.length > 0) {
    const rows = conflicts.map(({ mutationId, conflict: c }) => ({
      id: uuidv7(),
      mutation_id: mutationId,
      table_name: c.table,
      record_id: c.recordId,
      field: c.field,
      winner: c.winner,
      hub_value: c.hub.value,
      hub_hlc: c.hub.hlc,
      hub_device: c.hub.device,
      hub_user: c.hub.user,
      incoming_value: c.incoming.value,
      incoming_hlc: c.incoming.hlc,
      incoming_device: c.incoming.device,
      incoming_user: c.incoming.user,
    }));
    await query(sql`
      INSERT INTO hub_conflict (id, mutation_id, table_name, record_id, field, winner, hub_value, hub_hlc, hub_device, hub_user,
        incoming_value, incoming_hlc, incoming_device, incoming_user, detected_at)
      SELECT c.id, c.mutation_id, c.table_name, c.record_id, c.field, c.winner, c.hub_value, c.hub_hlc, c.hub_device, c.hub_user,
        c.incoming_value, c.incoming_hlc, c.incoming_device, c.incoming_user, ${now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${jsonParam(rows)}) AS c(id text, mutation_id text, table_name text, record_id text, field text, winner text,
        hub_value jsonb, hub_hlc text, hub_device text, hub_user text, incoming_value jsonb, incoming_hlc text, incoming_device text, incoming_user text)`);
  }
  for (const [mutationId, stored] of earlierConflicts) outcome.set(mutationId, { mutationId, status: 'conflict', conflicts: stored });
  // Every mutation not applied now was applied before, or its id came earlier in this same batch
  // (answered once, at its first place).
  return fresh.length === mutations.length
    ? fresh.map((m) => outcome.get(m.mutationId) as PushResult)
    : mutations.map((m) => {
        const result = outcome.get(m.mutationId);
        outcome.delete(m.mutationId);
        return result ?? { mutationId: m.mutationId, status: 'duplicate' };
      });
}

interface ConflictRow {
  mutation_id: string;
  table_name: string;
  record_id: string;
  field: string;
  winner: 'hub' | 'incoming';
  hub_value: SyncConflict['hub']['value'];
  hub_hlc: string;
  hub_device: string;
  hub_user: string | null;
  incoming_value: SyncConflict['incoming']['value'];
  incoming_hlc: string;
  incoming_device: string;
  incoming_user: string | null;
}

/** The conflicts stored for these mutations, by mutation, in the order they were detected. */
async function storedConflicts(query: Query, mutationIds: readonly string[]): Promise<Map<string, SyncConflict[]>> {
  const out = new Map<string, SyncConflict[]>();
  if (mutationIds.length === 0) return out;
  const rows = await query<ConflictRow>(sql`
    SELECT mutation_id, table_name, record_id, field, winner, hub_value, hub_hlc, hub_device, hub_user, incoming_value, incoming_hlc, incoming_device, incoming_user
    FROM hub_conflict WHERE mutation_id IN (SELECT jsonb_array_elements_text(${jsonParam(mutationIds)})) ORDER BY id`);
  for (const row of rows) {
    const list = out.get(row.mutation_id) ?? [];
    out.set(row.mutation_id, list);
    list.push({
      table: row.table_name,
      recordId: row.record_id,
      field: row.field,
      winner: row.winner,
      hub: { value: row.hub_value ?? null, hlc: row.hub_hlc, device: row.hub_device, user: row.hub_user },
      incoming: { value: row.incoming_value ?? null, hlc: row.incoming_hlc, device: row.incoming_device, user: row.incoming_user },
    });
  }
  return out;
}

/** Opens (and migrates) the hub's database; `onIdleError` hears of pooled PostgreSQL connections lost while idle. */
export async function openHubStore(database: HubDatabase, onIdleError: (error: Error) => void = () => undefined): Promise<HubStore> {
  const driver = 'databaseUrl' in database ? await postgresDriver(database.databaseUrl, onIdleError) : await pgliteDriver(database.dataDir);
  const { query } = driver;
  return {
    async createEnrolmentCode(now, validMs = ENROLMENT_CODE_VALID_MS) {
      const code = newEnrolmentCode();
      await query(sql`INSERT INTO enrolment_code (code_hash, created_at, expires_at)
        VALUES (${sha256Hex(normalizedCode(code))}, ${now.toISOString()}::timestamptz, ${new Date(now.getTime() + validMs).toISOString()}::timestamptz)`);
      return code;
    },
    async enrol({ code, deviceId, name }, now) {
      return driver.transaction(async (tx): Promise<EnrolOutcome> => {
        const at = now.toISOString();
        const spent = await tx<{ code_hash: string }>(sql`UPDATE enrolment_code SET used_at = ${at}::timestamptz, device_id = ${deviceId}
          WHERE code_hash = ${sha256Hex(normalizedCode(code))} AND used_at IS NULL AND expires_at > ${at}::timestamptz RETURNING code_hash`);
        if (spent.length === 0) return 'invalid_code';
        const token = randomBytes(32).toString('base64url');
        const inserted = await tx<{ id: string }>(sql`INSERT INTO device (id, name, token_hash, enrolled_at)
          VALUES (${deviceId}, ${name}, ${sha256Hex(token)}, ${at}::timestamptz)
          ON CONFLICT (id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at, revoked_at = NULL, last_seen_at = NULL
          WHERE device.revoked_at IS NOT NULL RETURNING id`);
        // An id enrolled and not revoked keeps its token; the code stays unspent (the update rolls back).
        // A revoked device enrols again under its own id (its clocks carry it) with a new token.
        if (inserted.length === 0) throw new DeviceExists();
        return { deviceId, token };
      }).catch((error: unknown) => {
        if (error instanceof DeviceExists) return 'device_exists' as const;
        throw error;
      });
    },
    async deviceForToken(token, now) {
      const at = now.toISOString();
      const stale = new Date(now.getTime() - LAST_SEEN_EVERY_MS).toISOString();
      // One round trip: the update runs only when the last-seen time is over a minute old.
      const [row] = await query<{ id: string; revoked: boolean }>(sql`
        WITH d AS (SELECT id, revoked_at, last_seen_at FROM device WHERE token_hash = ${sha256Hex(token)}),
        seen AS (UPDATE device SET last_seen_at = ${at}::timestamptz FROM d
          WHERE device.id = d.id AND d.revoked_at IS NULL AND (d.last_seen_at IS NULL OR d.last_seen_at < ${stale}::timestamptz))
        SELECT id, revoked_at IS NOT NULL AS revoked FROM d`);
      return row ? { deviceId: row.id, revoked: row.revoked } : null;
    },
    async revokeDevice(deviceId, now) {
      const rows = await query(sql`UPDATE device SET revoked_at = ${now.toISOString()}::timestamptz WHERE id = ${deviceId} AND revoked_at IS NULL RETURNING id`);
      return rows.length > 0;
    },
    async listDevices() {
      const rows = await query<{ id: string; name: string; enrolled_at: Date | string; revoked_at: Date | string | null; last_seen_at: Date | string | null }>(
        sql`SELECT id, name, enrolled_at, revoked_at, last_seen_at FROM device ORDER BY enrolled_at, id`,
      );
      const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
      return rows.map((row) => ({ id: row.id, name: row.name, enrolledAt: new Date(row.enrolled_at).toISOString(), revokedAt: iso(row.revoked_at), lastSeenAt: iso(row.last_seen_at) }));
    },
    push: (deviceId, mutations, now) => driver.transaction((tx) => applyPush(tx, deviceId, mutations, now)),
    async pull(cursor, limit) {
      const rows = await query<StoredRow>(sql`SELECT table_name, record_id, fields, clocks, hlc, deleted_at, seq FROM hub_record
        WHERE seq > ${cursor} ORDER BY seq LIMIT ${limit + 1}`);
      const page = rows.slice(0, limit).map((row) => ({
        seq: Number(row.seq),
        table: row.table_name,
        recordId: row.record_id,
        hlc: row.hlc,
        deletedAt: row.deleted_at,
        fields: row.fields,
        clocks: row.clocks,
      }));
      return { changes: page, nextCursor: page.at(-1)?.seq ?? cursor, more: rows.length > limit };
    },
    async blobSize(sha256) {
      const [row] = await query<{ size_bytes: number }>(sql`SELECT size_bytes FROM hub_blob WHERE sha256 = ${sha256}`);
      return row?.size_bytes ?? null;
    },
    async putBlob(sha256, bytes, deviceId) {
      const rows = await query(sql`INSERT INTO hub_blob (sha256, bytes, size_bytes, device_id) VALUES (${sha256}, ${bytes}, ${bytes.length}, ${deviceId})
        ON CONFLICT (sha256) DO NOTHING RETURNING sha256`);
      return rows.length > 0;
    },
    async getBlob(sha256) {
      const [row] = await query<{ bytes: Uint8Array }>(sql`SELECT bytes FROM hub_blob WHERE sha256 = ${sha256}`);
      return row ? Buffer.from(row.bytes) : null;
    },
    async ping() {
      await query(sql`SELECT 1`);
    },
    close: () => driver.close(),
  };
}

class DeviceExists extends Error {}
