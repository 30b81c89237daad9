import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The folder name Electron gives the app's user data (its productName), shared by every host. */
export const APP_DIR_NAME = 'KSBB Desk';
export const DATABASE_FILE_NAME = 'ksbb.sqlite';

/**
 * The desktop app's user-data folder as Electron computes `app.getPath('userData')`, so the CLI
 * opens the same database file the desktop app uses.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** Stored documents (PKS scans, evidence) live content-addressed in a folder next to the database. */
export function documentsDirFor(databasePath: string): string {
  return join(dirname(databasePath), 'documents');
}

/** Backups (the automatic daily ones and those made from the app) live in a folder next to the database. */
export function backupsDirFor(databasePath: string): string {
  return join(dirname(databasePath), 'backups');
}
