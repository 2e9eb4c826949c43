// The generator against the data contract: determinism, shapes of every era, and an independent
// replay of the trade log that must reproduce the bot's positions item.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIsoUtcMs } from '../core/time.js';
import { TABLE_BASES } from '../store/tables.js';
import { generateHistory, type GenerateResult } from './generate.js';
import { MANUAL_TICKER } from './markets.js';
import { contractProblems, priceCalcGeneration } from './testing/contract-shapes.js';
import type { Item } from './types.js';

const NOW_MS = Date.UTC(2026, 10, 25, 17, 30, 0);
// Other seeds can be checked with SIM_TEST_SEED=n (the invariants must hold for every seed).
const SEED = Number(process.env.SIM_TEST_SEED ?? 42);
let demo: GenerateResult;
let prod: GenerateResult;

beforeAll(() => {
  demo = generateHistory({ seed: SEED, env: 'demo', nowMs: NOW_MS });
  prod = generateHistory({ seed: SEED, env: 'prod', nowMs: NOW_MS });
});

// ---- an independent replay (not the simulator's code) -------------------------------------
interface Replayed {
  net: number;
  avgBuy: number;
  avgSell: number;
  realized: number;
}

function fillMs(t: Item): number {
  const ms = parseIsoUtcMs(String(t.fill_timestamp));
  if (ms === null) throw new Error(`bad fill_timestamp ${String(t.fill_timestamp)}`);
  return ms;
}

/** Dedup by fill_id (smallest sort key wins), order by fill time then fill_id. */
function orderedFills(trades: Item[]): Item[] {
  const byId = new Map<string, Item>();
  for (const t of [...trades].sort((a, b) =>
    String(a['timestamp#order_id']).localeCompare(String(b['timestamp#order_id'])),
  )) {
    if (!byId.has(String(t.fill_id))) byId.set(String(t.fill_id), t);
  }
  return [...byId.values()].sort(
    (a, b) => fillMs(a) - fillMs(b) || String(a.fill_id).localeCompare(String(b.fill_id)),
  );
}

function replay(fills: Item[], fee: (t: Item) => number): Map<string, Replayed> {
  const out = new Map<string, Replayed>();
  for (const t of fills) {
    const m = String(t.market_id);
    const s = out.get(m) ?? { net: 0, avgBuy: 0, avgSell: 0, realized: 0 };
    out.set(m, s);
    const p = Number(t.price);
    const c = Number(t.size);
    s.realized -= fee(t);
    if (t.side === 'yes') {
      if (s.net >= 0) {
        s.avgBuy = (s.avgBuy * s.net + p * c) / (s.net + c);
        s.net += c;
      } else {
        s.realized += Math.min(-s.net, c) * (s.avgSell - p);
        s.net += c;
        if (s.net > 0) s.avgBuy = p;
      }
    } else if (s.net <= 0) {
      s.avgSell = (s.avgSell * -s.net + p * c) / (-s.net + c);
      s.net -= c;
    } else {
      s.realized += Math.min(s.net, c) * (p - s.avgBuy);
      s.net -= c;
      if (s.net < 0) s.avgSell = p;
    }
  }
  return out;
}

const formulaFee = (t: Item): number => 0.0175 * Number(t.size) * Number(t.price) * (1 - Number(t.price));

function stateItem(r: GenerateResult, key: string): Item {
  const item = r.items.dora_state.find((i) => i.key === key);
  if (!item) throw new Error(`no ${key} state item`);
  return item;
}

function positionsOf(
  r: GenerateResult,
): Record<
  string,
  { net_yes_qty: number; avg_buy_price: number; avg_sell_price: number; realized_pnl: number }
> {
  return stateItem(r, 'positions').positions as never;
}

const decisions = (r: GenerateResult): Item[] =>
  r.items.dora_decision_log.filter((d) => d.market_id !== 'ALL');

// ---------------------------------------------------------------------------------------------

