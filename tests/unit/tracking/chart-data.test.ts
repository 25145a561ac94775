import { describe, expect, it } from 'vitest';
import { DEFAULT_CHART_SETTINGS, formatNumber, linePoints, pairByStep, smooth } from '../../../renderer/pages/experiments/chart-data';
import { axisText, plotAxes, position } from '../../../renderer/pages/experiments/plot-axes';

const points = (values: number[], stepOf = (i: number) => i) => values.map((value, i) => ({ step: stepOf(i), timestamp: 1000 + i * 500, value }));

describe('chart smoothing', () => {
  it("is TensorBoard's debiased exponential moving average", () => {
    // last = 0.5·last + 0.5·v, divided by 1 − 0.5^n.
    const expected = [0.5 / 0.5, (0.5 * 0.5 + 1.5) / 0.75, (0.5 * 1.75 + 2.5) / 0.875];
    smooth([1, 3, 5], 0.5).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    expect(smooth([2, 4], 0)).toEqual([2, 4]);
    // A constant series stays constant at any weight: the debiasing removes the pull to zero.
    expect(smooth([7, 7, 7, 7], 0.9).map((v) => Number(v.toFixed(12)))).toEqual([7, 7, 7, 7]);
  });

  it('lets NaN through without poisoning the average', () => {
    const out = smooth([1, Number.NaN, 1], 0.5);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(1, 12);
  });
});

describe('chart x axes', () => {
  it('pairs a metric with another metric at the nearest logged step, sorted by the x metric', () => {
    const loss = points([0.9, 0.5, 0.3], (i) => i * 10);
    const lr = points([0.1, 0.01, 0.001], (i) => i * 10 + 1);
    expect(pairByStep(loss, lr)).toEqual([{ x: 0.001, y: 0.3 }, { x: 0.01, y: 0.5 }, { x: 0.1, y: 0.9 }]);
    expect(pairByStep(loss, [])).toEqual([]);
  });

  it('plots time as seconds since the start when given one, and keeps a zoomed range only', () => {
    const series = points([5, 6, 7, 8]);
    expect(linePoints(series, { ...DEFAULT_CHART_SETTINGS, x: 'time' }, { startTime: 1000 }).map((p) => p.x)).toEqual([0, 0.5, 1, 1.5]);
    expect(linePoints(series, { ...DEFAULT_CHART_SETTINGS, range: { from: 1, to: 2 } })).toEqual([{ x: 1, y: 6 }, { x: 2, y: 7 }]);
  });

  it('drops the points a log scale cannot show (zero, negative, non-finite)', () => {
    expect(linePoints(points([1, 0, -2, Number.POSITIVE_INFINITY, 0.5]), { ...DEFAULT_CHART_SETTINGS, logY: true })).toEqual([{ x: 0, y: 1 }, { x: 4, y: 0.5 }]);
  });
});

describe('tooltip digits', () => {
  it('shows about four significant digits, exponents for the very large and very small', () => {
    expect(formatNumber(0.873145678)).toBe('0.8731');
    expect(formatNumber(12.3456)).toBe('12.35');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(1234567.8)).toBe('1.23e+6');
    expect(formatNumber(0.0000321)).toBe('3.21e-5');
    expect(formatNumber(0.00002)).toBe('2e-5');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('compare plot axes', () => {
  it('makes numeric axes of numbers and ordered categories of the rest, runs that differ first', () => {
    const axes = plotAxes([
      { kind: 'param', key: 'epochs', values: ['30', '30'], differs: false },
      { kind: 'param', key: 'model', values: ['eegnet', 'csp-lda'], differs: true },
      { kind: 'metric', key: 'acc', values: ['0.9', ''], differs: true },
      { kind: 'param', key: 'unused', values: ['', ''], differs: false },
    ]);
    expect(axes.map((a) => a.id)).toEqual(['param:model', 'metric:acc', 'param:epochs']);
    expect(axes[0]).toMatchObject({ categories: ['csp-lda', 'eegnet'], values: [1, 0], min: 0, max: 1 });
    expect(axes[1]).toMatchObject({ categories: null, values: [0.9, null] });
    expect(axisText(axes[0]!, 1)).toBe('eegnet');
    expect(position(axes[2]!, 30)).toBe(0.5);
    expect(position(axes[0]!, 1)).toBe(1);
  });
});
