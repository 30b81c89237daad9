import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { AppError } from '../api/errors';
import { type Lang, translator } from '../api/i18n';
import { requireRequirement } from '../core/auth/guard';
import { actorOf, authenticate, recordCommandLineSignIn } from '../core/auth/service';
import { type Clock, systemClock } from '../core/clock';
import type { CallContext, CoreDeps } from '../core/context';
import { toErrorResult } from '../core/dispatch';
import { createHandlers } from '../core/handlers';
import { chromiumPrinter } from '../core/reports/chromium';
import { openCore } from '../core/open';
import { commandAccess } from './access';
import { type ParsedCommandLine, parseCommandLine, UsageError } from './args';
import { commands } from './commands';
import { type CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type Output } from './commands/types';
import { appVersion, cliAppPaths } from './paths';
import { readSecretFromTerminal } from './secret';

export { type CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './commands/types';

const cliActor = () => `os:${userInfo().username}`;
const log = { error: (message: string, error: unknown) => console.error(message, error) };

/**
 * `KSBB_NOW` (an ISO timestamp) fixes the clock: for reproducing what the app said on a given
 * day, and for tests that move time forward. Anything else is a usage error.
 */
function clockFrom(env: NodeJS.ProcessEnv, lang: Lang): Clock {
  const fixed = env.KSBB_NOW;
  if (fixed === undefined || fixed === '') return systemClock;
  const ms = Date.parse(fixed);
  if (!/^\d{4}-\d{2}-\d{2}/.test(fixed) || Number.isNaN(ms)) throw new UsageError('cli.badNow', { value: fixed }, lang);
  return { now: () => new Date(ms) };
}

/**
 * Without `--user` the CLI acts as the database file's owner (administrator jobs, scripts): another
 * operating-system user is refused. Where files have no POSIX owner (Windows), the user profile's
 * permissions already keep other users out.
 */
function requireDatabaseOwner(databasePath: string): void {
  if (typeof process.getuid !== 'function' || !existsSync(databasePath)) return;
  if (statSync(databasePath).uid !== process.getuid()) {
    throw new AppError('cli_not_database_owner', { osUser: userInfo().username, path: databasePath });
  }
}

/** With `--user NAME`: that account, signed in with KSBB_PASSWORD or a password typed at the prompt. */
async function callerOf(cl: ParsedCommandLine, io: CliIo, deps: CoreDeps): Promise<CallContext> {
  if (cl.user === undefined) return { actor: cliActor(), lang: cl.lang };
  const t = translator(cl.lang);
  const password =
    io.env.KSBB_PASSWORD ?? (await (io.readSecret ?? ((prompt) => readSecretFromTerminal(prompt, io.stderr)))(t('auth.cli.passwordPrompt', { username: cl.user })));
  if (password === null) throw new UsageError('auth.cli.passwordNeeded', { variable: 'KSBB_PASSWORD' }, cl.lang);
  const user = authenticate(deps, cl.user, password, { actor: cliActor(), lang: cl.lang });
  recordCommandLineSignIn(deps, user);
  return { actor: actorOf(user), lang: cl.lang, user };
}

async function run(cl: ParsedCommandLine, io: CliIo, output: Output): Promise<number> {
  if (cl.command === null) throw new UsageError('cli.missingCommand', {}, cl.lang);
  const spec = commands[cl.command];
  const plan = spec.prepare(cl);
  if ('runWithoutDatabase' in spec) {
    if (spec.databaseOwnerOnly) requireDatabaseOwner(cliAppPaths(cl.db, io.env).databasePath);
    return await spec.runWithoutDatabase({ cl, io, t: translator(cl.lang), output }, plan);
  }
  const clock = clockFrom(io.env, cl.lang);
  const paths = cliAppPaths(cl.db, io.env);
  if (cl.user === undefined) requireDatabaseOwner(paths.databasePath);
  const opened = openCore(paths, { appVersion: appVersion(), actor: cliActor(), clock });
  try {
    const call = await callerOf(cl, io, opened.deps);
    requireRequirement(opened.deps, cl.command, commandAccess[cl.command], call);
    const handlers = createHandlers(opened.deps, { printPdf: chromiumPrinter(io.env) });
    return await spec.run({ cl, io, t: translator(cl.lang), output, deps: opened.deps, reference: opened.reference, handlers, actor: call.actor, call }, plan);
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
