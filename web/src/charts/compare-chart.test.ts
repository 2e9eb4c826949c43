// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { alignSteps, compareTooltip, seriesColor, SERIES_COLORS } from './compare-chart';

const at = (s: number) => new Date(s * 1000).toISOString();

describe('alignSteps', () => {
  it('aligns series on the union of their times, carrying each value forward', () => {
    const data = alignSteps(
      [
        {
          marketId: 'A',
          points: [
            { time: at(100), cumulativeRealized: 0, net: 5 },
            { time: at(130), cumulativeRealized: 1.5, net: 0 },
            { time: at(200), cumulativeRealized: 1.5, net: 0 },
          ],
        },
        {
          marketId: 'B',
          points: [
            { time: at(100), cumulativeRealized: 0, net: -2 },
            { time: at(150), cumulativeRealized: -0.25, net: 3 },
            { time: at(200), cumulativeRealized: -0.25, net: 3 },
          ],
        },
      ],
      'cumulativeRealized',
    );
    expect(data[0]).toEqual([100, 130, 150, 200]);
    expect(data[1]).toEqual([0, 1.5, 1.5, 1.5]);
    expect(data[2]).toEqual([0, 0, -0.25, -0.25]);
  });

  it('is null before a series’ first point, and the later of two same-time points wins', () => {
    const data = alignSteps(
      [
        { marketId: 'A', points: [{ time: at(10), cumulativeRealized: 0, net: 1 }] },
        {
          marketId: 'B',
          points: [
            { time: at(20), cumulativeRealized: 0, net: 4 },
            { time: at(20), cumulativeRealized: 0, net: 7 },
          ],
        },
      ],
      'net',
    );
    expect(data[0]).toEqual([10, 20]);
    expect(data[1]).toEqual([1, 1]);
    expect(data[2]).toEqual([null, 7]);
  });

  it('sorts points given out of order, and handles no series', () => {
    const data = alignSteps(
      [
        {
          marketId: 'A',
          points: [
            { time: at(30), cumulativeRealized: 2, net: 0 },
            { time: at(10), cumulativeRealized: 1, net: 0 },
          ],
        },
      ],
      'cumulativeRealized',
    );
    expect(data).toEqual([
      [10, 30],
      [1, 2],
    ]);
    expect(alignSteps([], 'net')).toEqual([[]]);
  });
});

describe('compareTooltip', () => {
  it('lists every market’s value at the index, largest first, signed', () => {
    const tip = compareTooltip(
      [
        [1, 2],
        [1, -2],
        [0.5, 3],
      ],
      ['A', 'B'],
      1,
      'cumulativeRealized',
      't',
    );
    expect(tip).toEqual({
      title: 't',
      lines: [
        { label: 'B', value: '+$3.00', tone: 'pos' },
        { label: 'A', value: '\u2212$2.00', tone: 'neg' },
      ],
    });
    expect(compareTooltip([[1], [null]], ['A'], 0, 'net', 't')?.lines).toEqual([]);
    expect(compareTooltip([[1], [1]], ['A'], 5, 'net', 't')).toBeNull();
  });
});

describe('seriesColor', () => {
  it('gives each of 12 markets its own colour, then repeats', () => {
    expect(new Set(Array.from({ length: 12 }, (_, i) => seriesColor(i))).size).toBe(12);
    expect(seriesColor(12)).toBe(SERIES_COLORS[0]);
  });
});
