import { describe, expect, it } from 'vitest';
import { buildChains } from './chains.js';
import { decision, event, fill } from './test-fixtures.js';

const d = (loop: number, at: string, targets: { side: 'bid' | 'ask'; priceYes: number; size: number }[]) => ({
  ...decision({ at, targets }),
  decisionId: `run:MKT-A:${loop}`,
});
const place = (loop: number, at: string, coid: string) =>
  event({
    eventType: 'ORDER_PLACE',
    at,
    decisionId: `run:MKT-A:${loop}`,
    side: 'bid',
    priceYes: 0.4,
    size: 5,
    clientOrderId: coid,
  });
const result = (loop: number, at: string, coid: string, status: string, orderId: string | null) =>
  event({
    eventType: 'ORDER_RESULT',
    at,
    decisionId: `run:MKT-A:${loop}`,
    side: 'bid',
    priceYes: 0.4,
    size: 5,
    clientOrderId: coid,
    status,
    orderId,
    latencyMs: 150,
  });

describe('reconciliation chains', () => {
  // Loop 1: places A, accepted, later filled — a whole chain.
  // Loop 2: targets change, no order event — target_without_order.
  // Loop 3: placement REJECTED — placement_failed.
  // Loop 4: B accepted, never cancelled nor filled, not live — order_lost.
  // Loop 5: C accepted and live now — fine.  A fill of order Z that no decision placed — orphan.
  const decisions = [
    d(1, '2026-01-03T10:00:00', [{ side: 'bid', priceYes: 0.4, size: 5 }]),
    d(2, '2026-01-03T10:01:00', [{ side: 'bid', priceYes: 0.41, size: 5 }]),
    d(3, '2026-01-03T10:02:00', [{ side: 'bid', priceYes: 0.42, size: 5 }]),
    d(4, '2026-01-03T10:03:00', [{ side: 'bid', priceYes: 0.43, size: 5 }]),
    d(5, '2026-01-03T10:04:00', [{ side: 'bid', priceYes: 0.44, size: 5 }]),
  ];
  const events = [
    place(1, '2026-01-03T10:00:00.1Z', 'c1'),
    result(1, '2026-01-03T10:00:00.3Z', 'c1', 'ACCEPTED', 'A'),
    place(3, '2026-01-03T10:02:00.1Z', 'c3'),
    result(3, '2026-01-03T10:02:00.3Z', 'c3', 'REJECTED', null),
    place(4, '2026-01-03T10:03:00.1Z', 'c4'),
    result(4, '2026-01-03T10:03:00.3Z', 'c4', 'ACCEPTED', 'B'),
    place(5, '2026-01-03T10:04:00.1Z', 'c5'),
    result(5, '2026-01-03T10:04:00.3Z', 'c5', 'ACCEPTED', 'C'),
  ];
  const fills = [
    { ...fill({ side: 'yes', price: 0.4, size: 5, at: '2026-01-03T10:00:30Z' }), orderId: 'A' },
    { ...fill({ side: 'yes', price: 0.3, size: 1, at: '2026-01-03T10:05:00Z' }), orderId: 'Z' },
  ];
  const live = [
    {
      orderId: 'C',
      marketId: 'MKT-A',
      side: 'yes' as const,
      priceYes: 0.44,
      size: 5,
      filledSize: 0,
      decisionId: null,
      clientOrderId: null,
      status: 'resting',
      createdAtMs: null,
      tif: 'gtc',
    },
  ];

  it('finds every kind of broken link, and only those', () => {
    const r = buildChains(decisions, events, fills, live);
    const byLoop = new Map(r.chains.map((c) => [c.decision.decisionId, c.problems]));
    expect(byLoop.get('run:MKT-A:1')).toEqual([]);
    expect(byLoop.get('run:MKT-A:2')).toEqual(['target_without_order']);
    expect(byLoop.get('run:MKT-A:3')).toEqual(['placement_failed']);
    expect(byLoop.get('run:MKT-A:4')).toEqual(['order_lost']);
    expect(byLoop.get('run:MKT-A:5')).toEqual([]);
    expect(r.orphanFills.map((f) => f.orderId)).toEqual(['Z']);
    expect(r.counts).toMatchObject({
      chains: 5,
      broken: 3,
      placement_failed: 1,
      target_without_order: 1,
      order_lost: 1,
      fill_without_decision: 1,
    });
    expect(r.chains[0]?.decision.decisionId).toBe('run:MKT-A:5'); // newest first
    expect(r.chains.find((c) => c.decision.decisionId === 'run:MKT-A:1')?.orders[0]?.fills).toHaveLength(1);
  });

  it('in batch mode (no order events at all) judges no chain broken', () => {
    const r = buildChains(decisions, [], fills, []);
    expect(r.noOrderEvents).toBe(true);
    expect(r.counts.broken).toBe(0);
    expect(r.orphanFills).toEqual([]);
  });
});
