import { v7 as uuidv7 } from 'uuid';

/** Wall-clock time, injected so that tests and the demo can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A fresh UUIDv7: sortable by creation time and made without asking anyone. */
export function newId(): string {
  return uuidv7();
}

/** `YYYY-MM-DD` of a moment, in UTC. */
export function isoDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/**
 * Hybrid logical clock (physical milliseconds, a counter, the device): stamps are strings that
 * sort in causal order across devices even when their wall clocks disagree.
 */
export interface HybridClock {
  tick(): string;
  /** Moves past a stamp seen from elsewhere (a pulled change, a stamp stored earlier). */
  observe(stamp: string): void;
}

const stampPattern = /^(\d{15}):([0-9a-z]{6}):(.+)$/;

export function formatStamp(ms: number, counter: number, device: string): string {
  return `${String(ms).padStart(15, '0')}:${counter.toString(36).padStart(6, '0')}:${device}`;
}

export function parseStamp(stamp: string): { ms: number; counter: number; device: string } {
  const match = stampPattern.exec(stamp);
  if (!match) throw new RangeError(`not a clock stamp: ${stamp}`);
  return { ms: Number(match[1]), counter: parseInt(match[2] ?? '0', 36), device: match[3] ?? '' };
}

export function createHybridClock(device: string, clock: Clock): HybridClock {
  let lastMs = 0;
  let counter = 0;
  return {
    tick() {
      const ms = clock.now().getTime();
      if (ms > lastMs) {
        lastMs = ms;
        counter = 0;
      } else {
        counter += 1;
      }
      return formatStamp(lastMs, counter, device);
    },
    observe(stamp) {
      const seen = parseStamp(stamp);
      if (seen.ms > lastMs || (seen.ms === lastMs && seen.counter > counter)) {
        lastMs = seen.ms;
        counter = seen.counter;
      }
    },
  };
}
