import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { KSBB_APPLICATION_ID, knownSchemaVersion } from '../../../db/connection';
import { AppError } from '../../api/errors';
import type { AppPaths } from '../context';
import { hashStoredFile } from '../documents/store';
import { type BackupManifest, createBackup, DATABASE_ENTRY, fsyncDirectory, unpackBackup } from './archive';
import { newBackupPath } from './service';

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the database that was replaced was kept (null when there was none). */
  keptAs: string | null;
  /** Documents of the backup that the store did not hold yet. */
  documentsAdded: number;
}

const STAGING_PREFIX = '.restore-';

/** Checks the unpacked database with SQLite itself before anything is replaced. */
function checkStagedDatabase(file: string, staged: string, manifest: BackupManifest, nativeBinding: string | undefined): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(staged, { readonly: true, fileMustExist: true, nativeBinding });
    const applicationId = db.pragma('application_id', { simple: true });
    const userVersion = db.pragma('user_version', { simple: true });
    if (applicationId !== KSBB_APPLICATION_ID || userVersion !== manifest.schemaVersion) throw new AppError('backup_not_archive', { file });
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') throw new AppError('backup_integrity_failed', { file, detail: problems.slice(0, 3).join('; ') });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('backup_integrity_failed', { file, detail: (error as Error).message }, { cause: error });
  } finally {
    db?.close();
  }
}

/**
 * Keeps the database about to be replaced as a backup archive of its own (restorable the same
 * way); a database SQLite cannot read any more is kept as its raw files instead.
 */
async function keepCurrent(paths: AppPaths, now: Date, appVersion: string): Promise<string | null> {
  if (!existsSync(paths.databasePath)) return null;
  const archive = newBackupPath(paths.databasePath, 'before-restore', now);
  let client: Database.Database | undefined;
  try {
    client = new Database(paths.databasePath, { fileMustExist: true, nativeBinding: paths.nativeBinding });
    const schemaVersion = Number(client.pragma('user_version', { simple: true }));
    await createBackup({ client, documentsDir: paths.documentsDir, appVersion, schemaVersion, now, nativeBinding: paths.nativeBinding }, archive);
    return archive;
  } catch (error) {
    if (error instanceof AppError && error.code === 'backup_target_unwritable') throw error;
    const raw = archive.replace(/\.tar\.gz$/, '.sqlite');
    copyFileSync(paths.databasePath, raw);
    if (existsSync(`${paths.databasePath}-wal`)) copyFileSync(`${paths.databasePath}-wal`, `${raw}-wal`);
    return raw;
  } finally {
    client?.close();
  }
}

/**
 * Folds the current database's WAL into the file and leaves WAL mode, so no WAL of the old
 * database is left beside the file that replaces it (SQLite would apply it to the new one).
 * Another open connection (the app still running) makes this fail: nothing is replaced then.
 */
function detachWal(paths: AppPaths): void {
  if (!existsSync(paths.databasePath)) return;
  let db: Database.Database | undefined;
  try {
    db = new Database(paths.databasePath, { fileMustExist: true, nativeBinding: paths.nativeBinding });
    db.pragma('busy_timeout = 2000');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new AppError('database_in_use', { path: paths.databasePath });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('database_in_use', { path: paths.databasePath }, { cause: error });
  } finally {
    db?.close();
  }
}

/** Moves the backup's documents into the store; those already there (intact) stay as they are. */
function addDocuments(stagingDir: string, documentsDir: string, manifest: BackupManifest): number {
  let added = 0;
  for (const file of manifest.files) {
    if (file.path === DATABASE_ENTRY) continue;
    const target = join(documentsDir, ...file.path.split('/').slice(1));
    if (hashStoredFile(target) === file.sha256) continue;
    mkdirSync(dirname(target), { recursive: true });
    rmSync(target, { force: true });
    renameSync(join(stagingDir, ...file.path.split('/')), target);
    added++;
  }
  return added;
}

/**
 * Restores a backup over the database at `paths`. Nothing is replaced until the whole archive
 * has been unpacked beside the database with every checksum verified and the copy has passed
 * `PRAGMA integrity_check`; the current database is then kept as a backup and the restored file
 * takes its place by one rename, so a crash at any moment leaves either the old or the new
 * database, whole. A backup from a newer version is refused.
 */
export async function restoreBackup(paths: AppPaths, file: string, options: { appVersion: string; now: Date }): Promise<RestoreResult> {
  const dir = dirname(paths.databasePath);
  // Half-unpacked archives of restores that were interrupted.
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (name.startsWith(STAGING_PREFIX)) rmSync(join(dir, name), { recursive: true, force: true });
  }
  let staging: string;
  try {
    mkdirSync(dir, { recursive: true });
    staging = mkdtempSync(join(dir, STAGING_PREFIX));
  } catch (error) {
    throw new AppError('backup_target_unwritable', { path: dir, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, { cause: error });
  }
  try {
    const manifest = await unpackBackup(file, staging, {
      knownSchemaVersion: knownSchemaVersion(paths.migrationsDir),
      appVersion: options.appVersion,
    });
    const staged = join(staging, DATABASE_ENTRY);
    checkStagedDatabase(file, staged, manifest, paths.nativeBinding);
    // Refuses a database still in use before anything else is written.
    detachWal(paths);
    const keptAs = await keepCurrent(paths, options.now, options.appVersion);
    const documentsAdded = addDocuments(staging, paths.documentsDir, manifest);
    renameSync(staged, paths.databasePath);
    fsyncDirectory(dir);
    return { manifest, keptAs, documentsAdded };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
