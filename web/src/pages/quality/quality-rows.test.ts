// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  attributionIdentity,
  curveMarkets,
  curveParam,
  nullReason,
  qualityRow,
  toggleCurve,
  MAX_CURVE_MARKETS,
} from './quality-rows';
import { blocks, horizons } from './fixtures';

describe('qualityRow', () => {
  it('takes each column’s figure from its block', () => {
    const r = qualityRow('KXA', blocks());
    expect(r).toMatchObject({
      marketId: 'KXA',
      edgeCents: 1.5,
      markout5m: 0.5,
      markout1h: -0.4,
      adverse5m: 1,
      total: 1.25,
      spreadCapture: 0.45,
      inventory: 1,
      fees: 0.2,
      quotedPct: 0.9,
      twoSidedPct: 0.6,
      atTouchBidPct: 0.5,
      atTouchAskPct: 0.25,
      distanceBidCents: 1,
      distanceAskCents: 2.5,
      requotesPerHour: 6,
      fillRate: 0.3,
      contractsPerQuotedHour: 16.7,
      cancelToFill: 2,
    });
    expect(nullReason('edgeCents', r)).toBe('');
  });

  it('says why a figure is missing', () => {
    const noFills = qualityRow(
      'KXB',
      blocks({
        markouts: { edge: { count: 0, contracts: 0, perContractCents: null }, horizons: horizons([]) },
        fills: {
          fills: 0,
          contracts: 0,
          acceptedPlacements: 0,
          cancels: 0,
          fillRate: null,
          contractsPerQuotedHour: null,
          cancelToFill: null,
        },
        attribution: { total: null, spreadCapture: 0, inventory: null, fees: 0 },
      }),
    );
    expect(noFills.markout5m).toBeNull();
    expect(nullReason('edgeCents', noFills)).toBe('No fill in the range');
    expect(nullReason('markout1h', noFills)).toBe('No fill in the range');
    expect(nullReason('total', noFills)).toMatch(/mark .* unknown/);
    expect(nullReason('fillRate', noFills)).toMatch(/No accepted placement/);
    expect(nullReason('contractsPerQuotedHour', noFills)).toMatch(/0 quoted hours/);

    const recent = qualityRow(
      'KXC',
      blocks({ markouts: { ...blocks().markouts, horizons: horizons([1, 1, 1]) } }),
    );
    expect(recent.markout1h).toBeNull();
    expect(nullReason('markout1h', recent)).toBe(
      'No fill with a known mid 1 h later (too recent, or the bot was not deciding then)',
    );

    const q = blocks().quotes;
    const noBid = qualityRow(
      'KXD',
      blocks({ quotes: { ...q, atTouchBidPct: null, distanceBidCents: null } }),
    );
    expect(nullReason('atTouchBidPct', noBid)).toBe('No decision with a bid target');
    expect(nullReason('distanceBidCents', noBid)).toBe(
      'No bid target against a non-empty bid side of the book',
    );
  });
});

describe('attributionIdentity', () => {
  it('writes total = spread capture + inventory − fees to the cent', () => {
    const id = attributionIdentity({ total: 1.25, spreadCapture: 0.45, inventory: 1.0, fees: 0.2 });
    expect(id.text).toBe('Total +$1.25 = spread capture +$0.45 + inventory +$1.00 − fees $0.20');
    expect(id.holds).toBe(true);
  });

  it('keeps signs of losses and says nothing is guessed when a mark is unknown', () => {
    const loss = attributionIdentity({ total: -3.1, spreadCapture: 2.4, inventory: -5.03, fees: 0.47 });
    expect(loss.text).toBe('Total −$3.10 = spread capture +$2.40 + inventory −$5.03 − fees $0.47');
    expect(loss.holds).toBe(true);
    const unknown = attributionIdentity({ total: null, spreadCapture: 2.4, inventory: null, fees: 0.47 });
    expect(unknown.text).toBe('Total — = spread capture +$2.40 + inventory — − fees $0.47');
    expect(unknown.holds).toBe(false);
  });

  it('flags figures that do not add up to the cent', () => {
    expect(attributionIdentity({ total: 1, spreadCapture: 0.5, inventory: 0.5, fees: 0.01 }).holds).toBe(
      false,
    );
  });
});

describe('markets on the markout chart', () => {
  const ms = [
    { marketId: 'A', fills: { contracts: 5 } },
    { marketId: 'B', fills: { contracts: 50 } },
    { marketId: 'C', fills: { contracts: 0 } },
    { marketId: 'D', fills: { contracts: 20 } },
    { marketId: 'E', fills: { contracts: 20 } },
    { marketId: 'F', fills: { contracts: 1 } },
  ];

  it('defaults to the four most-filled markets with fills', () => {
    expect(curveMarkets('', ms)).toEqual(['B', 'D', 'E', 'A']);
  });

  it('reads the URL’s markets that the body has, and none', () => {
    expect(curveMarkets('?curve=C,X,A,C', ms)).toEqual(['C', 'A']);
    expect(curveMarkets('?curve=none', ms)).toEqual([]);
    expect(curveParam([])).toBe('none');
    expect(curveParam(['A', 'B'])).toBe('A,B');
  });

  it('toggles a market, up to the cap', () => {
    expect(toggleCurve(['A'], 'B')).toEqual(['A', 'B']);
    expect(toggleCurve(['A', 'B'], 'A')).toEqual(['B']);
    const full = Array.from({ length: MAX_CURVE_MARKETS }, (_, i) => `M${i}`);
    expect(toggleCurve(full, 'X')).toEqual(full);
  });
});
