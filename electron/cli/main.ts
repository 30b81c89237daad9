import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../api/errors';
import { translator, type Lang } from '../api/i18n';
import type { AppPaths } from '../core/context';
import { createDemoData } from '../core/demo/generate';
import { toErrorResult } from '../core/dispatch';
import { createHandlers } from '../core/handlers';
import { openCore } from '../core/open';
import { DATABASE_FILE_NAME, userDataDir } from '../core/paths';
import { startWebHost } from '../webhost/server';
import { intOption, type ParsedCommandLine, parseCommandLine, UsageError } from './args';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Resolves when a long-running command (serve) should stop; the binary ties it to SIGINT/SIGTERM. */
  untilStopped: () => Promise<void>;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** The project root, where db/migrations, resources/ and the built renderer live. */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

function appPaths(cl: ParsedCommandLine, env: NodeJS.ProcessEnv): AppPaths {
  const databasePath = resolve(cl.db ?? env.KSBB_DB ?? join(userDataDir(env), DATABASE_FILE_NAME));
  mkdirSync(dirname(databasePath), { recursive: true });
  return {
    databasePath,
    migrationsDir: join(projectRoot, 'db', 'migrations'),
    resourcesDir: join(projectRoot, 'resources'),
  };
}

const cliActor = () => `os:${userInfo().username}`;

const log = { error: (message: string, error: unknown) => console.error(message, error) };

type Output = (result: Record<string, unknown>, human: string) => void;

async function run(cl: ParsedCommandLine, io: CliIo, output: Output): Promise<number> {
  const t = translator(cl.lang);
  // Every option is checked before the database is opened: a usage error changes nothing.
  const demoSizes =
    cl.command === 'demo'
      ? {
          seed: intOption(cl, 'seed', 1, 0, 0xffffffff),
          partners: intOption(cl, 'partners', 200, 1, 100_000),
          pledges: intOption(cl, 'pledges', 2000, 0, 10_000_000),
          distributions: intOption(cl, 'distributions', 5000, 0, 10_000_000),
        }
      : null;
  const port = cl.command === 'serve' ? intOption(cl, 'port', 0, 0, 65535) : 0;
  const rendererDir = join(projectRoot, 'out', 'renderer');
  if (cl.command === 'serve' && !existsSync(join(rendererDir, 'index.html'))) {
    throw new UsageError('cli.rendererMissing', { path: rendererDir }, cl.lang);
  }
  const paths = appPaths(cl, io.env);
  const opened = openCore(paths, { appVersion: appVersion(), actor: cliActor() });
  try {
    const { deps, reference } = opened;
    switch (cl.command) {
      case 'init': {
        const result = { path: paths.databasePath, schemaVersion: Number(deps.db.$client.pragma('user_version', { simple: true })), ...reference };
        output(result, t('cli.initDone', result));
        return EXIT_OK;
      }
      case 'demo': {
        const progress = io.stderr.isTTY && !cl.json;
        const counts = createDemoData(deps, cliActor(), {
          ...(demoSizes as NonNullable<typeof demoSizes>),
          onProgress: progress ? (done, total) => io.stderr.write(`\r${t('cli.demoProgress', { done, total })}`) : undefined,
        });
        if (progress) io.stderr.write('\n');
        output({ ...counts }, t('cli.demoDone', { ...counts }));
        return EXIT_OK;
      }
      case 'serve': {
        const host = await startWebHost({ handlers: createHandlers(deps), rendererDir, port, actor: cliActor(), log });
        output({ url: host.openUrl, token: host.token }, t('cli.serving', { url: host.openUrl }));
        await io.untilStopped();
        await host.close();
        io.stderr.write(`${t('cli.stopped')}\n`);
        return EXIT_OK;
      }
      default:
        throw new UsageError('cli.missingCommand', {}, cl.lang);
    }
  } finally {
    opened.close();
  }
}

/** Runs `ksbb` and answers its exit code: 0 success, 1 problems found, 2 bad usage or unusable input. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let cl: ParsedCommandLine | undefined;
  let lang: Lang = 'id';
  const fail = (code: number, key: string, message: string) => {
    io.stderr.write(`${message}\n`);
    // A usage error found while parsing leaves `cl` unset; --json still asks for JSON then.
    if (cl?.json ?? argv.includes('--json')) io.stdout.write(`${JSON.stringify({ ok: false, error: { code: key, message } })}\n`);
    return code;
  };
  try {
    cl = parseCommandLine(argv, io.env);
    lang = cl.lang;
    const json = cl.json;
    const output: Output = (result, human) => io.stdout.write(json ? `${JSON.stringify(result)}\n` : `${human}\n`);
    if (cl.version) {
      output({ version: appVersion() }, `ksbb ${appVersion()}`);
      return EXIT_OK;
    }
    if (cl.help || cl.command === null) {
      io.stdout.write(`${translator(lang)('cli.usage')}\n`);
      return cl.help ? EXIT_OK : EXIT_USAGE;
    }
    return await run(cl, io, output);
  } catch (error) {
    if (error instanceof UsageError) return fail(EXIT_USAGE, 'usage', translator(error.lang)(error.key, error.params));
    const result = toErrorResult(error, { actor: cliActor(), lang }, log);
    if (result.ok) return EXIT_OK;
    const code = error instanceof AppError && error.code !== 'internal' ? EXIT_USAGE : EXIT_PROBLEMS;
    return fail(code, result.error.code, result.error.message);
  }
}
