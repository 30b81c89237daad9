import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppPaths } from '../core/context';
import { DATABASE_FILE_NAME, documentsDirFor, userDataDir } from '../core/paths';

/** The project root, where db/migrations, resources/ and the built renderer live. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `--db`, else `KSBB_DB`, else the desktop app's own database. */
export function cliAppPaths(db: string | undefined, env: NodeJS.ProcessEnv): AppPaths {
  const databasePath = resolve(db ?? env.KSBB_DB ?? join(userDataDir(env), DATABASE_FILE_NAME));
  mkdirSync(dirname(databasePath), { recursive: true });
  return {
    databasePath,
    documentsDir: documentsDirFor(databasePath),
    migrationsDir: join(projectRoot, 'db', 'migrations'),
    resourcesDir: join(projectRoot, 'resources'),
  };
}
