// Hand-made quality bodies for the unit tests (not a server's output: figures chosen to read).
import { HORIZONS } from '@core/markouts';
import type { QualityBlocks, QualityHorizon } from '@api/types';

export function horizons(cents: (number | null)[], count = 3): QualityHorizon[] {
  return HORIZONS.map(({ h, seconds }, i) => {
    const v = cents[i] ?? null;
    return {
      h,
      seconds,
      count: v === null ? 0 : count,
      contracts: v === null ? 0 : count * 10,
      perContractCents: v,
      adverseCount: v === null ? 0 : count,
      adverseCents: v === null ? null : 1.5 - v,
    };
  });
}

export function blocks(over: Partial<QualityBlocks> = {}): QualityBlocks {
  return {
    markouts: {
      edge: { count: 3, contracts: 30, perContractCents: 1.5 },
      horizons: horizons([1.2, 1, 0.8, 0.5, 0, -0.4, -1, -2]),
    },
    attribution: { total: 1.25, spreadCapture: 0.45, inventory: 1.0, fees: 0.2 },
    daily: [],
    quotes: {
      decisions: 100,
      quotedPct: 0.9,
      twoSidedPct: 0.6,
      atTouchBidPct: 0.5,
      atTouchAskPct: 0.25,
      distanceBidCents: 1,
      distanceAskCents: 2.5,
      requotes: 12,
      requotesPerHour: 6,
      quotedHours: 1.8,
      coveredFrom: '2026-12-01T00:00:00.000Z',
      truncated: false,
    },
    fills: {
      fills: 3,
      contracts: 30,
      acceptedPlacements: 10,
      cancels: 6,
      fillRate: 0.3,
      contractsPerQuotedHour: 16.7,
      cancelToFill: 2,
    },
    ...over,
  };
}
