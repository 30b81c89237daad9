import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultLang, isLang, type Lang } from '../api/i18n';

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const globalOptions = {
  db: { type: 'string' },
  user: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

interface CommandGrammar {
  options: OptionSpec;
  /** Words after the command (ids, file names): how many it takes at least and at most. */
  positionals?: { min: number; max: number };
}

/**
 * The CLI's grammar: every (sub)command, the options it takes besides the global ones and the
 * words it takes. This is a promise to users' scripts; implementations live in `commands/`.
 */
export const commandGrammar = {
  init: { options: {} },
  demo: {
    options: {
      seed: { type: 'string' },
      partners: { type: 'string' },
      pledges: { type: 'string' },
      distributions: { type: 'string' },
    },
  },
  serve: { options: { port: { type: 'string' } } },
  'partner list': {
    options: {
      q: { type: 'string' },
      role: { type: 'string' },
      kind: { type: 'string' },
      program: { type: 'string' },
      archived: { type: 'boolean' },
      sort: { type: 'string' },
      desc: { type: 'boolean' },
      limit: { type: 'string' },
      offset: { type: 'string' },
    },
  },
  'partner show': { options: {}, positionals: { min: 1, max: 1 } },
  'agreement list': {
    options: { expiring: { type: 'string' }, q: { type: 'string' }, status: { type: 'string' }, partner: { type: 'string' } },
  },
  'document add': { options: { agreement: { type: 'string' } }, positionals: { min: 1, max: 1 } },
  'document verify': { options: {} },
  'alert list': { options: { 'as-of': { type: 'string' } } },
  recap: {
    options: {
      by: { type: 'string' },
      level: { type: 'string' },
      program: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
    },
  },
  map: {
    options: {
      measure: { type: 'string' },
      program: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      level: { type: 'string' },
      out: { type: 'string' },
    },
  },
  export: { options: { out: { type: 'string' } }, positionals: { min: 1, max: 1 } },
  verify: { options: {}, positionals: { min: 1, max: 1 } },
  import: {
    options: {
      kind: { type: 'string' },
      sheet: { type: 'string' },
      'dry-run': { type: 'boolean' },
      errors: { type: 'string' },
      'all-or-nothing': { type: 'boolean' },
      submitter: { type: 'string' },
    },
    positionals: { min: 1, max: 1 },
  },
  template: { options: { out: { type: 'string' } }, positionals: { min: 1, max: 1 } },
  'batch list': { options: { kind: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } } },
  'batch rollback': { options: {}, positionals: { min: 1, max: 1 } },
  'report festival': {
    options: {
      year: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      program: { type: 'string', multiple: true },
      basis: { type: 'string' },
      pdf: { type: 'string' },
      xlsx: { type: 'string' },
    },
  },
  'report list': { options: {} },
  'distribution list': {
    options: { status: { type: 'string' }, program: { type: 'string' }, batch: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } },
  },
  'distribution verify': {
    options: { level: { type: 'string' }, batch: { type: 'string' }, ids: { type: 'string' }, reason: { type: 'string' }, override: { type: 'boolean' } },
  },
  'distribution reject': { options: { ids: { type: 'string' }, reason: { type: 'string' } } },
  'target open': { options: { program: { type: 'string' }, level: { type: 'string' } } },
  backup: { options: { out: { type: 'string' } } },
  restore: { options: {}, positionals: { min: 1, max: 1 } },
  check: { options: {} },
  'user add': { options: { role: { type: 'string' }, agency: { type: 'string' }, 'display-name': { type: 'string' } }, positionals: { min: 1, max: 1 } },
  'user list': { options: {} },
  'user disable': { options: {}, positionals: { min: 1, max: 1 } },
  'user password': { options: {}, positionals: { min: 1, max: 1 } },
  sync: { options: { server: { type: 'string' }, enrol: { type: 'string' } } },
  'conflicts list': { options: {} },
  'conflicts resolve': { options: { use: { type: 'string' } }, positionals: { min: 1, max: 1 } },
  'audit verify': { options: {} },
  server: { options: { port: { type: 'string' }, data: { type: 'string' }, 'database-url': { type: 'string' } } },
  'server enrol-code': { options: { data: { type: 'string' }, 'database-url': { type: 'string' } } },
  'server devices': { options: { data: { type: 'string' }, 'database-url': { type: 'string' } } },
  'server revoke-device': { options: { data: { type: 'string' }, 'database-url': { type: 'string' } }, positionals: { min: 1, max: 1 } },
  'audit export': {
    options: { out: { type: 'string' }, actor: { type: 'string' }, table: { type: 'string' }, record: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  },
} as const satisfies Record<string, CommandGrammar>;

