// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { QualityDay } from '@api/types';
import { horizons } from '../pages/quality/fixtures';
import {
  attributionModel,
  attributionTooltip,
  horizonLabel,
  markoutCurveData,
  markoutTooltip,
} from './quality-chart';

describe('markout curve', () => {
  const all = { label: 'All', color: '#000', horizons: horizons([1, 0.5, 0, -0.5, -1, null, null, null], 4) };
  const a = {
    label: 'KXA',
    color: '#111',
    horizons: horizons([2, 1, null, null, null, null, null, null], 1),
  };

  it('puts the eight horizons on evenly spaced categories, one line per market, gaps as null', () => {
    const data = markoutCurveData([all, a]);
    expect(data[0]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(data[1]).toEqual([1, 0.5, 0, -0.5, -1, null, null, null]);
    expect(data[2]).toEqual([2, 1, null, null, null, null, null, null]);
  });

  it('labels horizons with a space before the unit', () => {
    expect(['5s', '30s', '1m', '1h', '1d'].map(horizonLabel)).toEqual(['5 s', '30 s', '1 m', '1 h', '1 d']);
  });

  it('shows each line’s markout and fill count at a horizon, best first', () => {
    expect(markoutTooltip([all, a], 1)).toEqual({
      title: 'Markout at 30 s (¢ per contract)',
      lines: [
        { label: 'KXA', value: '+1.0¢ · 1 fill', tone: 'pos' },
        { label: 'All', value: '+0.5¢ · 4 fills', tone: 'pos' },
      ],
    });
    expect(markoutTooltip([all, a], 3)?.lines).toEqual([
      { label: 'All', value: '−0.5¢ · 4 fills', tone: 'neg' },
      { label: 'KXA', value: '— · 0 fills', tone: 'flat' },
    ]);
    expect(markoutTooltip([all], 8)).toBeNull();
  });
});

describe('daily attribution', () => {
  const days: QualityDay[] = [
    // +3 spread, +1 inventory, 0.5 fees: up 3 then 4; fees down to −0.5.
    { date: '2026-12-01', total: 3.5, spreadCapture: 3, inventory: 1, fees: 0.5 },
    // +2 spread, −4 inventory, 0.25 fees: up 2; down −4 then −4.25.
    { date: '2026-12-02', total: -2.25, spreadCapture: 2, inventory: -4, fees: 0.25 },
    // Mark unknown: no inventory bar, no total marker; no fee bar at 0.
    { date: '2026-12-03', total: null, spreadCapture: 1, inventory: null, fees: 0 },
  ];

  it('stacks each sign from zero and draws the outermost part first', () => {
    const m = attributionModel(days);
    expect(m.drawOrder).toEqual(['fees', 'inventory', 'spreadCapture']);
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 1000;
    expect(m.data[0]).toEqual([day('2026-12-01'), day('2026-12-02'), day('2026-12-03')]);
    expect(m.data[1]).toEqual([-0.5, -4.25, null]); // fees
    expect(m.data[2]).toEqual([4, -4, null]); // inventory
    expect(m.data[3]).toEqual([3, 2, 1]); // spread capture
    expect(m.data[4]).toEqual([3.5, -2.25, null]); // total
  });

  it('lists the day’s total and parts in the tooltip', () => {
    expect(attributionTooltip(days, 1, 'UTC')).toEqual({
      title: '2026-12-02 (UTC)',
      lines: [
        { label: 'Total', value: '−$2.25', tone: 'neg' },
        { label: 'Spread capture', value: '+$2.00', tone: 'pos' },
        { label: 'Inventory', value: '−$4.00', tone: 'neg' },
        { label: '−Fees', value: '−$0.25', tone: 'neg' },
      ],
    });
    expect(attributionTooltip(days, 2, 'UTC')?.lines[0]).toEqual({
      label: 'Total',
      value: '— (mark unknown)',
      tone: 'flat',
    });
  });
});
