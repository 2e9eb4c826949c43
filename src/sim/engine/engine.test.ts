// The bot's process steps one at a time, on the state a small history ends with: what a shutdown
// save lists, what the next startup cancels, batch mode's saves and silence, the api_errors count
// of the 404 market, and the positions map rebuilt at startup (contract §2.2, §6.13, §6.20).
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../generate.js';
import { MS_US, SECOND_US } from '../format.js';
import { ListSink } from '../sink.js';
import type { Item, SimState } from '../types.js';
import { makeCtx, type BotCtx } from './context.js';
import { runLoop } from './loop.js';
import { endRun, startRun } from './run.js';
import { saveState } from './save.js';

const NOW_MS = Date.UTC(2026, 10, 20, 15, 30);

function freshState(seed = 7): SimState {
  return generateHistory({ seed, env: 'demo', nowMs: NOW_MS, markets: 6, days: 3 }).state;
}

function setup(seed = 7): { ctx: BotCtx; sink: ListSink } {
  const sink = new ListSink();
  const state = structuredClone(freshState(seed));
  // Fills every few minutes, so that orders move.
  state.fillRateMultiplier = 20;
  return { ctx: makeCtx(state, sink, null), sink };
}

const puts = (sink: ListSink, table: string): Item[] =>
  sink.list.filter((p) => p.table === table).map((p) => p.item);
const lastState = (sink: ListSink, key: string): Item | undefined =>
  puts(sink, 'dora_state')
    .filter((i) => i.key === key)
    .pop();

/** Runs loops 60 s apart until `done` holds (or `max` loops). */
function loopUntil(ctx: BotCtx, fromLoop: number, max: number, done: () => boolean): number {
  const run = ctx.state.run;
  if (!run) throw new Error('no run');
  let loop = fromLoop;
  for (; loop < fromLoop + max; loop++) {
    runLoop(ctx, loop * 12);
    if (done()) return loop * 12;
  }
  throw new Error('condition never met');
}

