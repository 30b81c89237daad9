import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { schemaVersion } from '../../../db/connection';
import { resolveSession } from '../../core/auth/service';
import { startDailyBackups } from '../../core/backup/service';
import { startBackgroundSync } from '../../core/sync/background';
import { createDemoData } from '../../core/demo/generate';
import { startWebHost } from '../../webhost/server';
import { intOption, UsageError } from '../args';
import { projectRoot } from '../paths';
import { command, EXIT_OK } from './types';

const log = { error: (message: string, error: unknown) => console.error(message, error) };

export const foundationCommands = {
  init: command({
    prepare: () => null,
    run: ({ deps, reference, output, t }) => {
      // Opening the database already migrated it and loaded the reference data.
      const result = { path: deps.paths.databasePath, schemaVersion: schemaVersion(deps.db), ...reference };
      output(result, t('cli.initDone', result));
      return EXIT_OK;
    },
  }),
  demo: command({
    prepare: (cl) => ({
      seed: intOption(cl, 'seed', 1, 0, 0xffffffff),
      partners: intOption(cl, 'partners', 200, 1, 100_000),
      pledges: intOption(cl, 'pledges', 2000, 0, 10_000_000),
      distributions: intOption(cl, 'distributions', 5000, 0, 10_000_000),
    }),
    run: ({ deps, io, cl, t, output, actor }, sizes) => {
      const progress = io.stderr.isTTY && !cl.json;
      const counts = createDemoData(deps, actor, {
        ...sizes,
        onProgress: progress ? (done, total) => io.stderr.write(`\r${t('cli.demoProgress', { done, total })}`) : undefined,
      });
      if (progress) io.stderr.write('\n');
      output(counts, t('cli.demoDone', { ...counts }));
      return EXIT_OK;
    },
  }),
  serve: command({
    prepare: (cl) => {
      const rendererDir = join(projectRoot, 'out', 'renderer');
      if (!existsSync(join(rendererDir, 'index.html'))) throw new UsageError('cli.rendererMissing', { path: rendererDir }, cl.lang);
      return { port: intOption(cl, 'port', 0, 0, 65535), rendererDir };
    },
    run: async ({ deps, handlers, io, t, output, actor }, { port, rendererDir }) => {
      const host = await startWebHost({ handlers, rendererDir, port, actor, log, resolveSession: (token) => resolveSession(deps, token) });
      const backups = startDailyBackups(deps, log);
      const syncing = startBackgroundSync(deps, log);
      output({ url: host.openUrl, token: host.token }, t('cli.serving', { url: host.openUrl }));
      await io.untilStopped();
      await host.close();
      await backups.stop();
      await syncing.stop();
      io.stderr.write(`${t('cli.stopped')}\n`);
      return EXIT_OK;
    },
  }),
};
