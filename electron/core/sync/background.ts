import { AppError } from '../../api/errors';
import type { CoreDeps } from '../context';
import { isEnrolled, runSync, setNextAttempt, type SyncOptions } from './service';

export interface BackgroundSyncTiming {
  /** Between syncs while the hub answers (and between checks while this database is not enrolled). */
  intervalMs: number;
  /** The first wait after a failed sync; it doubles with each further failure… */
  firstBackoffMs: number;
  /** …up to this. */
  maxBackoffMs: number;
}

export const BACKGROUND_SYNC: BackgroundSyncTiming = { intervalMs: 60_000, firstBackoffMs: 5_000, maxBackoffMs: 5 * 60_000 };

/** The timer the loop waits on (tests give their own to see the delays asked for). */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The wait after `failures` failed syncs in a row: doubling from the first back-off, capped. */
export function backoffMs(timing: BackgroundSyncTiming, failures: number): number {
  if (failures === 0) return timing.intervalMs;
  return Math.min(timing.maxBackoffMs, timing.firstBackoffMs * 2 ** Math.min(failures - 1, 30));
}

/** Failures that only mean "not now" (the hub is away or refuses this device): logged once as state, not as errors. */
const expected = new Set(['sync_unreachable', 'sync_refused', 'sync_update_required', 'sync_device_revoked', 'sync_not_enrolled']);

/**
 * What the hosts (the Electron core process, `ksbb serve`) run: a sync as soon as they open, then
 * one every `intervalMs` while the hub answers, backing off (5 s, 10 s, … up to 5 min) while it
 * does not. A database that is not enrolled is checked again every interval (enrolling from the
 * CLI starts the syncing without a restart). The Sync button shares a run under way (`runSync`).
 * Answers `stop`, which resolves once a sync under way is done, so the host closes the database after it.
 */
export function startBackgroundSync(
  deps: CoreDeps,
  log: { error(message: string, error: unknown): void },
  timing: BackgroundSyncTiming = BACKGROUND_SYNC,
  options: SyncOptions & { timers?: Timers } = {},
): { stop(): Promise<void> } {
  const timers = options.timers ?? realTimers;
  let failures = 0;
  let stopped = false;
  let handle: unknown = null;
  let under: Promise<void> | null = null;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (isEnrolled(deps)) setNextAttempt(deps, new Date(deps.clock.now().getTime() + ms));
    handle = timers.set(tick, ms);
  };
  const attempt = async () => {
    try {
      await runSync(deps, options);
      failures = 0;
    } catch (error) {
      failures += 1;
      if (!(error instanceof AppError && expected.has(error.code))) log.error('background sync failed', error);
    }
  };
  function tick() {
    handle = null;
    if (stopped) return;
    if (!isEnrolled(deps)) {
      schedule(timing.intervalMs);
      return;
    }
    under = attempt().finally(() => {
      under = null;
      schedule(backoffMs(timing, failures));
    });
  }
  tick();
  return {
    stop: async () => {
      stopped = true;
      if (handle !== null) timers.clear(handle);
      await under;
      if (isEnrolled(deps)) setNextAttempt(deps, null);
    },
  };
}
