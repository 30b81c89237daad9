import { resolve } from 'node:path';
import type { TFunction } from 'i18next';
import type { Output as ProcedureOutput } from '../../api/contract';
import { DATABASE_ENTRY } from '../../core/backup/archive';
import { restoreBackup } from '../../core/backup/restore';
import { backupTo } from '../../core/backup/service';
import { runCheck } from '../../core/check/service';
import { openCore } from '../../core/open';
import { existingFile, stringOption, UsageError } from '../args';
import { appVersion, cliAppPaths } from '../paths';
import { command, EXIT_OK, EXIT_PROBLEMS, fileCommand } from './types';

/** The check's findings as lines of text, one per problem (the first of each kind for long lists). */
function checkLines(report: ProcedureOutput<'check:run'>, t: TFunction): string[] {
  if (report.ok) return [t('backup.cli.checkOk', { documents: report.documents.checked, entries: report.audit.entries })];
  const lines = [t('backup.cli.checkFailed')];
  if (report.integrity.count > 0) lines.push(t('backup.cli.checkIntegrity', { count: report.integrity.count, first: report.integrity.problems[0] ?? '' }));
  const [fk] = report.foreignKeys.problems;
  if (fk) lines.push(t('backup.cli.checkForeignKeys', { count: report.foreignKeys.count, rowid: String(fk.rowid), table: fk.table, parent: fk.parent }));
  for (const doc of report.documents.problems) {
    lines.push(t('backup.cli.checkDocument', { fileName: doc.fileName, sha256: doc.sha256, problem: t(doc.problem === 'missing' ? 'backup.cli.documentMissing' : 'backup.cli.documentMismatch') }));
  }
  const broken = report.audit.firstBreak;
  if (broken) lines.push(t('backup.cli.checkAudit', { seq: broken.seq, reason: t(`backup.cli.audit.${broken.kind}`) }));
  return lines;
}

export const backupCommands = {
  backup: command({
    prepare: (cl) => {
      const out = stringOption(cl, 'out');
      if (out === undefined || out === '') throw new UsageError('backup.cli.outRequired', {}, cl.lang);
      return { out: resolve(out) };
    },
    run: async ({ deps, output, t }, { out }) => {
      const made = await backupTo(deps, out);
      const documents = made.manifest.files.filter((f) => f.path !== DATABASE_ENTRY).length;
      const result = { path: made.path, sizeBytes: made.sizeBytes, ...made.manifest, documents };
      output(result, t('backup.cli.backupDone', { path: made.path, size: made.sizeBytes, schemaVersion: made.manifest.schemaVersion, documents }));
      return EXIT_OK;
    },
  }),
  // Runs without the usual open: the database is what gets replaced. It is opened (and migrated,
  // when the backup is from an older schema) only once the restored file is in place.
  restore: fileCommand({
    databaseOwnerOnly: true,
    prepare: (cl) => ({ file: existingFile(cl, cl.positionals[0] as string, 'backup.cli.fileNotFound').path }),
    runWithoutDatabase: async ({ cl, io, output, t }, { file }) => {
      const paths = cliAppPaths(cl.db, io.env);
      const version = appVersion();
      const restored = await restoreBackup(paths, file, { appVersion: version, now: new Date() });
      const opened = openCore(paths, { appVersion: version, actor: 'restore' });
      let report: ProcedureOutput<'check:run'>;
      try {
        report = runCheck(opened.deps);
      } finally {
        opened.close();
      }
      const { manifest } = restored;
      const result = { file, path: paths.databasePath, keptAs: restored.keptAs, documentsAdded: restored.documentsAdded, backup: { appVersion: manifest.appVersion, schemaVersion: manifest.schemaVersion, createdAt: manifest.createdAt }, check: report };
      const lines = [t('backup.cli.restoreDone', { file, createdAt: manifest.createdAt, appVersion: manifest.appVersion, path: paths.databasePath, documentsAdded: restored.documentsAdded })];
      if (restored.keptAs) lines.push(t('backup.cli.restoreKept', { keptAs: restored.keptAs }));
      lines.push(...checkLines(report, t));
      output(result, lines.join('\n'));
      return report.ok ? EXIT_OK : EXIT_PROBLEMS;
    },
  }),
  check: command({
    prepare: () => null,
    run: ({ deps, output, t }) => {
      const report = runCheck(deps);
      output(report, checkLines(report, t).join('\n'));
      return report.ok ? EXIT_OK : EXIT_PROBLEMS;
    },
  }),
};
