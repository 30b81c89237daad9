import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultLang, isLang, type Lang } from '../api/i18n';

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const globalOptions = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

/** Each subcommand and the options it takes besides the global ones. */
export const commandOptions = {
  init: {},
  demo: {
    seed: { type: 'string' },
    partners: { type: 'string' },
    pledges: { type: 'string' },
    distributions: { type: 'string' },
  },
  serve: {
    port: { type: 'string' },
  },
} as const satisfies Record<string, OptionSpec>;

export type CommandName = keyof typeof commandOptions;

export interface ParsedCommandLine {
  command: CommandName | null;
  lang: Lang;
  json: boolean;
  db: string | undefined;
  version: boolean;
  help: boolean;
  options: Record<string, string | boolean | undefined>;
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
  return Object.hasOwn(commandOptions, name);
}

/** Finds the subcommand: the first word that is not an option or a global option's value. */
function findCommand(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--db' || arg === '--lang') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return null;
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
  const commandWord = findCommand(argv);
  if (commandWord !== null && !isCommand(commandWord)) throw new UsageError('cli.unknownCommand', { name: commandWord }, lang);
  const command = commandWord;
  const options = { ...globalOptions, ...(command ? commandOptions[command] : {}) };
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
  const extra = parsed.positionals.slice(1);
  if (extra.length > 0) throw new UsageError('cli.unexpectedArgument', { value: extra.join(' ') }, lang);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.lang !== undefined && !isLang(values.lang)) throw new UsageError('cli.badLang', { value: String(values.lang) }, lang);
  return {
    command,
    lang,
    json: values.json === true,
    db: typeof values.db === 'string' ? values.db : undefined,
    version: values.version === true,
    help: values.help === true,
    options: values,
  };
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
