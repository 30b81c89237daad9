import { describe, expect, it } from 'vitest';
import { type Clock, createHybridClock, formatStamp, parseStamp } from '../../electron/core/clock';

/** A clock that answers the given milliseconds in turn, then keeps answering the last one. */
function scriptedClock(times: number[]): Clock {
  let i = 0;
  return { now: () => new Date(times[Math.min(i++, times.length - 1)] as number) };
}

const isStrictlyIncreasing = (stamps: string[]) => stamps.every((s, i) => i === 0 || (stamps[i - 1] as string) < s);

describe('hybrid logical clock', () => {
  it('stays strictly increasing when the wall clock stands still', () => {
    const hlc = createHybridClock('dev-a', scriptedClock([1_700_000_000_000]));
    // 50 ticks run the base-36 counter through 9 → a → z → 10, which must still sort.
    const stamps = Array.from({ length: 50 }, () => hlc.tick());
    expect(isStrictlyIncreasing(stamps)).toBe(true);
    expect(new Set(stamps).size).toBe(50);
    expect(parseStamp(stamps[0] as string)).toEqual({ ms: 1_700_000_000_000, counter: 0, device: 'dev-a' });
    expect(parseStamp(stamps[49] as string).counter).toBe(49);
  });

  it('stays strictly increasing when the wall clock goes backwards', () => {
    const hlc = createHybridClock('dev-a', scriptedClock([5_000, 4_000, 3_000, 4_500, 5_000, 6_000]));
    const stamps = Array.from({ length: 6 }, () => hlc.tick());
    expect(isStrictlyIncreasing(stamps)).toBe(true);
    expect(stamps.slice(0, 5).map((s) => parseStamp(s).ms)).toEqual([5_000, 5_000, 5_000, 5_000, 5_000]);
    expect(parseStamp(stamps[5] as string)).toMatchObject({ ms: 6_000, counter: 0 });
  });

  it('moves past a stamp observed from another device that is ahead', () => {
    const hlc = createHybridClock('dev-a', scriptedClock([1_000]));
    const local = hlc.tick();
    const remote = formatStamp(9_000_000, 7, 'dev-b');
    hlc.observe(remote);
    const next = hlc.tick();
    expect(next > remote).toBe(true);
    expect(next > local).toBe(true);
    expect(parseStamp(next)).toEqual({ ms: 9_000_000, counter: 8, device: 'dev-a' });
  });

  it('ignores an observed stamp that is behind its own', () => {
    const hlc = createHybridClock('dev-a', scriptedClock([10_000]));
    hlc.tick();
    hlc.tick();
    hlc.observe(formatStamp(2_000, 30, 'dev-b'));
    expect(parseStamp(hlc.tick())).toEqual({ ms: 10_000, counter: 2, device: 'dev-a' });
  });

  it('makes stamps whose string order is their causal order', () => {
    const times = [1, 2, 2, 2, 999, 1_000, 1_000, 998, 10_000, 123_456_789_012, 123_456_789_012];
    const hlc = createHybridClock('dev-a', scriptedClock(times));
    const stamps = times.map(() => hlc.tick());
    expect([...stamps].sort()).toEqual(stamps);
    const numeric = stamps.map(parseStamp);
    for (let i = 1; i < numeric.length; i++) {
      const [a, b] = [numeric[i - 1]!, numeric[i]!];
      expect(b.ms > a.ms || (b.ms === a.ms && b.counter > a.counter)).toBe(true);
    }
  });

  it('round-trips formatStamp and parseStamp and rejects other strings', () => {
    const stamp = formatStamp(1_234, 36, 'device:with:colons');
    expect(stamp).toBe('000000000001234:000010:device:with:colons');
    expect(parseStamp(stamp)).toEqual({ ms: 1_234, counter: 36, device: 'device:with:colons' });
    expect(() => parseStamp('1234:0:dev')).toThrow(RangeError);
    expect(() => createHybridClock('d', scriptedClock([1])).observe('garbage')).toThrow(RangeError);
  });
});