export type CommandName = keyof typeof commandGrammar;

export interface ParsedCommandLine {
  command: CommandName | null;
  lang: Lang;
  json: boolean;
  db: string | undefined;
  /** `--user NAME`: act as this account (password from a prompt or KSBB_PASSWORD) instead of the file's owner. */
  user: string | undefined;
  version: boolean;
  help: boolean;
  options: Record<string, string | string[] | boolean | undefined>;
  /** The words after the command. */
  positionals: string[];
}

/** A usage error: the message key and its values, shown in the user's language. */
export class UsageError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number>,
    readonly lang: Lang,
  ) {
    super(key);
  }
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(commandGrammar, name);
}

/** The words of the command line that are not options or a global option's value. */
function wordsOf(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--db' || arg === '--lang' || arg === '--user') i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words;
}

/** The command: two words (`partner list`) when that is one, else the first word. */
function findCommand(words: readonly string[]): { name: string; length: number } | null {
  const [first, second] = words;
  if (first === undefined) return null;
  if (second !== undefined && isCommand(`${first} ${second}`)) return { name: `${first} ${second}`, length: 2 };
  return { name: first, length: 1 };
}

function langFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const index = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = index < 0 ? env.KSBB_LANG : argv[index]?.includes('=') ? argv[index]?.split('=')[1] : argv[index + 1];
  return isLang(value) ? value : defaultLang;
}

/**
 * Parses `ksbb [global options] <command> [options]` strictly: an unknown command, an option the
 * command does not take, a missing value or a stray word is a usage error (exit 2).
 */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedCommandLine {
  const lang = langFrom(argv, env);
  const found = findCommand(wordsOf(argv));
  if (found !== null && !isCommand(found.name)) throw new UsageError('cli.unknownCommand', { name: found.name }, lang);
  const command = found?.name ?? null;
  const grammar: CommandGrammar | null = command && isCommand(command) ? commandGrammar[command] : null;
  const options = { ...globalOptions, ...(grammar?.options ?? {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const detail = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(detail)?.[1] ?? detail;
      throw new UsageError('cli.unknownOption', { option, command: command ?? 'ksbb' }, lang);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError('cli.missingValue', { reason: detail }, lang);
    throw new UsageError('cli.badOption', { reason: detail }, lang);
  }
  const positionals = parsed.positionals.slice(found?.length ?? 0);
  const allowed = grammar?.positionals ?? { min: 0, max: 0 };
  if (positionals.length > allowed.max) {
    throw new UsageError('cli.unexpectedArgument', { value: positionals.slice(allowed.max).join(' ') }, lang);
  }
  if (positionals.length < allowed.min) throw new UsageError('cli.missingArgument', { command: command ?? 'ksbb' }, lang);
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (values.lang !== undefined && !isLang(values.lang)) throw new UsageError('cli.badLang', { value: String(values.lang) }, lang);
  return {
    command: command as CommandName | null,
    positionals,
    lang,
    json: values.json === true,
    db: typeof values.db === 'string' ? values.db : undefined,
    user: typeof values.user === 'string' ? values.user : undefined,
    version: values.version === true,
    help: values.help === true,
    options: values,
  };
}

/** A text option's value, or undefined when it was not given. */
export function stringOption(cl: ParsedCommandLine, name: string): string | undefined {
  const value = cl.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable text option's values (`--program A --program B`), in the order given. */
export function listOption(cl: ParsedCommandLine, name: string): string[] {
  const value = cl.options[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/**
 * A file named on the command line: its absolute path and size, or a usage error (message key
 * `notFoundKey`, with the path as given) when it is missing or not a file. Checked before the
 * database is opened, so a wrong path changes nothing.
 */
export function existingFile(cl: ParsedCommandLine, given: string, notFoundKey: string): { path: string; size: number } {
  const path = resolve(given);
  try {
    const info = statSync(path);
    if (info.isFile()) return { path, size: info.size };
  } catch {
    // Missing or unreadable: the same answer as a folder.
  }
  throw new UsageError(notFoundKey, { path: given }, cl.lang);
}

/** A whole-number option within bounds, or a usage error naming the option and the range. */
export function intOption(
  cl: ParsedCommandLine,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = cl.options[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError('cli.badNumber', { option: name, min, max, value: String(raw) }, cl.lang);
  }
  return value;
}
