import { describe, expect, it } from 'vitest';
import { buildChains } from './chains.js';
import { decision, event, fill, order } from './test-fixtures.js';

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

describe('reconciliation chains, mode decided per run (contract §6.19)', () => {
  // Four runs of MKT-A in one range (run ids as the bot forms them):
  //   P 10:00 per-market: loop 1 places c1 → order A (filled); loop 2 changes targets and logs no
  //     placement (broken); loop 3 repeats loop 2's targets. Order Z fills at 10:05: no decision
  //     placed it — an orphan.
  //   B 11:00 batch: three decisions with changing targets, no order event at all; order Y fills
  //     at 11:01:30 — a batch run's fill has no placement chain, so it is not an orphan.
  //   Q 11:30 per-market: its first decision differs from B's last but has nothing of its own to
  //     compare with (a restart cancels every order); loop 2 changes targets and places c2.
  //   I 12:00 idle: one decision without targets. Order W fills at 12:05 — an orphan (an idle run
  //     is not a batch run).
  const P = '20260103-100000-aaaaaa';
  const B = '20260103-110000-bbbbbb';
  const Q = '20260103-113000-dddddd';
  const I = '20260103-120000-cccccc';
  const dec = (run: string, loop: number, at: string, bid: number | null) => ({
    ...decision({ at, runId: run, targets: bid === null ? [] : [{ side: 'bid', priceYes: bid, size: 5 }] }),
    decisionId: `${run}:MKT-A:${loop}`,
  });
  const ev = (run: string, loop: number, type: string, at: string, extra: Record<string, unknown> = {}) =>
    event({
      eventType: type,
      at,
      botRunId: run,
      decisionId: `${run}:MKT-A:${loop}`,
      side: 'bid',
      priceYes: 0.4,
      size: 5,
      ...extra,
    });
  const decisions = [
    dec(P, 1, '2026-01-03T10:00:10', 0.4),
    dec(P, 2, '2026-01-03T10:01:00', 0.41),
    dec(P, 3, '2026-01-03T10:02:00', 0.41),
    dec(B, 1, '2026-01-03T11:00:10', 0.42),
    dec(B, 2, '2026-01-03T11:01:00', 0.43),
    dec(B, 3, '2026-01-03T11:02:00', 0.44),
    dec(Q, 1, '2026-01-03T11:30:10', 0.45),
    dec(Q, 2, '2026-01-03T11:31:00', 0.46),
    dec(I, 1, '2026-01-03T12:00:10', null),
  ];
  const events = [
    ev(P, 1, 'ORDER_PLACE', '2026-01-03T10:00:10.1Z', { clientOrderId: 'c1' }),
    ev(P, 1, 'ORDER_RESULT', '2026-01-03T10:00:10.3Z', {
      clientOrderId: 'c1',
      status: 'ACCEPTED',
      orderId: 'A',
    }),
    ev(Q, 2, 'ORDER_PLACE', '2026-01-03T11:31:00.1Z', { clientOrderId: 'c2' }),
    ev(Q, 2, 'ORDER_RESULT', '2026-01-03T11:31:00.3Z', {
      clientOrderId: 'c2',
      status: 'ACCEPTED',
      orderId: 'C',
    }),
  ];
  const at = (orderId: string, t: string) => ({
    ...fill({ side: 'yes', price: 0.4, size: 5, at: t }),
    orderId,
  });
  const fills = [
    at('A', '2026-01-03T10:00:30Z'),
    at('Z', '2026-01-03T10:05:00Z'),
    at('Y', '2026-01-03T11:01:30Z'),
    at('W', '2026-01-03T12:05:00Z'),
  ];
  const live = [{ ...order({ side: 'yes', price: 0.46, size: 5 }), orderId: 'C' }];
  const r = buildChains(decisions, events, fills, live);
  const problems = new Map(r.chains.map((c) => [c.decision.decisionId, c.problems]));

  it('judges each run by its own events', () => {
    expect(
      r.runs.map((x) => [x.runId, x.mode, x.decisions, x.quotingDecisions, x.placements, x.fills]),
    ).toEqual([
      [P, 'per_market', 3, 3, 1, 2],
      [B, 'batch', 3, 3, 0, 1],
      [Q, 'per_market', 2, 2, 1, 0],
      [I, 'idle', 1, 0, 0, 1],
    ]);
    expect(r.runs[0]?.startMs).toBe(Date.UTC(2026, 0, 3, 10, 0, 0));
    expect(r.batchRuns).toEqual([B]);
    // Some runs placed orders: the range as a whole is not "no order events".
    expect(r.noOrderEvents).toBe(false);
  });

  it('never calls a batch run’s decisions broken; a per-market run’s still are', () => {
    expect(problems.get(`${P}:MKT-A:1`)).toEqual([]);
    expect(problems.get(`${P}:MKT-A:2`)).toEqual(['target_without_order']);
    expect(problems.get(`${P}:MKT-A:3`)).toEqual([]);
    for (const loop of [1, 2, 3]) expect(problems.get(`${B}:MKT-A:${loop}`)).toEqual([]);
    expect(problems.get(`${Q}:MKT-A:1`)).toEqual([]); // first of its run
    expect(problems.get(`${Q}:MKT-A:2`)).toEqual([]);
    expect(r.counts).toMatchObject({
      chains: 9,
      broken: 1,
      target_without_order: 1,
      fill_without_decision: 2,
    });
  });

  it('a run that placed orders for another market is per-market here too (§6.19: the run’s own events)', () => {
    // B placed nothing for MKT-A in the range, but the caller read an ORDER_PLACE of B run-wide:
    // its changed targets without a placement are broken links, and its fill an orphan.
    const known = buildChains(decisions, events, fills, live, { runsWithPlacements: new Set([B]) });
    expect(known.runs.find((x) => x.runId === B)?.mode).toBe('per_market');
    expect(known.batchRuns).toEqual([]);
    const byId = new Map(known.chains.map((c) => [c.decision.decisionId, c.problems]));
    expect(byId.get(`${B}:MKT-A:1`)).toEqual([]); // first of its run
    expect(byId.get(`${B}:MKT-A:2`)).toEqual(['target_without_order']);
    expect(byId.get(`${B}:MKT-A:3`)).toEqual(['target_without_order']);
    expect(known.orphanFills.map((f) => f.orderId).sort()).toEqual(['W', 'Y', 'Z']);
  });

  it('excuses only the fills made while a batch run was live', () => {
    expect(r.orphanFills.map((f) => f.orderId)).toEqual(['Z', 'W']);
  });

  it('says "no order events" only when every quoting run was a batch run', () => {
    const batchOnly = buildChains(decisions.slice(3, 6), [], fills.slice(2, 3), []);
    expect(batchOnly.noOrderEvents).toBe(true);
    expect(batchOnly.batchRuns).toEqual([B]);
    expect(batchOnly.counts.broken).toBe(0);
    expect(batchOnly.orphanFills).toEqual([]);
    // Only an idle run: nothing wanted a quote, so nothing is judged batch.
    const idle = buildChains(decisions.slice(8), [], [], []);
    expect(idle).toMatchObject({ noOrderEvents: false, batchRuns: [] });
  });

  it('judges no run it cannot read: decisions without any run id, and runs past the execution log’s TTL', () => {
    // Two decisions with neither bot_run_id nor decision id, inside P's span, targets changing.
    const bare = [
      { ...dec(P, 8, '2026-01-03T10:03:00', 0.47), decisionId: null, botRunId: null },
      { ...dec(P, 9, '2026-01-03T10:04:00', 0.48), decisionId: null, botRunId: null },
    ];
    const withBare = buildChains([...decisions, ...bare], events, fills, live);
    expect(withBare.runs.find((x) => x.runId === null)).toMatchObject({
      mode: 'unknown',
      unknownReason: 'no_run_id',
    });
    expect(withBare.batchRuns).toEqual([B]);
    expect(withBare.counts.broken).toBe(1); // still only P's loop 2
    // Z (10:05) still belongs to P, not to the id-less decisions: still an orphan.
    expect(withBare.orphanFills.map((f) => f.orderId)).toEqual(['Z', 'W']);
    // With events kept only since 11:15 (TTL), P's and B's absence of events proves nothing: both
    // are unknown, P's loop 2 is not judged and Z is no orphan; Q and I are judged as before.
    const expired = buildChains(decisions, events.slice(2), fills, live, {
      eventsKeptSinceMs: Date.UTC(2026, 0, 3, 11, 15),
    });
    expect(expired.runs.map((x) => [x.mode, x.unknownReason])).toEqual([
      ['unknown', 'events_expired'],
      ['unknown', 'events_expired'],
      ['per_market', null],
      ['idle', null],
    ]);
    expect(expired.batchRuns).toEqual([]);
    expect(expired.counts.broken).toBe(0);
    expect(expired.orphanFills.map((f) => f.orderId)).toEqual(['W']);
  });

  it('finds the run of decisions without bot_run_id from the decision id', () => {
    const bare = decisions.slice(3, 6).map((d) => ({ ...d, botRunId: null }));
    expect(buildChains(bare, [], [], []).batchRuns).toEqual([B]);
  });
});
