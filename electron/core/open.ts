import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/connection';
import { syncState } from '../../db/schema';
import { type Clock, createHybridClock, newId, systemClock } from './clock';
import type { AppPaths, CoreDeps } from './context';
import { loadReferenceData, type ReferenceCounts } from './reference/load';

export interface OpenedCore {
  deps: CoreDeps;
  reference: ReferenceCounts;
  close(): void;
}

/** This installation's device id for sync, made once. */
function deviceId(deps: Pick<CoreDeps, 'db'>): string {
  const { db } = deps;
  const found = db.select().from(syncState).where(eq(syncState.key, 'device_id')).get();
  if (found) return found.value;
  const id = newId();
  db.insert(syncState).values({ key: 'device_id', value: id }).run();
  return id;
}

/**
 * Opens the database for a host (CLI, web host, Electron core process): migrates it, makes sure
 * the reference data is there, and wires the services' dependencies.
 */
export function openCore(paths: AppPaths, options: { appVersion: string; actor: string; clock?: Clock }): OpenedCore {
  const db = openDatabase(paths.databasePath, { migrationsDir: paths.migrationsDir, nativeBinding: paths.nativeBinding });
  try {
    const clock = options.clock ?? systemClock;
    const hlc = createHybridClock(deviceId({ db }), clock);
    const stored = db.select().from(syncState).where(eq(syncState.key, 'hlc')).get();
    if (stored) hlc.observe(stored.value);
    const deps: CoreDeps = { db, clock, hlc, paths, appVersion: options.appVersion };
    const reference = loadReferenceData(deps, options.actor);
    return { deps, reference, close: () => db.$client.close() };
  } catch (error) {
    db.$client.close();
    throw error;
  }
}
