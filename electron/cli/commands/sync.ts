import { idSchema } from '../../api/schemas';
import { enrolDevice, listConflicts, normalizedServerUrl, resolveConflict, runSync, setServer } from '../../core/sync/service';
import { stringOption, UsageError } from '../args';
import { command, EXIT_OK, EXIT_PROBLEMS } from './types';

const shown = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value));

export const syncCommands = {
  sync: command({
    prepare: (cl) => {
      const server = stringOption(cl, 'server');
      const code = stringOption(cl, 'enrol');
      if (code !== undefined && (server === undefined || server === '')) throw new UsageError('sync.cli.enrolNeedsServer', {}, cl.lang);
      if (server !== undefined && normalizedServerUrl(server) === null) throw new UsageError('sync.cli.badServer', { value: server }, cl.lang);
      return { server, code };
    },
    run: async ({ deps, output, t }, { server, code }) => {
      const lines: string[] = [];
      let enrolled: { server: string; deviceId: string } | null = null;
      if (server !== undefined && code !== undefined) {
        enrolled = await enrolDevice(deps, { server, code });
        lines.push(t('sync.cli.enrolled', enrolled));
      } else if (server !== undefined) {
        lines.push(t('sync.cli.serverChanged', { server: setServer(deps, server) }));
      }
      const report = await runSync(deps);
      lines.push(t('sync.cli.done', { ...report }));
      for (const entry of report.rejected) lines.push(t('sync.cli.rejected', entry));
      if (report.missingFiles.length > 0) lines.push(t('sync.cli.missingFiles', { count: report.missingFiles.length, first: report.missingFiles[0] ?? '' }));
      if (report.conflicts > 0) lines.push(t('sync.cli.conflictsWaiting'));
      output({ ...report, enrolled: enrolled !== null }, lines.join('\n'));
      return report.conflicts > 0 || report.rejected.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
    },
  }),
  'conflicts list': command({
    prepare: () => null,
    run: ({ deps, output, t }) => {
      const conflicts = listConflicts(deps);
      const lines = conflicts.map((c) =>
        t('sync.cli.conflict', {
          ...c,
          localValue: shown(c.localValue),
          remoteValue: shown(c.remoteValue),
          localUser: c.localUser ?? '—',
          remoteUser: c.remoteUser ?? '—',
          winner: t(c.winner === 'local' ? 'sync.cli.winnerLocal' : 'sync.cli.winnerRemote'),
        }),
      );
      output({ conflicts }, conflicts.length === 0 ? t('sync.cli.noConflicts') : lines.join('\n'));
      return EXIT_OK;
    },
  }),
  'conflicts resolve': command({
    prepare: (cl) => {
      const id = cl.positionals[0] as string;
      const choice = stringOption(cl, 'use');
      if (!idSchema.safeParse(id).success) throw new UsageError('cli.badOption', { reason: `ID ${id}` }, cl.lang);
      if (choice !== 'local' && choice !== 'remote') throw new UsageError('cli.badOption', { reason: `--use ${choice ?? ''} (local | remote)` }, cl.lang);
      return { id, choice } as const;
    },
    run: ({ deps, output, t, actor }, input) => {
      const decided = resolveConflict(deps, input, actor);
      output(decided, t('sync.cli.resolved', { ...decided, value: shown(decided.value) }));
      return EXIT_OK;
    },
  }),
};
