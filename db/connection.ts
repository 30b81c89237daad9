import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { z } from 'zod';
import { AppError } from '../electron/api/errors';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** `PRAGMA application_id` of every KSBB database: the bytes "KSBB". */
export const KSBB_APPLICATION_ID = 0x4b534242;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions {
  /** Folder with the drizzle-kit migrations (`db/migrations`). */
  migrationsDir: string;
  /** Path of a better_sqlite3.node built for another runtime (the Electron ABI build). */
  nativeBinding?: string;
}

const journalSchema = z.object({ entries: z.array(z.object({ idx: z.number(), tag: z.string() })) });

/** The schema version this build knows: the number of committed migrations. */
export function knownSchemaVersion(migrationsDir: string): number {
  const journal = journalSchema.parse(
    JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')),
  );
  return journal.entries.length;
}

/** The 100-byte database header and the 8-byte b-tree header of page 1 (the schema table). */
const HEADER_BYTES = 108;

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, header, 0, header.length, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function refuseUnusable(path: string, known: number, facts: { applicationId: unknown; userVersion: unknown; hasTables: boolean }): void {
  if (facts.applicationId !== KSBB_APPLICATION_ID && facts.hasTables) throw new AppError('not_ksbb_database', { path });
  if (typeof facts.userVersion === 'number' && facts.userVersion > known) {
    throw new AppError('newer_schema', { path, found: facts.userVersion, known });
  }
}

/**
 * Looks at an existing file without writing to it, and refuses anything that is not a KSBB
 * database this build can migrate: another file type, another application's SQLite database,
 * or a schema made by a newer version.
 */
function inspectExisting(path: string, options: OpenOptions, known: number): void {
  if (!existsSync(path) || statSync(path).size === 0) return;
  const header = readHeader(path);
  if (!header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) throw new AppError('not_sqlite', { path });
  if (header.length === HEADER_BYTES && !existsSync(`${path}-wal`)) {
    // With no WAL file beside it, the file's own header is current: refuse from it without SQLite,
    // which (even read-only) would leave -wal/-shm files next to a WAL-mode database it refuses.
    const schemaPageType = header[100];
    refuseUnusable(path, known, {
      applicationId: header.readInt32BE(68),
      userVersion: header.readInt32BE(60),
      hasTables: schemaPageType === 0x05 || (schemaPageType === 0x0d && header.readUInt16BE(103) > 0),
    });
  }
  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    const applicationId = probe.pragma('application_id', { simple: true });
    const userVersion = probe.pragma('user_version', { simple: true });
    const tables = probe.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get();
    refuseUnusable(path, known, { applicationId, userVersion, hasTables: (tables?.n ?? 0) > 0 });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('database_unreadable', { path, reason: (error as Error).message }, { cause: error });
  } finally {
    probe?.close();
  }
}

/**
 * Opens (creating if needed) a KSBB database and brings its schema up to date. WAL, foreign keys,
 * a busy timeout and `synchronous=NORMAL` are set on every connection.
 */
export function openDatabase(path: string, options: OpenOptions): Db {
  const known = knownSchemaVersion(options.migrationsDir);
  inspectExisting(path, options, known);
  const client = new Database(path, { nativeBinding: options.nativeBinding });
  try {
    client.pragma('journal_mode = WAL');
    client.pragma('foreign_keys = ON');
    client.pragma('busy_timeout = 5000');
    client.pragma('synchronous = NORMAL');
    // 64 MiB of page cache (SQLite's default is 2 MiB): recaps and imports over 100,000s of rows
    // walk indexes far larger than that.
    client.pragma('cache_size = -65536');
    const db = drizzle(client, { schema });
    if (client.pragma('user_version', { simple: true }) !== known) {
      migrate(db, { migrationsFolder: options.migrationsDir });
      client.pragma(`application_id = ${KSBB_APPLICATION_ID}`);
      client.pragma(`user_version = ${known}`);
    }
    return db;
  } catch (error) {
    client.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return Number(db.$client.pragma('user_version', { simple: true }));
}
