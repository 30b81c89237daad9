import type { Result } from '../api/errors';
import type { Lang } from '../api/i18n';
import type { AppPaths } from '../core/context';

/** Messages between the Electron main process and the core's utility process. */
export type ToCore =
  | { type: 'open'; paths: AppPaths; appVersion: string; actor: string }
  | { type: 'call'; id: number; name: string; input: unknown; lang: Lang }
  /** The PDF main printed for a `print` request (or why it could not). */
  | { type: 'printed'; id: number; pdf: Uint8Array }
  | { type: 'printed'; id: number; error: string };

export type FromCore =
  | { type: 'opened' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  /** A report's HTML for main to print (only main has windows: see main/print.ts). */
  | { type: 'print'; id: number; html: string };
