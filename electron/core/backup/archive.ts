import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../../api/errors';
import { BLOCK, parseTarHeader, TAR_END, tarHeader, tarPadding } from './tar';

/**
 * A KSBB backup: one gzip-compressed tar holding `manifest.json` (first), a consistent copy of the
 * database made with SQLite's online backup API (so the app may keep writing meanwhile) and the
 * content-addressed document store. The manifest names every file with its size and SHA-256.
 */

export const BACKUP_FORMAT = 'ksbb-backup';
export const BACKUP_FORMAT_VERSION = 1;
const MANIFEST_NAME = 'manifest.json';
export const DATABASE_ENTRY = 'ksbb.sqlite';
const DOCUMENT_ENTRY = /^documents\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const manifestSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    formatVersion: z.number().int().positive(),
    appVersion: z.string().min(1),
    schemaVersion: z.number().int().nonnegative(),
    createdAt: z.iso.datetime(),
    files: z.array(
      z.object({
        path: z.string().refine((path) => path === DATABASE_ENTRY || DOCUMENT_ENTRY.test(path), 'database or document path'),
        size: z.number().int().nonnegative(),
        sha256: sha256Schema,
      }),
    ),
  })
  .refine((m) => m.files.some((f) => f.path === DATABASE_ENTRY), 'holds the database')
  .refine((m) => new Set(m.files.map((f) => f.path)).size === m.files.length, 'names each file once');

export type BackupManifest = z.output<typeof manifestSchema>;

export interface BackupSource {
  /** The open connection to back up (the app may keep writing on it). */
  client: Database.Database;
  documentsDir: string;
  appVersion: string;
  schemaVersion: number;
  now: Date;
  nativeBinding?: string;
}

export interface BackupResult {
  path: string;
  sizeBytes: number;
  manifest: BackupManifest;
}

/** Streams a file's SHA-256 and size. */
async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** The stored documents (`<2 hex>/<sha256>`); the `.view` copies and half-written temporaries are not evidence. */
function storedDocuments(documentsDir: string): string[] {
  let prefixes: string[];
  try {
    prefixes = readdirSync(documentsDir).filter((name) => /^[0-9a-f]{2}$/.test(name));
  } catch {
    return [];
  }
  return prefixes
    .sort()
    .flatMap((prefix) =>
      readdirSync(join(documentsDir, prefix))
        .filter((name) => /^[0-9a-f]{64}$/.test(name) && name.startsWith(prefix))
        .sort()
        .map((name) => `documents/${prefix}/${name}`),
    );
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a renamed file's directory entry durable (not possible, nor needed, on Windows). */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  fsyncPath(dir);
}

