/**
 * Backup file names and the rotation of the automatic ones. Names carry the kind and the UTC
 * time they were made (`ksbb-auto-20261126-181500.tar.gz`), so the folder sorts by age and the
 * rotation needs nothing but the names.
 */

export type BackupKind = 'auto' | 'manual' | 'before-restore';

/** A gzip-compressed tar: any archive tool opens it. */
export const BACKUP_EXTENSION = '.tar.gz';

/** Daily backups kept: the newest of each of the 7 latest days that have one. */
export const KEEP_DAILY = 7;
/** Weekly backups kept: the newest of each of the 4 latest (Monday-based) weeks that have one. */
export const KEEP_WEEKLY = 4;

/** A second backup of the same kind within one second gets `-2`, `-3`, … */
const NAME = /^ksbb-(auto|manual|before-restore)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d+)?\.tar\.gz$/;

export function backupFileName(kind: BackupKind, at: Date, copy = 1): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return `ksbb-${kind}-${stamp}${copy > 1 ? `-${copy}` : ''}${BACKUP_EXTENSION}`;
}

/** The kind and time of a backup file name, or null for any other file. */
export function parseBackupFileName(name: string): { kind: BackupKind; createdAt: Date } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, kind, y, mo, d, h, mi, s] = m;
  const createdAt = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(createdAt.getTime()) ? null : { kind: kind as BackupKind, createdAt };
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** The Monday (UTC) of the week `at` falls in. */
function weekOf(at: Date): string {
  const monday = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return dayOf(monday);
}

/**
 * Which automatic backups to delete: every one that is neither the newest of one of the 7 latest
 * days with a backup nor the newest of one of the 4 latest weeks with a backup. Counting days
 * and weeks that have a backup (not calendar days back from today) means a machine that was off
 * for a month still keeps its last 7 and 4, never nothing.
 */
export function backupsToRemove(backups: readonly { name: string; createdAt: Date }[]): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const backup of newestFirst) {
    const day = dayOf(backup.createdAt);
    const week = weekOf(backup.createdAt);
    if (!days.has(day) && days.size < KEEP_DAILY) {
      days.add(day);
      keep.add(backup.name);
    }
    if (!weeks.has(week) && weeks.size < KEEP_WEEKLY) {
      weeks.add(week);
      keep.add(backup.name);
    }
  }
  return newestFirst.filter((backup) => !keep.has(backup.name)).map((backup) => backup.name);
}
