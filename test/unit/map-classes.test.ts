import { describe, expect, it } from 'vitest';
import { mapClassFills } from '../../electron/api/map-style';
import { classesFor, classFills, classLabels, classOf, formatValue, niceNumber } from '../../electron/core/map/classes';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('map classes', () => {
  it('rounds breaks to nice numbers a person can read', () => {
    expect([0.0123, 0.28, 1.3, 17, 44, 170, 2_730, 86_000].map((x) => niceNumber(x, 'ratio'))).toEqual([0.01, 0.3, 1.5, 15, 40, 150, 2_500, 75_000]);
    expect(niceNumber(0.4, 'count')).toBe(1);
    expect(niceNumber(0, 'count')).toBe(0);
  });

  it('makes five quantile classes at rounded breaks, labelled in id-ID numbers', () => {
    const values = range(1, 100).map((v) => v * 50);
    const classes = classesFor(values, 'count');
    // Quintiles of 50…5000 are 1040, 2030, 3020, 4010.
    expect(classes).toEqual({ kind: 'quantile', lows: [50, 1_000, 2_000, 3_000, 4_000], zeroClass: false });
    expect(classLabels(classes, values, 'count')).toEqual(['50 – 999', '1.000 – 1.999', '2.000 – 2.999', '3.000 – 3.999', '4.000 – 5.000']);
    expect([50, 999, 1_000, 4_500, 5_000].map((v) => classOf(classes, v))).toEqual([0, 0, 1, 4, 4]);
    expect(classOf(classes, null)).toBeNull();
  });

  it('gives 0 its own class when only some wilayah have a figure, and the rest four quantile classes', () => {
    const values = [0, 0, 0, 0, 0, 0, 5, 10, 20, 40, 80, null];
    const classes = classesFor(values, 'count');
    expect(classes).toEqual({ kind: 'quantile', lows: [0, 5, 10, 20, 40], zeroClass: true });
    expect(classLabels(classes, values, 'count')).toEqual(['0', '5 – 9', '10 – 19', '20 – 39', '40 – 80']);
  });

  it('merges breaks that round alike, down to one class when every value is the same', () => {
    const few = [0, 0, 170];
    const classes = classesFor(few, 'count');
    expect(classes.lows).toEqual([0, 170]);
    expect(classLabels(classes, few, 'count')).toEqual(['0', '170']);
    expect(classFills(2)).toEqual([mapClassFills[0], mapClassFills[4]]);
    const same = classesFor([3, 3, 3], 'count');
    expect(same.lows).toEqual([3]);
    expect(classLabels(same, [3, 3, 3], 'count')).toEqual(['3']);
    expect(classesFor([null, null], 'count').lows).toEqual([]);
  });

  it('uses the fixed 0–25–50–75–100+ % classes for coverage', () => {
    const values = [0.1, 0.5, 1.3, null];
    const classes = classesFor(values, 'coverage');
    expect(classes).toEqual({ kind: 'fixed', lows: [0, 0.25, 0.5, 0.75, 1], zeroClass: false });
    expect(classLabels(classes, values, 'coverage')).toEqual(['< 25%', '25% – 50%', '50% – 75%', '75% – 100%', '≥ 100%']);
    expect(values.map((v) => classOf(classes, v))).toEqual([0, 2, 4, null]);
  });

  it('labels ratios with decimal commas', () => {
    const values = range(1, 20).map((v) => v / 10);
    const classes = classesFor(values, 'ratio');
    expect(classes.lows).toEqual([0.1, 0.5, 0.75, 1, 1.5]);
    expect(classLabels(classes, values, 'ratio')).toEqual(['< 0,5', '0,5 – 0,75', '0,75 – 1', '1 – 1,5', '≥ 1,5']);
  });

  it('spreads fewer classes over the colour-blind-safe scale, light to dark', () => {
    expect(classFills(5)).toEqual([...mapClassFills]);
    expect(classFills(3)).toEqual([mapClassFills[0], mapClassFills[2], mapClassFills[4]]);
    expect(classFills(1)).toEqual([mapClassFills[0]]);
  });

  it('writes millions compactly so a legend row stays short', () => {
    expect(formatValue(2_500_000, 'count')).toBe('2,5\u00a0jt');
    expect(formatValue(12_345, 'count')).toBe('12.345');
    expect(formatValue(0.456, 'coverage')).toBe('45,6%');
  });
});
