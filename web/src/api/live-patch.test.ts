// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  applyDecision,
  applyHeartbeat,
  applyOverviewEvent,
  overviewEventNeedsRefetch,
  type DecisionEventFields,
} from './live-patch';
import type { OverviewResponse } from '@api/types';

function overview(tz = 'UTC'): OverviewResponse {
  return {
    env: 'demo',
    tz,
    pnl: { realizedTotal: 1, todayRealized: 0.5, daily: [{ date: '2026-11-25' }] },
    exposure: { total: 10, enabled: 8, byMarket: [{ marketId: 'A' }] },
    orders: { activeBids: 1 },
    risk: { tradingHalted: false },
    totals: { realizedPnl: 1 },
    bot: { heartbeat: 'alive' },
    recent: { decision: { marketId: 'A', at: '2026-11-25T10:00:00.000Z' }, fill: null },
    markets: [{ marketId: 'A' }],
    meta: { generatedAt: '2026-11-25T09:59:00.000Z' },
  } as unknown as OverviewResponse;
}

describe('applyOverviewEvent', () => {
  it('patches the sent groups and keeps the series and bars the stream never sends', () => {
    const old = overview();
    const next = applyOverviewEvent(old, {
      env: 'demo',
      pnl: { realizedTotal: 2, todayRealized: 1.5 } as never,
      exposure: { total: 12, enabled: 9 } as never,
      totals: { realizedPnl: 2 } as never,
    });
    expect(next.pnl.realizedTotal).toBe(2);
    expect(next.pnl.daily).toBe(old.pnl.daily);
    expect(next.exposure).toMatchObject({ total: 12, enabled: 9 });
    expect(next.exposure.byMarket).toBe(old.exposure.byMarket);
    expect(next.totals.realizedPnl).toBe(2);
    // Untouched parts keep their identity, so their panels do not re-render.
    expect(next.markets).toBe(old.markets);
    expect(next.orders).toBe(old.orders);
  });

  it('leaves P&L of a non-UTC view alone (the stream computes "today" in UTC)', () => {
    const old = overview('America/New_York');
    const next = applyOverviewEvent(old, {
      env: 'demo',
      pnl: { realizedTotal: 2 } as never,
      orders: { activeBids: 3 } as never,
    });
    expect(next.pnl).toBe(old.pnl);
    expect(next.orders.activeBids).toBe(3);
  });

  it('ignores another environment, and returns the same object when nothing applies', () => {
    const old = overview();
    expect(applyOverviewEvent(old, { env: 'prod', totals: { realizedPnl: 9 } as never })).toBe(old);
    expect(applyOverviewEvent(old, { env: 'demo' })).toBe(old);
  });
});

describe('overviewEventNeedsRefetch', () => {
  it('figures that move rows or series do; the open-orders age ticking alone does not', () => {
    expect(overviewEventNeedsRefetch({ env: 'demo', totals: {} as never })).toBe(true);
    expect(overviewEventNeedsRefetch({ env: 'demo', pnl: {} as never, orders: {} as never })).toBe(true);
    expect(overviewEventNeedsRefetch({ env: 'demo', orders: { openOrdersAgeMs: 9000 } as never })).toBe(
      false,
    );
  });
});

describe('applyHeartbeat', () => {
  it('replaces the bot block of the same environment only', () => {
    const old = overview();
    const bot = { heartbeat: 'late' } as OverviewResponse['bot'];
    expect(applyHeartbeat(old, { env: 'demo', now: '2026-11-25T10:00:00Z', bot }).bot).toBe(bot);
    expect(applyHeartbeat(old, { env: 'prod', now: '2026-11-25T10:00:00Z', bot })).toBe(old);
  });
  it('ignores a heartbeat older than the body on screen (a replayed one brings no old verdict back)', () => {
    const old = overview();
    const bot = { heartbeat: 'alive' } as OverviewResponse['bot'];
    expect(applyHeartbeat(old, { env: 'demo', now: '2026-11-25T09:58:59.999Z', bot })).toBe(old);
  });
});

describe('applyDecision', () => {
  const event: DecisionEventFields = {
    decisionId: 'run:B:7',
    marketId: 'B',
    time: '2026-11-25T10:00:05.000Z',
    botRunId: 'run',
    botVersion: 'v1',
    book: {
      bestBid: 0.4,
      bestAsk: 0.45,
      spread: 0.05,
      mid: 0.425,
      topBids: [{ priceYes: 0.4, size: 3 }],
      topAsks: [],
    },
    inventory: -4,
    targetQuotes: [{ side: 'bid', priceYes: 0.39, size: 5 }],
  };

  it('a newer decision becomes the newest, in the overview shape', () => {
    const next = applyDecision(overview(), event);
    expect(next.recent.decision).toEqual({
      marketId: 'B',
      decisionId: 'run:B:7',
      at: '2026-11-25T10:00:05.000Z',
      botRunId: 'run',
      botVersion: 'v1',
      inventoryNetYesQty: -4,
      book: {
        bestBid: 0.4,
        bestAsk: 0.45,
        spreadStored: 0.05,
        midStored: 0.425,
        topBids: [{ priceYes: 0.4, size: 3 }],
        topAsks: [],
      },
      targetQuotes: [{ side: 'bid', priceYes: 0.39, size: 5 }],
    });
  });

  it('an older or equal one (a replay after reconnecting) changes nothing', () => {
    const old = overview();
    expect(applyDecision(old, { ...event, time: '2026-11-25T09:59:00.000Z' })).toBe(old);
    expect(applyDecision(old, { ...event, time: '2026-11-25T10:00:00.000Z' })).toBe(old);
  });
});
