import { describe, expect, it } from 'vitest';
import { createRandom } from '../../electron/core/demo/random';

const sequence = (seed: number, n = 20) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('gives the same sequence for the same seed', () => {
    expect(sequence(42)).toEqual(sequence(42));
    const a = createRandom(7);
    const b = createRandom(7);
    expect(Array.from(a.bytes(16))).toEqual(Array.from(b.bytes(16)));
    expect([a.int(1, 100), a.pick(['x', 'y', 'z']), a.chance(0.5)]).toEqual([b.int(1, 100), b.pick(['x', 'y', 'z']), b.chance(0.5)]);
  });

  it('gives different sequences for different seeds', () => {
    expect(sequence(1)).not.toEqual(sequence(2));
    expect(sequence(0)).not.toEqual(sequence(0xffffffff));
  });

  it('stays in [0, 1) and within int bounds, reaching both ends', () => {
    const random = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = random.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = random.int(1, 6);
      expect(Number.isInteger(n)).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('picks by weight and never picks a zero weight', () => {
    const random = createRandom(11);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 4000; i++) counts[random.weighted([['a', 3], ['never', 0], ['b', 1]] as const)] += 1;
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.4);
    expect(counts.a / counts.b).toBeLessThan(3.7);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => createRandom(1).pick([])).toThrow(RangeError);
  });

  it('fills the requested number of bytes, including lengths that are not a multiple of 4', () => {
    const bytes = createRandom(5).bytes(7);
    expect(bytes).toHaveLength(7);
    expect(bytes.some((b) => b !== 0)).toBe(true);
  });
});
