import { describe, expect, it } from 'vitest';
import { intOption, parseCommandLine, UsageError } from '../../electron/cli/args';

/** The UsageError `parseCommandLine` throws for `argv` (fails the test if it does not throw one). */
function usageError(argv: string[], env: NodeJS.ProcessEnv = {}): UsageError {
  try {
    parseCommandLine(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected a UsageError for: ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('parses global options before and after the command', () => {
    const cl = parseCommandLine(['--db', 'data/x.sqlite', 'demo', '--seed', '7', '--json', '--lang', 'en'], {});
    expect(cl).toMatchObject({ command: 'demo', db: 'data/x.sqlite', json: true, lang: 'en', version: false, help: false });
    expect(cl.options.seed).toBe('7');
  });

  it('accepts --opt=value forms', () => {
    const cl = parseCommandLine(['serve', '--port=8080', '--db=a.sqlite', '--lang=en'], {});
    expect(cl).toMatchObject({ command: 'serve', db: 'a.sqlite', lang: 'en' });
    expect(cl.options.port).toBe('8080');
  });

  it('has no command for a bare --version or --help', () => {
    expect(parseCommandLine(['--version'], {})).toMatchObject({ command: null, version: true });
    expect(parseCommandLine(['-h'], {})).toMatchObject({ command: null, help: true });
  });

  it('takes the language from KSBB_LANG unless --lang says otherwise, and defaults to id', () => {
    expect(parseCommandLine(['init'], {}).lang).toBe('id');
    expect(parseCommandLine(['init'], { KSBB_LANG: 'en' }).lang).toBe('en');
    expect(parseCommandLine(['init', '--lang', 'id'], { KSBB_LANG: 'en' }).lang).toBe('id');
    expect(parseCommandLine(['init'], { KSBB_LANG: 'fr' }).lang).toBe('id');
  });

  it('refuses an unknown command', () => {
    const error = usageError(['frobnicate']);
    expect(error.key).toBe('cli.unknownCommand');
    expect(error.params).toEqual({ name: 'frobnicate' });
    expect(error.lang).toBe('id');
  });

  it('does not take the value of --db or --lang for the command', () => {
    expect(parseCommandLine(['--db', 'init', '--lang', 'en'], {})).toMatchObject({ command: null, db: 'init' });
  });

  it('refuses an option the command does not take', () => {
    const error = usageError(['demo', '--colour', 'red']);
    expect(error.key).toBe('cli.unknownOption');
    expect(error.params).toEqual({ option: '--colour', command: 'demo' });
  });

  it("refuses another command's option", () => {
    const init = usageError(['init', '--port', '1']);
    expect(init.key).toBe('cli.unknownOption');
    expect(init.params).toEqual({ option: '--port', command: 'init' });
    const serve = usageError(['serve', '--seed', '3']);
    expect(serve.params).toEqual({ option: '--seed', command: 'serve' });
  });

  it('refuses --db without a value', () => {
    expect(usageError(['init', '--db']).key).toBe('cli.missingValue');
    expect(usageError(['--db']).key).toBe('cli.missingValue');
  });

  it('refuses a stray positional argument', () => {
    const error = usageError(['init', 'extra', 'words']);
    expect(error.key).toBe('cli.unexpectedArgument');
    expect(error.params).toEqual({ value: 'extra words' });
  });

  it('refuses a --lang other than id or en', () => {
    const error = usageError(['--lang', 'fr', 'init']);
    expect(error.key).toBe('cli.badLang');
    expect(error.params).toEqual({ value: 'fr' });
  });

  it('reports usage errors in the language asked for', () => {
    expect(usageError(['--lang', 'en', 'frobnicate']).lang).toBe('en');
    expect(usageError(['frobnicate'], { KSBB_LANG: 'en' }).lang).toBe('en');
  });
});

describe('intOption', () => {
  const demo = (...args: string[]) => parseCommandLine(['demo', ...args], {});

  it('answers the fallback when the option is absent and the number when it is in bounds', () => {
    expect(intOption(demo(), 'partners', 200, 1, 100_000)).toBe(200);
    expect(intOption(demo('--partners', '1'), 'partners', 200, 1, 100_000)).toBe(1);
    expect(intOption(demo('--partners', '100000'), 'partners', 200, 1, 100_000)).toBe(100_000);
  });

  it('refuses values out of bounds or not whole numbers, naming option, range and value', () => {
    for (const value of ['0', '100001', '12abc', '1e3', '2.5', '', ' 7']) {
      let caught: unknown;
      try {
        intOption(demo(`--partners=${value}`), 'partners', 200, 1, 100_000);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(value)).toBeInstanceOf(UsageError);
      expect((caught as UsageError).key).toBe('cli.badNumber');
      expect((caught as UsageError).params).toEqual({ option: 'partners', min: 1, max: 100_000, value });
    }
  });

  it('refuses a negative number already when parsing (it looks like an option)', () => {
    expect(usageError(['demo', '--partners', '-5']).key).toBe('cli.missingValue');
  });
});