describe('bot process steps', () => {
  it('a shutdown save lists orders cancelled in the last loop; the next startup logs them ALREADY_GONE', () => {
    const { ctx, sink } = setup();
    startRun(ctx, ctx.state.clockUs + 60 * SECOND_US, { botVersion: 'ed4a2b3', loopMs: 5000 });
    // A loop in which some market cancels an order and places a new one.
    const ghosts = () => ctx.state.markets.flatMap((m) => m.dyn.ghosts ?? []);
    loopUntil(ctx, 0, 400, () => ghosts().length > 0);
    const ghostIds = ghosts().map((o) => o.orderId);
    const cancelled = puts(sink, 'dora_execution_log').filter(
      (e) => e.event_type === 'ORDER_RESULT' && ghostIds.includes(String(e.order_id)) && !('side' in e),
    );
    expect(cancelled.map((e) => e.order_id).sort()).toEqual([...ghostIds].sort());
    const stopUs = ctx.state.clockUs + SECOND_US;
    endRun(ctx, stopUs, 'restart');
    const saved = lastState(sink, 'open_orders');
    const listed = Object.keys(saved?.orders as Record<string, Item>);
    for (const id of ghostIds) expect(listed).toContain(id);
    // The ghosts are listed as exchange copies: no decision id, resting.
    for (const id of ghostIds)
      expect((saved?.orders as Record<string, Item>)[id]).toMatchObject({
        decision_id: null,
        status: 'resting',
      });
    const resting = ctx.state.markets.reduce((n, m) => n + (m.dyn.bid ? 1 : 0) + (m.dyn.ask ? 1 : 0), 0);

    sink.list.length = 0;
    startRun(ctx, stopUs + 5 * 60 * SECOND_US, { botVersion: 'ed4a2b3', loopMs: 5000 });
    const record = puts(sink, 'dora_decision_log').find((d) => d.reason === 'startup_cancel');
    expect(record).toBeDefined();
    const events = puts(sink, 'dora_execution_log').filter((e) => e.decision_id === record?.decision_id);
    const gone = events.filter((e) => e.status === 'ALREADY_GONE').map((e) => String(e.order_id));
    for (const id of ghostIds) expect(gone).toContain(id);
    // It counted everything the exchange listed: resting orders (minus fills while down) and ghosts.
    expect(Number(record?.open_orders_count)).toBe(
      events.filter((e) => e.event_type === 'ORDER_CANCEL').length,
    );
    expect(Number(record?.open_orders_count)).toBeLessThanOrEqual(resting + ghostIds.length);
    expect(Number(record?.open_orders_count)).toBeGreaterThanOrEqual(ghostIds.length);
  });

  it('starts flat after a risk halt: no startup record, the halt save still lists the cancelled orders', () => {
    const { ctx, sink } = setup();
    startRun(ctx, ctx.state.clockUs + 60 * SECOND_US, { botVersion: 'ed4a2b3', loopMs: 5000 });
    runLoop(ctx, 0);
    const held = ctx.state.markets.flatMap((m) => [m.dyn.bid, m.dyn.ask]).filter((o) => o !== null);
    expect(held.length).toBeGreaterThan(0);
    const haltUs = ctx.state.clockUs + SECOND_US;
    endRun(ctx, haltUs, 'risk_halt');
    const halt = puts(sink, 'dora_decision_log').find((d) => d.reason === 'risk_halt_cancel');
    expect(halt).toBeDefined();
    const cancels = puts(sink, 'dora_execution_log').filter(
      (e) => e.decision_id === halt?.decision_id && e.event_type === 'ORDER_CANCEL',
    );
    expect(cancels.map((e) => e.order_id).sort()).toEqual(held.map((o) => o?.orderId).sort());
    const saved = lastState(sink, 'open_orders');
    expect(Object.keys(saved?.orders as object).sort()).toEqual(held.map((o) => o?.orderId).sort());

    sink.list.length = 0;
    startRun(ctx, haltUs + 40 * 60 * SECOND_US, { botVersion: 'ed4a2b3', loopMs: 5000 });
    expect(puts(sink, 'dora_decision_log').filter((d) => d.market_id === 'ALL')).toEqual([]);
    expect(puts(sink, 'dora_execution_log')).toEqual([]);
    // The startup save: nothing open.
    expect(lastState(sink, 'open_orders')?.orders).toEqual({});
  });

  it('batch mode: decisions every loop, no ORDER_* events, state saved every loop, ids only on this loop’s placements, no api_errors', () => {
    const { ctx, sink } = setup();
    startRun(ctx, ctx.state.clockUs + 60 * SECOND_US, { botVersion: 'ed4a2b3', loopMs: 5000, mode: 'batch' });
    // The startup found orders: a record, but the batch cancel logs nothing.
    const record = puts(sink, 'dora_decision_log').find((d) => d.reason === 'startup_cancel');
    expect(Number(record?.open_orders_count)).toBeGreaterThan(0);
    expect(puts(sink, 'dora_execution_log')).toEqual([]);
    const runId = ctx.state.run?.runId ?? '';
    for (let i = 0; i < 6; i++) {
      const loop = i * 12;
      const before = puts(sink, 'dora_state').filter((s) => s.key === 'open_orders').length;
      runLoop(ctx, loop);
      const saves = puts(sink, 'dora_state').filter((s) => s.key === 'open_orders');
      expect(saves.length).toBe(before + 1);
      const orders = Object.values((saves.pop()?.orders ?? {}) as Record<string, Item>);
      expect(orders.length).toBeGreaterThan(0);
      for (const o of orders) {
        expect(o.status).toBe('resting');
        // Kalshi's clean price for every order; ids only on what this loop placed.
        expect(String(o.price)).toBe(String(Math.round(Number(o.price) * 100) / 100));
        if (o.decision_id !== null) {
          expect(String(o.decision_id)).toMatch(new RegExp(`^${runId}:[^:]+:${loop}$`));
          expect(o.client_order_id).toMatch(/^[0-9a-f]{16}$/);
        } else expect(o.client_order_id).toBeNull();
      }
      expect(lastState(sink, 'api_errors')?.errors).toEqual({});
    }
    const decisions = puts(sink, 'dora_decision_log').filter((d) => d.market_id !== 'ALL');
    expect(decisions.length).toBeGreaterThan(6);
    expect(decisions.every((d) => String(d.decision_id).startsWith(`${runId}:`))).toBe(true);
    expect(puts(sink, 'dora_execution_log').filter((e) => e.event_type !== 'FILL')).toEqual([]);
  });

  it('per-market mode: the 404 market’s api_errors count grows with every loop and restarts with the run', () => {
    const { ctx, sink } = setup();
    const errorsOf = () => lastState(sink, 'api_errors')?.errors as Record<string, Item>;
    startRun(ctx, ctx.state.clockUs + 60 * SECOND_US, { botVersion: 'ed4a2b3', loopMs: 5000 });
    expect(errorsOf()).toEqual({});
    const counts: number[] = [];
    for (const loop of [0, 1, 13, 40]) {
      const endUs = runLoop(ctx, loop);
      saveState(ctx, endUs + 3 * MS_US);
      const notFound = Object.values(errorsOf()).filter((e) => e.last_status_code === 404);
      expect(notFound).toHaveLength(1);
      counts.push(Number(notFound[0]?.count));
    }
    // One error per loop, also for the loops the simulation skips.
    expect(counts).toEqual([1, 2, 14, 41]);
    endRun(ctx, ctx.state.clockUs + SECOND_US, 'restart');
    startRun(ctx, ctx.state.clockUs + 60 * SECOND_US, { botVersion: 'ed4a2b3', loopMs: 5000 });
    expect(errorsOf()).toEqual({});
  });

  it('positions are rebuilt at startup: zero entries drop out until the bot touches the market again', () => {
    const { ctx, sink } = setup();
    startRun(ctx, ctx.state.clockUs + 60 * SECOND_US, { botVersion: 'ed4a2b3', loopMs: 5000 });
    // A market the bot quotes but that never filled: the exiting role's ±25¢ quotes, or a new one.
    const quiet = ctx.state.markets.find((m) => m.spec.role === 'normal' && m.spec.disabledAtUs === null);
    expect(quiet).toBeDefined();
    if (!quiet) return;
    const ticker = quiet.spec.ticker;
    // Pretend it never filled: its entry is the zero entry of a first touch.
    ctx.state.positions[ticker] = { netYesQty: 0, avgBuyPrice: 0, avgSellPrice: 0, realizedPnlUsd: 0 };
    endRun(ctx, ctx.state.clockUs + SECOND_US, 'restart');
    startRun(ctx, ctx.state.clockUs + 60 * SECOND_US, { botVersion: 'ed4a2b3', loopMs: 5000 });
    const atStartup = lastState(sink, 'positions')?.positions as Record<string, Item>;
    expect(atStartup[ticker]).toBeUndefined();
    // Markets with fills keep their entries.
    expect(Object.keys(atStartup).length).toBeGreaterThan(0);
    const endUs = runLoop(ctx, 0);
    saveState(ctx, endUs + 3 * MS_US);
    const afterTouch = lastState(sink, 'positions')?.positions as Record<string, Item>;
    expect(afterTouch[ticker]).toEqual({
      net_yes_qty: 0,
      avg_buy_price: 0,
      avg_sell_price: 0,
      realized_pnl: 0,
    });
  });
});
