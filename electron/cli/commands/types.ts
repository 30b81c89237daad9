import type { TFunction } from 'i18next';
import type { CallContext, CoreDeps } from '../../core/context';
import type { ReferenceCounts } from '../../core/reference/load';
import type { Handlers } from '../../core/handlers';
import type { CommandName, ParsedCommandLine } from '../args';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Resolves when a long-running command (serve) should stop; the binary ties it to SIGINT/SIGTERM. */
  untilStopped: () => Promise<void>;
  /** Asks for a password without echo; null when there is no terminal. Defaults to the process's terminal. */
  readSecret?: (prompt: string) => Promise<string | null>;
}

/** Prints a command's result: the object with --json, else the sentence. */
export type Output = (result: unknown, human: string) => void;

export interface CommandContext {
  cl: ParsedCommandLine;
  io: CliIo;
  t: TFunction;
  output: Output;
  deps: CoreDeps;
  /** What opening the database loaded of the reference data. */
  reference: ReferenceCounts;
  /** The same handler table the app and the web host use. */
  handlers: Handlers;
  actor: string;
  /** Who runs the command, as services take it: `--user`'s account, or the file's owner (no `user`). */
  call: CallContext;
}

/**
 * One CLI command: `prepare` checks every option and word before the database is opened (a
 * usage error changes nothing), `run` does the work and answers the exit code.
 */
export interface Command<Plan> {
  prepare(cl: ParsedCommandLine): Plan;
  run(ctx: CommandContext, plan: Plan): number | Promise<number>;
}

/** What a command that needs no database (checking a file) gets. */
export type FileContext = Pick<CommandContext, 'cl' | 'io' | 't' | 'output'>;

/** A command that never opens a database: `ksbb verify FILE` works on a machine without one. */
export interface FileCommand<Plan> {
  /** It replaces the database (`restore`): only the owner of the database file may run it, `--user` or not. */
  databaseOwnerOnly?: boolean;
  prepare(cl: ParsedCommandLine): Plan;
  runWithoutDatabase(ctx: FileContext, plan: Plan): number | Promise<number>;
}

export type CommandTable = { [K in CommandName]: Command<never> | FileCommand<never> };

/** Keeps each command's plan type while the table stores them side by side. */
export function command<Plan>(spec: Command<Plan>): Command<never> {
  return spec as unknown as Command<never>;
}

export function fileCommand<Plan>(spec: FileCommand<Plan>): FileCommand<never> {
  return spec as unknown as FileCommand<never>;
}