function unwritable(path: string, error: unknown): AppError {
  return new AppError('backup_target_unwritable', { path, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, { cause: error });
}

/**
 * Writes a backup archive to `outPath`: into a temporary file beside it that is renamed into place
 * once complete and flushed, so `outPath` is never half an archive, even if the process is killed.
 */
export async function createBackup(source: BackupSource, outPath: string): Promise<BackupResult> {
  const partial = join(dirname(outPath), `.${basename(outPath)}.partial-${randomBytes(6).toString('hex')}`);
  // The database copy waits beside the archive (not in the system's temp folder, often small).
  const snapshot = `${partial}.sqlite`;
  try {
    closeSync(openSync(partial, 'wx'));
  } catch (error) {
    throw unwritable(outPath, error);
  }
  try {
    await source.client.backup(snapshot);
    // The copy carries no WAL: one self-contained file, restorable by a rename.
    const copy = new Database(snapshot, { nativeBinding: source.nativeBinding });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const files: { path: string; source: string; size: number; sha256: string }[] = [];
    for (const entry of [DATABASE_ENTRY, ...storedDocuments(source.documentsDir)]) {
      const from = entry === DATABASE_ENTRY ? snapshot : join(source.documentsDir, entry.slice('documents/'.length));
      files.push({ path: entry, source: from, ...(await hashFile(from)) });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: source.appVersion,
      schemaVersion: source.schemaVersion,
      createdAt: source.now.toISOString(),
      files: files.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
    const mtime = source.now.getTime() / 1000;
    async function* entries(): AsyncGenerator<Buffer> {
      yield tarHeader(MANIFEST_NAME, manifestBytes.length, mtime);
      yield manifestBytes;
      yield tarPadding(manifestBytes.length);
      for (const file of files) {
        yield tarHeader(file.path, file.size, mtime);
        let written = 0;
        for await (const chunk of createReadStream(file.source)) {
          written += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
        // A document changed under us would make the archive lie about it: stop instead.
        if (written !== file.size) throw new Error(`${file.path} changed while it was archived`);
        yield tarPadding(file.size);
      }
      yield TAR_END;
    }
    try {
      await pipeline(Readable.from(entries()), createGzip({ level: 3 }), createWriteStream(partial));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && ['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'EDQUOT', 'EIO'].includes(code)) throw unwritable(outPath, error);
      throw error;
    }
    fsyncPath(partial);
    try {
      renameSync(partial, outPath);
    } catch (error) {
      throw unwritable(outPath, error);
    }
    fsyncDirectory(dirname(outPath));
    return { path: outPath, sizeBytes: statSync(outPath).size, manifest };
  } finally {
    for (const leftover of [partial, snapshot, `${snapshot}-journal`]) rmSync(leftover, { force: true });
  }
}

/** A version string's numbers (`0.10.2-beta` → [0, 10, 2]) for comparing which is newer. */
function versionNumbers(version: string): number[] {
  return (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
}

/** Whether `a` is a newer app version than `b` (by major.minor.patch). */
export function isNewerVersion(a: string, b: string): boolean {
  const [x, y] = [versionNumbers(a), versionNumbers(b)];
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

interface UnpackEntry {
  name: string;
  /** Content bytes still to come. */
  remaining: number;
  padding: number;
  hash: ReturnType<typeof createHash>;
  /** Where the content is written; null for the manifest, which is kept in memory. */
  fd: number | null;
  manifest: Buffer[] | null;
}

export interface ReadLimits {
  /** The newest schema this build can open. */
  knownSchemaVersion: number;
  appVersion: string;
}

/**
 * Unpacks a backup into `stagingDir` (`ksbb.sqlite` and `documents/…`), checking as it reads:
 * the manifest comes first and is refused when it is from a newer app or schema, every file is
 * one the manifest lists, with its size and SHA-256, and none is missing. Any failure throws an
 * AppError naming the file; the caller has changed nothing yet.
 */
export async function unpackBackup(file: string, stagingDir: string, limits: ReadLimits): Promise<BackupManifest> {
  const notBackup = () => new AppError('backup_not_archive', { file });
  const truncated = () => new AppError('backup_truncated', { file });
  let info;
  try {
    info = statSync(file);
  } catch {
    throw new AppError('backup_not_archive', { file });
  }
  if (!info.isFile()) throw notBackup();

  let manifest: BackupManifest | null = null;
  const expected = new Map<string, { size: number; sha256: string }>();
  const seen = new Set<string>();
  let pending: Buffer = Buffer.alloc(0);
  // Held in an object: the callbacks below change it, which TypeScript's narrowing of a `let` cannot follow.
  const state: { entry: UnpackEntry | null; ended: boolean } = { entry: null, ended: false };

  const startEntry = (header: Buffer) => {
    const parsed = parseTarHeader(header);
    if (parsed === null) {
      state.ended = true;
      return;
    }
    if (typeof parsed === 'string') throw manifest ? new AppError('backup_damaged', { file, entry: '?' }) : notBackup();
    if (manifest === null) {
      if (parsed.name !== MANIFEST_NAME || parsed.size > MAX_MANIFEST_BYTES) throw notBackup();
      state.entry = { name: parsed.name, remaining: parsed.size, padding: tarPadding(parsed.size).length, hash: createHash('sha256'), fd: null, manifest: [] };
      return;
    }
    const listed = expected.get(parsed.name);
    if (!listed || seen.has(parsed.name) || listed.size !== parsed.size) throw new AppError('backup_damaged', { file, entry: parsed.name });
    seen.add(parsed.name);
    const target = join(stagingDir, ...parsed.name.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    state.entry = { name: parsed.name, remaining: parsed.size, padding: tarPadding(parsed.size).length, hash: createHash('sha256'), fd: openSync(target, 'wx'), manifest: null };
  };

  const finishEntry = () => {
    const done = state.entry;
    if (!done) return;
    state.entry = null;
    if (done.manifest) {
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.concat(done.manifest).toString('utf8'));
      } catch {
        throw notBackup();
      }
      const parsed = manifestSchema.safeParse(raw);
      if (!parsed.success) throw notBackup();
      const found = parsed.data;
      if (found.formatVersion > BACKUP_FORMAT_VERSION || found.schemaVersion > limits.knownSchemaVersion || isNewerVersion(found.appVersion, limits.appVersion)) {
        throw new AppError('backup_newer_version', { file, appVersion: found.appVersion, schemaVersion: found.schemaVersion, currentVersion: limits.appVersion, knownSchema: limits.knownSchemaVersion });
      }
      manifest = found;
      for (const f of found.files) expected.set(f.path, { size: f.size, sha256: f.sha256 });
      return;
    }
    if (done.fd !== null) {
      fsyncSync(done.fd);
      closeSync(done.fd);
    }
    if (done.hash.digest('hex') !== expected.get(done.name)?.sha256) throw new AppError('backup_checksum_mismatch', { file, entry: done.name });
  };

  const consume = (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let offset = 0;
    while (!state.ended) {
      const current = state.entry;
      if (current === null) {
        if (pending.length - offset < BLOCK) break;
        startEntry(pending.subarray(offset, offset + BLOCK));
        offset += BLOCK;
        continue;
      }
      if (current.remaining > 0) {
        const take = Math.min(current.remaining, pending.length - offset);
        if (take === 0) break;
        const part = pending.subarray(offset, offset + take);
        current.hash.update(part);
        if (current.manifest) current.manifest.push(Buffer.from(part));
        else if (current.fd !== null) writeSync(current.fd, part);
        current.remaining -= take;
        offset += take;
        continue;
      }
      if (pending.length - offset < current.padding) break;
      offset += current.padding;
      finishEntry();
    }
    pending = pending.subarray(offset);
  };

  try {
    const gunzip = createGunzip();
    const input = createReadStream(file);
    input.on('error', (error) => gunzip.destroy(error));
    input.pipe(gunzip);
    // Read to the end even after the tar's end blocks: gzip's trailer (CRC and length) is what
    // tells a whole archive from one cut short after its last file.
    for await (const chunk of gunzip) if (!state.ended) consume(chunk as Buffer);
  } catch (error) {
    const current = state.entry;
    if (current?.fd != null) closeSync(current.fd);
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR') throw truncated();
    if (manifest === null) throw notBackup();
    throw new AppError('backup_damaged', { file, entry: current?.name ?? '?' }, { cause: error });
  }
  if (!state.ended || state.entry !== null) {
    if (manifest === null) throw notBackup();
    throw truncated();
  }
  const found = manifest as BackupManifest | null;
  if (!found) throw notBackup();
  const missing = found.files.find((f) => !seen.has(f.path));
  if (missing) throw new AppError('backup_damaged', { file, entry: missing.path });
  return found;
}
