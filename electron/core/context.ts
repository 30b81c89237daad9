import type { Lang } from '../api/i18n';
import type { Db } from '../../db/connection';
import type { Clock, HybridClock } from './clock';
import type { UserRole } from '../../db/schema/users';

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

/** The signed-in account a call is made for; SKPD accounts carry their agency's programs. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  agencyId: string | null;
  /** Programs of `agencyId` (empty for other roles): what an SKPD account may write. */
  programIds: string[];
}

/**
 * How a host keeps the session of its window or browser tab (the token never reaches the page's
 * code): `auth:login` begins one, `auth:logout` ends it.
 */
export interface SessionPort {
  token: string | null;
  begin(token: string): void;
  end(): void;
}

/**
 * Who is calling and in which language they read messages. `actor` is what audit entries and
 * `createdBy` record; `user` is absent only for the database file's owner on the CLI, who has
 * administrator rights (admin jobs such as `init` and scripts).
 */
export interface CallContext {
  actor: string;
  lang: Lang;
  user?: SessionUser;
  /** Present on hosts with sign-in (the window, the web host); absent on the CLI. */
  session?: SessionPort;
}
