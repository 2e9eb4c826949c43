// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ExposureByMarket } from '@api/types';
import { groupByEvent, shortMarket } from './exposure-groups';

const item = (marketId: string, eventTicker: string | null): ExposureByMarket => ({
  marketId,
  eventTicker,
  enabled: true,
  netPosition: 1,
  exposure: 1,
  capitalAtRisk: 0,
  limitUse: null,
});

describe('groupByEvent', () => {
  it('groups consecutive markets of an event, keeping the API order', () => {
    const groups = groupByEvent([
      item('E1-A', 'E1'),
      item('E1-B', 'E1'),
      item('X', null),
      item('E2-A', 'E2'),
    ]);
    expect(groups.map((g) => [g.event, g.items.map((i) => i.marketId)])).toEqual([
      ['E1', ['E1-A', 'E1-B']],
      [null, ['X']],
      ['E2', ['E2-A']],
    ]);
  });
});

describe('shortMarket', () => {
  it('drops the event prefix only when it is one', () => {
    expect(shortMarket('KXFEDDECISION-26DEC-H0', 'KXFEDDECISION-26DEC')).toBe('H0');
    expect(shortMarket('KXALBUMRELEASEDATEASAP-26JAN17', 'KXALBUMRELEASEDATEASAP')).toBe('26JAN17');
    expect(shortMarket('KXPLANET-26JAN', null)).toBe('KXPLANET-26JAN');
    expect(shortMarket('OTHER-1', 'KX')).toBe('OTHER-1');
  });
});
