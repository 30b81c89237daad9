import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { schemaVersion } from '../../../db/connection';
import type { Output } from '../../api/contract';
import { AppError } from '../../api/errors';
import type { CoreDeps } from '../context';
import { backupsDirFor } from '../paths';
import { type BackupResult, createBackup } from './archive';
import { type BackupKind, backupFileName, backupsToRemove, parseBackupFileName } from './rotation';

/** A backup of the open database and its documents, written to `outPath`. */
export function backupTo(deps: CoreDeps, outPath: string): Promise<BackupResult> {
  return createBackup(
    {
      client: deps.db.$client,
      documentsDir: deps.paths.documentsDir,
      appVersion: deps.appVersion,
      schemaVersion: schemaVersion(deps.db),
      now: deps.clock.now(),
      nativeBinding: deps.paths.nativeBinding,
    },
    outPath,
  );
}

/** A new file name in the backups folder (made if missing) for a backup of `kind` made at `at`; never an existing one. */
export function newBackupPath(databasePath: string, kind: BackupKind, at: Date): string {
  const dir = backupsDirFor(databasePath);
  mkdirSync(dir, { recursive: true });
  let copy = 1;
  while (existsSync(join(dir, backupFileName(kind, at, copy)))) copy++;
  return join(dir, backupFileName(kind, at, copy));
}

/** A backup into the backups folder next to the database, named by its kind and time. */
export function backupIntoFolder(deps: CoreDeps, kind: BackupKind): Promise<BackupResult> {
  return backupTo(deps, newBackupPath(deps.paths.databasePath, kind, deps.clock.now()));
}

/** The backups in the backups folder, newest first. */
export function listBackups(deps: Pick<CoreDeps, 'paths'>): Output<'backup:list'> {
  const dir = backupsDirFor(deps.paths.databasePath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    names = [];
  }
  const backups = names.flatMap((fileName) => {
    const parsed = parseBackupFileName(fileName);
    return parsed ? [{ fileName, path: join(dir, fileName), kind: parsed.kind, createdAt: parsed.createdAt.toISOString(), sizeBytes: statSync(join(dir, fileName)).size }] : [];
  });
  return { folder: dir, backups: backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName)) };
}

/** The path of a backup in the backups folder, by its file name (nothing else: no path, no other file). */
export function locateBackup(deps: Pick<CoreDeps, 'paths'>, fileName: string): Output<'backup:locate'> {
  const path = join(backupsDirFor(deps.paths.databasePath), fileName);
  if (!parseBackupFileName(fileName) || !existsSync(path)) throw new AppError('not_found', { what: 'backup.record', id: fileName });
  return { path };
}

const HOUR_MS = 60 * 60 * 1000;

/** Half-written archives (and database copies) of backups that were killed; a day old, none can still be in progress. */
function removeStalePartials(dir: string, now: Date): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (/^\..+\.partial-[0-9a-f]+(?:\.sqlite(?:-journal)?)?$/.test(name) && now.getTime() - statSync(path).mtimeMs > 24 * HOUR_MS) rmSync(path, { force: true });
  }
}

/**
 * The automatic daily backup: made when the backups folder holds none from today (UTC) yet, then
 * the automatic ones are rotated (7 daily, 4 weekly). Backups made by hand are never deleted.
 * Answers the new backup, or null when today's was already there.
 */
export async function ensureDailyBackup(deps: CoreDeps): Promise<BackupResult | null> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  const autos = () => listBackups(deps).backups.filter((b) => b.kind === 'auto');
  if (autos().some((b) => b.createdAt.startsWith(today))) return null;
  removeStalePartials(backupsDirFor(deps.paths.databasePath), deps.clock.now());
  const made = await backupIntoFolder(deps, 'auto');
  for (const name of backupsToRemove(autos().map((b) => ({ name: b.fileName, createdAt: new Date(b.createdAt) })))) {
    rmSync(join(backupsDirFor(deps.paths.databasePath), name), { force: true });
  }
  return made;
}


/**
 * What the hosts (the Electron core process, `ksbb serve`) run: the daily backup now, then every
 * hour a check whether a new day has begun. A failed backup is logged and tried again at the next
 * check; it never stops the app. Answers `stop`, which resolves once a backup under way is done
 * (so the host closes the database after it, not under it).
 */
export function startDailyBackups(deps: CoreDeps, log: { error(message: string, error: unknown): void }): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= ensureDailyBackup(deps)
      .then(() => undefined)
      .catch((error: unknown) => log.error('automatic backup failed', error))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
