import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToRemove, KEEP_DAILY, KEEP_WEEKLY, parseBackupFileName } from '../../electron/core/backup/rotation';

/** Automatic backups made at these UTC instants, as the rotation sees them. */
const autos = (instants: string[]) => instants.map((at) => ({ name: backupFileName('auto', new Date(at)), createdAt: new Date(at) }));
const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 1)).toISOString();
const kept = (instants: string[]) => {
  const all = autos(instants);
  const removed = new Set(backupsToRemove(all));
  return all.filter((b) => !removed.has(b.name)).map((b) => b.createdAt.toISOString().slice(0, 10));
};

describe('backup rotation (7 daily, 4 weekly)', () => {
  it('keeps everything while there are at most 7 days of backups', () => {
    const instants = Array.from({ length: KEEP_DAILY }, (_, i) => day(i));
    expect(backupsToRemove(autos(instants))).toEqual([]);
  });

  it('after 60 daily backups keeps the last 7 days and the newest of the 4 latest weeks', () => {
    // 2026-11-01 is a Sunday; day(59) is 2026-12-30, a Wednesday.
    const instants = Array.from({ length: 60 }, (_, i) => day(i));
    expect(kept(instants)).toEqual([
      // the last 7 days; they hold the newest of the weeks starting Mon 28-12 (30-12) and Mon 21-12 (Sun 27-12)…
      '2026-12-30',
      '2026-12-29',
      '2026-12-28',
      '2026-12-27',
      '2026-12-26',
      '2026-12-25',
      '2026-12-24',
      // …and the newest of the weeks starting Mon 14-12 and Mon 07-12.
      '2026-12-20',
      '2026-12-13',
    ].reverse());
    expect(kept(instants)).toHaveLength(KEEP_DAILY + KEEP_WEEKLY - 2);
  });

  it('keeps one per day: the newest of a day with several', () => {
    const instants = ['2026-11-26T01:00:00Z', '2026-11-26T09:00:00Z', '2026-11-26T17:00:00Z'];
    expect(backupsToRemove(autos(instants))).toEqual([backupFileName('auto', new Date(instants[1]!)), backupFileName('auto', new Date(instants[0]!))]);
  });

  it('counts days that have a backup, so a machine that was off for months still keeps its last ones', () => {
    const instants = ['2025-01-06T00:00:00Z', '2025-03-03T00:00:00Z', '2025-06-02T00:00:00Z'];
    expect(backupsToRemove(autos(instants))).toEqual([]);
  });

  it('names files by kind and UTC time and reads them back; other files are not backups', () => {
    const at = new Date('2026-11-26T18:05:09.123Z');
    expect(backupFileName('auto', at)).toBe('ksbb-auto-20261126-180509.tar.gz');
    expect(backupFileName('manual', at, 2)).toBe('ksbb-manual-20261126-180509-2.tar.gz');
    expect(parseBackupFileName('ksbb-before-restore-20261126-180509.tar.gz')).toEqual({ kind: 'before-restore', createdAt: new Date('2026-11-26T18:05:09Z') });
    expect(parseBackupFileName('ksbb-manual-20261126-180509-2.tar.gz')?.kind).toBe('manual');
    for (const other of ['ksbb.sqlite', 'ksbb-auto-2026-11-26.tar.gz', '.ksbb-auto-20261126-180509.tar.gz.partial-ab', 'ksbb-auto-20261399-180509.tar.gz']) {
      expect(parseBackupFileName(other)).toBeNull();
    }
  });
});
