import { join, resolve } from 'node:path';
import { enrolRequestSchema, SYNC_PROTOCOL_VERSION } from '../../api/sync-protocol';
import { systemClock } from '../../core/clock';
import { userDataDir } from '../../core/paths';
import { buildHub } from '../../../server/app';
import { ENROLMENT_CODE_VALID_MS, type HubDatabase, openHubStore } from '../../../server/store';
import { intOption, type ParsedCommandLine, stringOption, UsageError } from '../args';
import { EXIT_OK, EXIT_PROBLEMS, fileCommand } from './types';

export const DEFAULT_HUB_PORT = 4870;

/**
 * Where the hub keeps its data: `--database-url`, else `--data`, else DATABASE_URL, else embedded
 * PGlite in `hub/` beside the desktop app's own data. Checked before anything is opened.
 */
function hubDatabase(cl: ParsedCommandLine, env: NodeJS.ProcessEnv): HubDatabase {
  const url = stringOption(cl, 'database-url');
  const data = stringOption(cl, 'data');
  if (url !== undefined && data !== undefined) throw new UsageError('hub.cli.storeConflict', {}, cl.lang);
  if (url !== undefined) return { databaseUrl: url };
  if (data !== undefined) return { dataDir: resolve(data) };
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: join(userDataDir(env), 'hub') };
}

/** The database as printed: a PGlite folder, or the PostgreSQL URL without its password. */
function describeDatabase(database: HubDatabase): string {
  if ('dataDir' in database) return `PGlite ${database.dataDir}`;
  const url = new URL(database.databaseUrl);
  if (url.password !== '') url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}

export const serverCommands = {
  // The hub is a separate program that shares the CLI: it never opens the app's SQLite database.
  server: fileCommand({
    prepare: (cl) => ({ port: intOption(cl, 'port', DEFAULT_HUB_PORT, 0, 65535) }),
    runWithoutDatabase: async ({ cl, io, t, output }, { port }) => {
      const database = hubDatabase(cl, io.env);
      // The store opens first (it migrates); the hub's logger, made with the app, then hears of lost connections.
      const logger: { warn?: (error: Error) => void } = {};
      const store = await openHubStore(database, (error) => logger.warn?.(error));
      // Logs (pino JSON lines) go to stderr, so stdout carries only the address (or --json's object).
      const app = buildHub({ store, clock: systemClock, log: { level: io.env.KSBB_HUB_LOG ?? 'info', stream: io.stderr } });
      logger.warn = (error) => app.log.warn({ err: error }, 'idle database connection lost');
      try {
        // All interfaces by default: devices on the office network reach the hub. KSBB_HUB_HOST narrows it.
        const host = io.env.KSBB_HUB_HOST ?? '0.0.0.0';
        await app.listen({ port, host });
        const address = app.server.address();
        const bound = typeof address === 'object' && address !== null ? address.port : port;
        const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}`;
        const result = { url, protocol: SYNC_PROTOCOL_VERSION, database: describeDatabase(database) };
        output(result, t('hub.cli.listening', result));
        await io.untilStopped();
        // Graceful: stop accepting, let requests in flight finish, then close the database.
        await app.close();
      } finally {
        await store.close();
      }
      io.stderr.write(`${t('hub.cli.stopped')}\n`);
      return EXIT_OK;
    },
  }),
  'server enrol-code': fileCommand({
    prepare: () => null,
    runWithoutDatabase: async ({ cl, io, t, output }) => {
      const store = await openHubStore(hubDatabase(cl, io.env));
      try {
        const now = systemClock.now();
        const code = await store.createEnrolmentCode(now);
        const result = { code, expiresAt: new Date(now.getTime() + ENROLMENT_CODE_VALID_MS).toISOString() };
        output(result, t('hub.cli.enrolCode', result));
        return EXIT_OK;
      } finally {
        await store.close();
      }
    },
  }),
  'server devices': fileCommand({
    prepare: () => null,
    runWithoutDatabase: async ({ cl, io, t, output }) => {
      const store = await openHubStore(hubDatabase(cl, io.env));
      try {
        const devices = await store.listDevices();
        const lines = devices.map((d) =>
          t('hub.cli.device', { ...d, state: d.revokedAt === null ? t('hub.cli.active') : t('hub.cli.revokedAt', { at: d.revokedAt }), lastSeenAt: d.lastSeenAt ?? '—' }),
        );
        output({ devices }, devices.length === 0 ? t('hub.cli.noDevices') : lines.join('\n'));
        return EXIT_OK;
      } finally {
        await store.close();
      }
    },
  }),
  'server revoke-device': fileCommand({
    prepare: (cl) => {
      const deviceId = cl.positionals[0] as string;
      if (!enrolRequestSchema.shape.deviceId.safeParse(deviceId).success) throw new UsageError('hub.cli.badDeviceId', { value: deviceId }, cl.lang);
      return { deviceId };
    },
    runWithoutDatabase: async ({ cl, io, t, output }, { deviceId }) => {
      const store = await openHubStore(hubDatabase(cl, io.env));
      try {
        if (await store.revokeDevice(deviceId, systemClock.now())) {
          output({ deviceId, revoked: true }, t('hub.cli.revoked', { deviceId }));
          return EXIT_OK;
        }
        // Nothing changed: say whether the id is unknown or was revoked before.
        const known = (await store.listDevices()).find((d) => d.id === deviceId);
        const reason = known ? 'already_revoked' : 'unknown_device';
        const message = known ? t('hub.cli.alreadyRevoked', { deviceId, at: known.revokedAt ?? '' }) : t('hub.cli.unknownDevice', { deviceId });
        if (cl.json) output({ deviceId, revoked: false, reason }, message);
        io.stderr.write(`${message}\n`);
        return EXIT_PROBLEMS;
      } finally {
        await store.close();
      }
    },
  }),
};