describe('generateHistory', () => {
  it('is deterministic: same seed and env ⇒ identical items and state', () => {
    const again = generateHistory({ seed: SEED, env: 'demo', nowMs: NOW_MS });
    expect(again.items).toStrictEqual(demo.items);
    expect(again.state).toStrictEqual(demo.state);
  });

  it('derives different data from a different env or seed', () => {
    expect(prod.items.dora_trade_log).not.toEqual(demo.items.dora_trade_log);
    expect(positionsOf(prod)).not.toEqual(positionsOf(demo));
    const other = generateHistory({ seed: 43, env: 'demo', nowMs: NOW_MS, days: 3, markets: 6 });
    const same = generateHistory({ seed: 42, env: 'demo', nowMs: NOW_MS, days: 3, markets: 6 });
    expect(other.items.dora_decision_log).not.toEqual(same.items.dora_decision_log);
  });

  it('fills every table, with realistic volumes', () => {
    for (const r of [demo, prod]) {
      for (const t of TABLE_BASES) expect(r.items[t].length, t).toBeGreaterThan(0);
      expect(r.items.dora_market_config).toHaveLength(25);
      expect(r.stats.counts.dora_trade_log).toBeGreaterThan(30 * 30);
      expect(r.stats.counts.dora_decision_log).toBeGreaterThan(20_000);
      expect(r.stats.counts.dora_execution_log).toBeGreaterThan(1_000);
      // Only the deliberate re-log (§5.8) overwrites an item.
      expect(r.stats.overwrites).toMatchObject({
        dora_decision_log: 0,
        dora_execution_log: 0,
        dora_trade_log: 1,
      });
    }
  });

  it('writes every item with exactly the attributes and types of the contract', () => {
    for (const r of [demo, prod]) {
      const problems = TABLE_BASES.flatMap((t) =>
        r.items[t].flatMap((item, i) => contractProblems(t, item, i)),
      );
      expect(problems.slice(0, 20)).toEqual([]);
    }
  });

  it('positions equal an independent replay of the deduplicated trade log (current fee formula)', () => {
    for (const r of [demo, prod]) {
      const replayed = replay(orderedFills(r.items.dora_trade_log), formulaFee);
      const positions = positionsOf(r);
      for (const [m, s] of replayed) {
        const p = positions[m];
        expect(p, m).toBeDefined();
        if (!p) continue;
        expect(p.net_yes_qty, m).toBe(s.net);
        expect(Math.abs(p.realized_pnl - s.realized), m).toBeLessThan(1e-9);
        expect(Math.abs(p.avg_buy_price - s.avgBuy), m).toBeLessThan(1e-9);
        expect(Math.abs(p.avg_sell_price - s.avgSell), m).toBeLessThan(1e-9);
      }
      // Markets the bot touched without ever filling hold zero entries.
      for (const [m, p] of Object.entries(positions))
        if (!replayed.has(m))
          expect(p).toEqual({ net_yes_qty: 0, avg_buy_price: 0, avg_sell_price: 0, realized_pnl: 0 });
      expect(Object.values(positions).some((p) => p.net_yes_qty === 0 && p.realized_pnl === 0)).toBe(true);
    }
  });

  it('replaying stored fees (metrics rule) differs from positions by exactly the old regimes’ fee differences', () => {
    const fills = orderedFills(demo.items.dora_trade_log);
    const stored = replay(fills, (t) => (typeof t.fees === 'number' ? t.fees : formulaFee(t)));
    const bot = replay(fills, formulaFee);
    let differs = 0;
    for (const [m, s] of stored) {
      const gap = fills
        .filter((t) => t.market_id === m)
        .reduce((a, t) => a + formulaFee(t) - (typeof t.fees === 'number' ? t.fees : formulaFee(t)), 0);
      expect(Math.abs(s.realized - (bot.get(m)?.realized ?? NaN) - gap), m).toBeLessThan(1e-9);
      if (Math.abs(gap) > 1e-6) differs++;
    }
    expect(differs).toBeGreaterThan(0);
  });

  it('every decision’s inventory is the position replayed from fills before it', () => {
    for (const r of [demo, prod]) {
      const fills = orderedFills(r.items.dora_trade_log);
      const byMarket = new Map<string, Item[]>();
      for (const f of fills)
        byMarket.set(String(f.market_id), [...(byMarket.get(String(f.market_id)) ?? []), f]);
      const ds = decisions(r).sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
      const cursor = new Map<string, { i: number; net: number }>();
      let checked = 0;
      for (const d of ds) {
        const m = String(d.market_id);
        const list = byMarket.get(m) ?? [];
        const c = cursor.get(m) ?? { i: 0, net: 0 };
        cursor.set(m, c);
        const dMs = parseIsoUtcMs(String(d.timestamp)) ?? NaN;
        while (c.i < list.length && fillMs(list[c.i] as Item) <= dMs) {
          const f = list[c.i] as Item;
          c.net += f.side === 'yes' ? Number(f.size) : -Number(f.size);
          c.i++;
        }
        const inv = d.inventory as Record<string, number>;
        expect(inv.net_yes_qty ?? inv.net, `${m} @ ${String(d.timestamp)}`).toBe(c.net);
        checked++;
      }
      expect(checked).toBeGreaterThan(20_000);
    }
  });

  it('decision keys: unique, date = UTC date of the timestamp except one midnight straddle', () => {
    for (const r of [demo, prod]) {
      const all = r.items.dora_decision_log;
      expect(new Set(all.map((d) => `${String(d.date)}|${String(d.timestamp)}`)).size).toBe(all.length);
      const straddles = all.filter((d) => d.date !== String(d.timestamp).slice(0, 10));
      expect(straddles).toHaveLength(1);
      const s = straddles[0] as Item;
      expect(String(s.timestamp)).toMatch(/T00:00:00\.0000\d\d$/);
      // Fractions are omitted when microseconds are 0 (Python isoformat).
      expect(all.every((d) => !String(d.timestamp).endsWith('.000000'))).toBe(true);
    }
  });

  it('writes each era’s shape, oldest first', () => {
    const ds = decisions(demo);
    const first = (pred: (d: Item) => boolean) =>
      ds
        .filter(pred)
        .map((d) => String(d.timestamp))
        .sort()[0] ?? '';
    const last = (pred: (d: Item) => boolean) =>
      ds
        .filter(pred)
        .map((d) => String(d.timestamp))
        .sort()
        .pop() ?? '';
    const noIds = (d: Item) => !('decision_id' in d);
    const split = (d: Item) => 'yes_qty' in (d.inventory as object);
    const noPc = (d: Item) => !('price_calc' in d);
    const gen = (n: number) => (d: Item) =>
      'price_calc' in d && priceCalcGeneration(d.price_calc as never) === n;
    const noLevels = (d: Item) => !('top_bids' in (d.order_book_snapshot as object));
    const noRecent = (d: Item) => !('recent_trades' in d);
    const zeroed = (d: Item) =>
      Array.isArray(d.recent_trades) &&
      d.recent_trades.length > 0 &&
      (d.recent_trades as Item[]).every((t) => t.price === 0 && t.size === 0 && t.timestamp === '');
    for (const pred of [noIds, split, noPc, gen(0), gen(1), gen(2), gen(3), noLevels, noRecent, zeroed])
      expect(ds.some(pred)).toBe(true);
    expect(last(split) < first((d) => !split(d) && noIds(d)) || !ds.some((d) => !split(d) && noIds(d))).toBe(
      true,
    );
    expect(last(noIds) < first((d) => !noIds(d))).toBe(true);
    expect(last(noPc) < first(gen(1))).toBe(true);
    expect(last(gen(1)) < first(gen(2))).toBe(true);
    expect(last(gen(2)) < first(gen(3))).toBe(true);
    expect(last(noLevels) < first(zeroed)).toBe(true);
    expect(last(zeroed) < first(gen(3))).toBe(true);
    // prod never had the demo-only split inventory.
    expect(decisions(prod).some(split)).toBe(false);
    // Current-era decisions make up the bulk (the newest ~80 % of the window).
    expect(ds.filter(gen(3)).length + ds.filter(gen(0)).length).toBeGreaterThan(ds.length * 0.7);
  });

  it('writes each era’s trade items: no type, naive log-time keys, log dates, fee regimes', () => {
    const ts = demo.items.dora_trade_log;
    const key = (t: Item) => String(t['timestamp#order_id']);
    const naiveKey = ts.filter((t) => !key(t).split('#')[0]?.endsWith('+00:00'));
    expect(ts.some((t) => !('type' in t))).toBe(true);
    expect(naiveKey.length).toBeGreaterThan(10);
    for (const t of naiveKey)
      expect(parseIsoUtcMs(key(t).split('#')[0] ?? '') ?? 0).toBeGreaterThan(fillMs(t));
    for (const t of ts.filter((x) => !naiveKey.includes(x)))
      expect(key(t)).toBe(`${String(t.fill_timestamp)}#${String(t.order_id)}`);
    // A fill just before midnight whose old-era item sits in the next day's partition.
    const logDated = ts.filter((t) => t.date !== String(t.fill_timestamp).slice(0, 10));
    expect(logDated.length).toBeGreaterThanOrEqual(1);
    for (const t of logDated) expect(String(t.date)).toBe(key(t).slice(0, 10));
    // Fee regimes: absent once, Kalshi's 0, ceil-to-cent, and the unrounded formula.
    expect(ts.filter((t) => !('fees' in t))).toHaveLength(1);
    expect(ts.some((t) => t.fees === 0)).toBe(true);
    expect(
      ts.some((t) => typeof t.fees === 'number' && t.fees > 0 && Math.abs(t.fees - formulaFee(t)) > 1e-12),
    ).toBe(true);
    // Fill-time keyed items (from 23:16): Kalshi's fee field until 23:48, the short ceil-to-cent
    // regime, then the unrounded formula for good.
    const fillKeyed = ts.filter((t) => key(t).includes('+00:00') && t.reconciled_at_startup !== true);
    const ceilCent = (t: Item) => Math.ceil(formulaFee(t) * 100) / 100;
    expect(fillKeyed.every((t) => t.fees === formulaFee(t) || t.fees === ceilCent(t) || t.fees === 0)).toBe(
      true,
    );
    const lastCeil = Math.max(...fillKeyed.filter((t) => t.fees !== formulaFee(t)).map(fillMs));
    expect(lastCeil).toBeGreaterThan(0);
    expect(lastCeil).toBeLessThan(NOW_MS - 20 * 86_400_000);
    expect(
      ts
        .filter((t) => fillMs(t) > lastCeil && t.reconciled_at_startup !== true)
        .every((t) => t.fees === formulaFee(t)),
    ).toBe(true);
  });

  it('writes the fill-log edge cases: backfills, a duplicated fill_id, a long→short flip', () => {
    const ts = demo.items.dora_trade_log;
    const backfills = ts.filter((t) => t.reconciled_at_startup === true);
    expect(backfills.length).toBeGreaterThan(2);
    expect(backfills.every((t) => t.pnl_realized === 0)).toBe(true);
    const byId = new Map<string, Item[]>();
    for (const t of ts) byId.set(String(t.fill_id), [...(byId.get(String(t.fill_id)) ?? []), t]);
    const dups = [...byId.values()].filter((l) => l.length > 1);
    expect(dups.length).toBeGreaterThanOrEqual(1);
    for (const l of dups) expect(new Set(l.map((t) => t['timestamp#order_id'])).size).toBe(l.length);
    // A flip in one fill: sign of the replayed net changes across a single fill.
    const nets = new Map<string, number>();
    let flips = 0;
    for (const t of orderedFills(ts)) {
      const m = String(t.market_id);
      const before = nets.get(m) ?? 0;
      const after = before + (t.side === 'yes' ? 1 : -1) * Number(t.size);
      if (before > 0 && after < 0) flips++;
      nets.set(m, after);
    }
    expect(flips).toBeGreaterThan(0);
    // Type and side always agree.
    expect(ts.every((t) => !('type' in t) || (t.side === 'yes') === (t.type === 'bid'))).toBe(true);
  });

  it('covers the market and state edge cases', () => {
    const configs = demo.items.dora_market_config;
    expect(configs.filter((c) => c.enabled === false).length).toBeGreaterThanOrEqual(3);
    expect(configs.some((c) => c.enabled === false && 'disabled_reason' in c && 'disabled_at' in c)).toBe(
      true,
    );
    expect(configs.some((c) => c.enabled === false && !('disabled_reason' in c))).toBe(true);
    expect(configs.some((c) => !('created_at' in c))).toBe(true);
    expect(configs.some((c) => c.event_ticker === '')).toBe(true);
    expect(configs.some((c) => !('event_ticker' in c))).toBe(true);
    const positions = positionsOf(demo);
    expect(positions[MANUAL_TICKER]).toBeDefined();
    expect(configs.some((c) => c.market_id === MANUAL_TICKER)).toBe(false);
    // Settled markets: no decisions after the price ran to 0.99 / 0.01, the position stays.
    const ds = decisions(demo);
    const settled = ['KXFEDDECISION-26DEC-H25', 'KXPLANETFITNESSSUBS-26JAN'];
    for (const m of settled) {
      const mine = ds
        .filter((d) => d.market_id === m)
        .sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
      expect(mine.length).toBeGreaterThan(100);
      expect(parseIsoUtcMs(String(mine[mine.length - 1]?.timestamp)) ?? NaN).toBeLessThan(
        NOW_MS - 2 * 86_400_000,
      );
    }
    expect(settled.some((m) => (positions[m]?.net_yes_qty ?? 0) !== 0)).toBe(true);
    const errors = stateItem(demo, 'api_errors').errors as Record<string, Item>;
    expect(errors['KXPLANETFITNESSSUBS-26JAN']).toMatchObject({
      last_error_code: 'not_found',
      last_status_code: 404,
    });
    expect(Number(errors['KXPLANETFITNESSSUBS-26JAN']?.count)).toBeGreaterThan(100);
    // Empty book sides use the sentinels and empty level lists.
    expect(
      ds.some(
        (d) =>
          (d.order_book_snapshot as Item).best_bid === 0 &&
          Array.isArray((d.order_book_snapshot as Item).top_bids) &&
          ((d.order_book_snapshot as Item).top_bids as Item[]).length === 0,
      ),
    ).toBe(true);
    expect(ds.some((d) => (d.order_book_snapshot as Item).best_ask === 1)).toBe(true);
    // Float artifacts survive in targets and spreads.
    expect(ds.some((d) => (d.target_quotes as Item[]).some((q) => String(q.price).length > 6))).toBe(true);
    expect(ds.some((d) => String((d.order_book_snapshot as Item).spread).length > 8)).toBe(true);
    // open_orders: exchange-sourced (null ids, clean price) and/or local (decision id, pending).
    const orders = Object.values(stateItem(demo, 'open_orders').orders as Record<string, Item>);
    expect(orders.length).toBeGreaterThan(5);
    for (const o of orders)
      expect(o.status === 'pending' ? typeof o.decision_id === 'string' : o.decision_id === null).toBe(true);
    const risk = stateItem(demo, 'risk_state');
    expect(risk.trading_halted).toBe(false);
    expect(Number(risk.daily_pnl)).toBeGreaterThan(-100);
  });

  it('writes system decisions: a startup_cancel per run that found open orders, one risk halt, one fatal cleanup', () => {
    const all = demo.items.dora_decision_log.filter((d) => d.market_id === 'ALL');
    const startups = all.filter((d) => d.reason === 'startup_cancel');
    expect(startups.length).toBeGreaterThanOrEqual(3);
    for (const s of startups)
      expect(String(s.decision_id)).toMatch(
        new RegExp(`^${String(s.bot_run_id)}:startup_cancel:\\d{8}-\\d{6}$`),
      );
    // The bot writes the record only when the exchange had open orders (contract §6.17).
    for (const s of startups) expect(Number(s.open_orders_count)).toBeGreaterThan(0);
    const halts = all.filter((d) => d.reason === 'risk_halt_cancel');
    expect(halts).toHaveLength(1);
    expect(halts[0]).toMatchObject({ halt_reason: expect.any(String), daily_pnl: expect.any(Number) });
    const fatals = all.filter((d) => d.reason === 'fatal_error_cleanup_cancel');
    expect(fatals).toHaveLength(1);
    // Every run of the system-record era has its startup record exactly when it found orders; a
    // run after a halt or a fatal error starts flat and has none.
    const startupRuns = new Set(startups.map((s) => String(s.bot_run_id)));
    const runs = demo.runs.filter((r) => r.runId >= String(startups[0]?.bot_run_id));
    expect(runs.length).toBeGreaterThan(3);
    for (const r of runs) expect(startupRuns.has(r.runId), r.runId).toBe(r.startupOrders > 0);
    const cleanupRuns = new Set([...halts, ...fatals].map((d) => String(d.bot_run_id)));
    const afterCleanup = demo.runs.filter((_, i) => i > 0 && cleanupRuns.has(demo.runs[i - 1]?.runId ?? ''));
    expect(afterCleanup).toHaveLength(2);
    for (const r of afterCleanup) expect(startupRuns.has(r.runId), r.runId).toBe(false);
  });

  it('writes execution events with realistic outcomes, latencies and TTLs', () => {
    const es = demo.items.dora_execution_log;
    const kinds = new Set(es.map((e) => `${String(e.event_type)}:${String(e.status ?? '')}`));
    for (const k of [
      'ORDER_PLACE:',
      'ORDER_CANCEL:',
      'FILL:',
      'ORDER_RESULT:ACCEPTED',
      'ORDER_RESULT:REJECTED',
      'ORDER_RESULT:ERROR',
      'ORDER_RESULT:CANCELLED',
      'ORDER_RESULT:ALREADY_GONE',
    ]) {
      expect(kinds.has(k), k).toBe(true);
    }
    for (const e of es) {
      const eventMs = parseIsoUtcMs(String(e.event_ts)) ?? NaN;
      expect(Number(e.expires_at)).toBe(Math.floor(eventMs / 1000) + 30 * 86_400);
      expect('market_id' in e).toBe(false);
      expect(eventMs).toBeGreaterThan(NOW_MS - 2.1 * 86_400_000);
    }
    const lat = es
      .filter((e) => typeof e.latency_ms === 'number')
      .map((e) => Number(e.latency_ms))
      .sort((a, b) => a - b);
    const q = (p: number) => lat[Math.floor((lat.length - 1) * p)] ?? NaN;
    expect(q(0)).toBeGreaterThanOrEqual(100);
    expect(q(0.5)).toBeLessThan(q(0.95));
    expect(q(0.95) - q(0.5)).toBeLessThan(q(1) - q(0.95)); // right-skewed tail
    // ORDER_PLACE and its placement ORDER_RESULT are 1:1.
    const places = es.filter((e) => e.event_type === 'ORDER_PLACE').length;
    const results = es.filter((e) => e.event_type === 'ORDER_RESULT' && 'side' in e).length;
    expect(results).toBe(places);
  });

  it('with eras off, writes only current-era shapes', () => {
    const r = generateHistory({ seed: 5, env: 'prod', nowMs: NOW_MS, days: 4, markets: 8, eras: false });
    for (const d of decisions(r)) {
      expect(priceCalcGeneration(d.price_calc as never)).toBeGreaterThanOrEqual(0);
      expect([0, 3]).toContain(priceCalcGeneration(d.price_calc as never));
      expect(d.decision_id).toEqual(expect.any(String));
    }
    expect(
      r.items.dora_trade_log.every(
        (t) => 'type' in t && String(t['timestamp#order_id']).startsWith(String(t.fill_timestamp)),
      ),
    ).toBe(true);
  });
});
