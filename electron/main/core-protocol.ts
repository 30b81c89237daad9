import type { Result } from '../api/errors';
import type { Lang } from '../api/i18n';
import type { AppPaths } from '../core/context';

/** Messages between the Electron main process and the core's utility process. */
export type ToCore =
  | { type: 'open'; paths: AppPaths; appVersion: string; actor: string }
  | { type: 'call'; id: number; name: string; input: unknown; lang: Lang };

export type FromCore =
  | { type: 'opened' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> };
