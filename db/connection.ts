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

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    readSync(fd, header, 0, header.length, 0);
    return header;
  } finally {
    closeSync(fd);
  }
}

/**
 * Looks at an existing file without writing to it, and refuses anything that is not a KSBB
 * database this build can migrate: another file type, another application's SQLite database,
 * or a schema made by a newer version.
 */
function inspectExisting(path: string, options: OpenOptions, known: number): void {
  if (!existsSync(path) || statSync(path).size === 0) return;
  if (!readHeader(path).equals(SQLITE_HEADER)) throw new AppError('not_sqlite', { path });
  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    const applicationId = probe.pragma('application_id', { simple: true });
    const userVersion = probe.pragma('user_version', { simple: true });
    const tables = probe.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get();
    if (applicationId !== KSBB_APPLICATION_ID && (tables?.n ?? 0) > 0) {
      throw new AppError('not_ksbb_database', { path });
    }
    if (typeof userVersion === 'number' && userVersion > known) {
      throw new AppError('newer_schema', { path, found: userVersion, known });
    }
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
