import type { Lang } from '../api/i18n';
import type { Db } from '../../db/connection';
import type { Clock, HybridClock } from './clock';

/** Where the app's files live, resolved by each host (CLI, web host, Electron) and passed in. */
export interface AppPaths {
  databasePath: string;
  /** Content-addressed document store (see `documentsDirFor`). */
  documentsDir: string;
  migrationsDir: string;
  resourcesDir: string;
  nativeBinding?: string;
}

/** What every service receives: no module-level state anywhere in the core. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  hlc: HybridClock;
  paths: AppPaths;
  appVersion: string;
}

/** Who is calling and in which language they read messages. */
export interface CallContext {
  actor: string;
  lang: Lang;
}
