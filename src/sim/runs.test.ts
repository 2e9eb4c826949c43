// Bot runs as the real bot writes them (contract §6.13, §6.17–6.20, issue 15): a startup_cancel
// record only when orders rested, restarts several times a day, a batch-mode run, a market
// disabled between runs, the 404 market, and the §6.20 behaviours. Checked from the items alone
// (as a reader sees them) on the default history and on small histories of several seeds.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIsoUtcMs } from '../core/time.js';
import { generateHistory, type GenerateOptions, type GenerateResult } from './generate.js';
import { multiRunFixture, type MultiRunFixture } from './testing/multi-run-fixture.js';
import type { Item } from './types.js';

const NOW_MS = Date.UTC(2026, 10, 25, 17, 30, 0);
const DAY_MS = 86_400_000;

interface RunView {
  runId: string;
  /** From the id: YYYYMMDD-HHMMSS (UTC). */
  startMs: number;
  decisions: Item[];
  firstMs: number;
  lastMs: number;
  markets: Set<string>;
  events: Item[];
  system: Item[];
}

interface HistoryView {
  name: string;
  gen: GenerateResult;
  /** Runs with any item, oldest first. */
  runs: RunView[];
  executionFromMs: number;
  configs: Map<string, Item>;
  trades: Item[];
  state: (key: string) => Item;
}

const ms = (iso: unknown): number => {
  const v = parseIsoUtcMs(String(iso));
  if (v === null) throw new Error(`bad time ${String(iso)}`);
  return v;
};

function runStartMs(runId: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-[0-9a-f]{6}$/.exec(runId);
  if (!m) throw new Error(`bad run id ${runId}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function view(name: string, gen: GenerateResult, options: GenerateOptions): HistoryView {
  const byRun = new Map<string, RunView>();
  const get = (runId: string): RunView => {
    let r = byRun.get(runId);
    if (!r) {
      r = {
        runId,
        startMs: runStartMs(runId),
        decisions: [],
        firstMs: Infinity,
        lastMs: -Infinity,
        markets: new Set(),
        events: [],
        system: [],
      };
      byRun.set(runId, r);
    }
    return r;
  };
  for (const d of gen.items.dora_decision_log) {
    if (typeof d.bot_run_id !== 'string') continue;
    const r = get(d.bot_run_id);
    if (d.market_id === 'ALL') {
      r.system.push(d);
      continue;
    }
    r.decisions.push(d);
    r.markets.add(String(d.market_id));
    r.firstMs = Math.min(r.firstMs, ms(d.timestamp));
    r.lastMs = Math.max(r.lastMs, ms(d.timestamp));
  }
  for (const e of gen.items.dora_execution_log) get(String(e.bot_run_id)).events.push(e);
  const days = options.executionLogDays ?? 2;
  return {
    name,
    gen,
    runs: [...byRun.values()].sort((a, b) => a.runId.localeCompare(b.runId)),
    executionFromMs: options.nowMs - days * DAY_MS,
    configs: new Map(gen.items.dora_market_config.map((c) => [String(c.market_id), c])),
    trades: gen.items.dora_trade_log,
    state: (key) => {
      const item = gen.items.dora_state.find((s) => s.key === key);
      if (!item) throw new Error(`no ${key}`);
      return item;
    },
  };
}

const startupRecord = (r: RunView): Item | undefined => r.system.find((d) => d.reason === 'startup_cancel');
const isSystemId = (id: unknown): boolean =>
  /:(startup_cancel|halt_cancel|fatal_cleanup_cancel):\d{8}-\d{6}$/.test(String(id));
const inWindow = (h: HistoryView) => h.runs.filter((r) => r.startMs >= h.executionFromMs);

let histories: HistoryView[];
let fixture: MultiRunFixture;

beforeAll(() => {
  const specs: [string, GenerateOptions][] = [
    ['default 25×30 seed 42', { seed: 42, env: 'demo', nowMs: NOW_MS }],
    ['6×3 seed 3', { seed: 3, env: 'prod', nowMs: NOW_MS, markets: 6, days: 3 }],
    ['8×6 seed 9', { seed: 9, env: 'demo', nowMs: NOW_MS, markets: 8, days: 6 }],
    ['10×2 seed 5 eras off', { seed: 5, env: 'demo', nowMs: NOW_MS, markets: 10, days: 2, eras: false }],
  ];
  histories = specs.map(([name, o]) => view(name, generateHistory(o), o));
  fixture = multiRunFixture();
  histories.push(view('multiRunFixture()', fixture, fixture.options));
});

describe('bot runs as the bot writes them', () => {
  it('writes the startup_cancel record (and its cancels) only when orders rested; flat starts write none', () => {
    for (const h of histories) {
      const recent = inWindow(h);
      const flat = recent.filter((r) => !startupRecord(r) && r.decisions.length > 0);
      const busy = recent.filter((r) => startupRecord(r) !== undefined && r.decisions.length > 0);
      expect(flat.length, h.name).toBeGreaterThanOrEqual(1);
      expect(busy.length, h.name).toBeGreaterThanOrEqual(2);
      for (const r of h.runs) {
        const rec = startupRecord(r);
        if (!rec) continue;
        // Never a record of zero orders.
        expect(Number(rec.open_orders_count), `${h.name} ${r.runId}`).toBeGreaterThan(0);
        expect(String(rec.decision_id)).toMatch(new RegExp(`^${r.runId}:startup_cancel:\\d{8}-\\d{6}$`));
        const id = String(rec.decision_id);
        const cancels = r.events.filter((e) => e.decision_id === id && e.event_type === 'ORDER_CANCEL');
        const results = r.events.filter((e) => e.decision_id === id && e.event_type === 'ORDER_RESULT');
        expect(results.length).toBe(cancels.length);
        // Per-market runs inside the window log one cancel per order it counted.
        if (r.startMs >= h.executionFromMs && r.events.some((e) => e.event_type === 'ORDER_PLACE'))
          expect(cancels.length, `${h.name} ${r.runId}`).toBe(Number(rec.open_orders_count));
      }
      // A flat start follows a run that cancelled everything itself (risk halt or fatal error).
      for (const r of flat) {
        const prev = h.runs[h.runs.indexOf(r) - 1];
        // (The history's first run has nothing before it.)
        if (h.runs.indexOf(r) === 0) continue;
        expect(
          prev?.system.some(
            (d) => d.reason === 'risk_halt_cancel' || d.reason === 'fatal_error_cleanup_cancel',
          ),
          `${h.name} ${r.runId}`,
        ).toBe(true);
      }
    }
  });

  it("cancels at startup each order under the system id with the order's own ticker, a disabled market's included", () => {
    for (const h of histories) {
      // Which market each order belongs to, from its placement or its fills.
      const marketOf = new Map<string, string>();
      for (const e of h.gen.items.dora_execution_log)
        if (e.event_type === 'ORDER_RESULT' && e.status === 'ACCEPTED')
          marketOf.set(String(e.order_id), String(e.market));
      for (const t of h.trades) marketOf.set(String(t.order_id), String(t.market_id));
      let disabledSeen = 0;
      for (const r of inWindow(h)) {
        const rec = startupRecord(r);
        if (!rec) continue;
        const cancels = r.events.filter(
          (e) => e.decision_id === rec.decision_id && e.event_type === 'ORDER_CANCEL',
        );
        for (const c of cancels) {
          const known = marketOf.get(String(c.order_id));
          if (known !== undefined) expect(c.market, `${h.name} ${String(c.order_id)}`).toBe(known);
          if (r.markets.has(String(c.market))) continue;
          // A market with orders but no decision in this run: disabled since the previous run.
          const prev = h.runs[h.runs.indexOf(r) - 1];
          expect(prev?.markets.has(String(c.market)), `${h.name} ${String(c.market)}`).toBe(true);
          const config = h.configs.get(String(c.market));
          expect(config?.enabled, String(c.market)).toBe(false);
          // Disabled after its last decision (per-market mode leaves its orders resting).
          const disabledAt = ms(config?.disabled_at);
          const lastOfMarket = Math.max(
            ...(prev?.decisions ?? []).filter((d) => d.market_id === c.market).map((d) => ms(d.timestamp)),
          );
          expect(disabledAt).toBeGreaterThan(lastOfMarket);
          expect(disabledAt).toBeLessThan(r.startMs + 1000);
          disabledSeen++;
        }
      }
      expect(disabledSeen, h.name).toBeGreaterThan(0);
    }
  });

  it('restarts several times a day, run ids formed from the start time, a run short enough to begin and end within hours', () => {
    for (const h of histories) {
      const recent = inWindow(h);
      expect(recent.length, h.name).toBeGreaterThanOrEqual(3);
      expect(recent.length, h.name).toBeLessThanOrEqual(6);
      const perDay = new Map<string, number>();
      for (const r of recent) perDay.set(r.runId.slice(0, 8), (perDay.get(r.runId.slice(0, 8)) ?? 0) + 1);
      expect(Math.max(...perDay.values()), h.name).toBeGreaterThanOrEqual(2);
      for (const [i, r] of h.runs.entries()) {
        if (r.startMs < h.executionFromMs) continue;
        // The id's stamp is the process start: before everything the run wrote, after the
        // previous run's last decision.
        const firstItem = Math.min(
          r.firstMs,
          ...r.system.map((d) => ms(d.timestamp)),
          ...r.events.map((e) => ms(e.event_ts)),
        );
        expect(r.startMs, `${h.name} ${r.runId}`).toBeLessThanOrEqual(firstItem);
        expect(firstItem - r.startMs, `${h.name} ${r.runId}`).toBeLessThan(60_000);
        const prev = h.runs[i - 1];
        if (prev && prev.decisions.length) expect(r.startMs).toBeGreaterThan(prev.lastMs - 1000);
      }
      // A run that starts and ends inside a few hours, with runs before and after it.
      const short = recent.filter((r) => {
        const i = h.runs.indexOf(r);
        return (
          i > 0 && i < h.runs.length - 1 && r.decisions.length > 0 && r.lastMs - r.startMs <= 4 * 3_600_000
        );
      });
      expect(short.length, h.name).toBeGreaterThanOrEqual(1);
    }
  });

  it('writes a batch-mode run: decisions and fills, no placement or per-order cancel events, halt cancels logged', () => {
    for (const h of histories) {
      const batch = inWindow(h).filter(
        (r) =>
          r.decisions.some((d) => Number(d.num_targets) > 0) &&
          !r.events.some((e) => e.event_type === 'ORDER_PLACE'),
      );
      expect(batch.length, h.name).toBeGreaterThanOrEqual(1);
      for (const r of batch) {
        expect(r.decisions.length, h.name).toBeGreaterThan(20);
        for (const e of r.events) {
          // Only FILLs of its own decisions and the cancels of system records.
          if (e.event_type === 'FILL') {
            expect(String(e.decision_id).startsWith(`${r.runId}:`)).toBe(true);
            expect(isSystemId(e.decision_id)).toBe(false);
          } else {
            expect(isSystemId(e.decision_id), `${h.name} ${String(e.event_type)}`).toBe(true);
          }
        }
        // Its startup cancel went through the batch endpoint: a record, no events under it.
        const rec = startupRecord(r);
        if (rec) expect(r.events.filter((e) => e.decision_id === rec.decision_id)).toEqual([]);
        // Its risk halt cancelled through cancel_all_orders, which logs.
        const halt = r.system.find((d) => d.reason === 'risk_halt_cancel');
        expect(halt, h.name).toBeDefined();
        expect(
          r.events.filter((e) => e.decision_id === halt?.decision_id && e.event_type === 'ORDER_CANCEL')
            .length,
        ).toBeGreaterThan(0);
        // Fills happened while it ran; a FILL event only for an order one fill completed.
        const fills = h.trades.filter(
          (t) => ms(t.fill_timestamp) > r.startMs && ms(t.fill_timestamp) < r.lastMs,
        );
        expect(fills.length, h.name).toBeGreaterThan(0);
        for (const e of r.events.filter((x) => x.event_type === 'FILL'))
          expect(
            h.trades.filter((t) => t.order_id === e.order_id && t.reconciled_at_startup !== true),
          ).toHaveLength(1);
      }
      // Per-market runs in the window do log placements.
      expect(
        inWindow(h).some((r) => r.events.some((e) => e.event_type === 'ORDER_PLACE')),
        h.name,
      ).toBe(true);
    }
  });

  it('logs ALREADY_GONE at startup for orders the previous run cancelled in its last loop (§6.20)', () => {
    let seen = 0;
    for (const h of histories) {
      for (const [i, r] of h.runs.entries()) {
        const rec = startupRecord(r);
        const prev = h.runs[i - 1];
        if (!rec || !prev) continue;
        const cancelledBefore = new Set(
          prev.events
            .filter(
              (e) =>
                e.event_type === 'ORDER_RESULT' && e.status === 'CANCELLED' && !isSystemId(e.decision_id),
            )
            .map((e) => String(e.order_id)),
        );
        const gone = r.events.filter((e) => e.decision_id === rec.decision_id && e.status === 'ALREADY_GONE');
        seen += gone.filter((e) => cancelledBefore.has(String(e.order_id))).length;
        // Whatever it cancelled for good before cannot be CANCELLED a second time.
        for (const e of r.events.filter((x) => x.decision_id === rec.decision_id && x.status === 'CANCELLED'))
          expect(cancelledBefore.has(String(e.order_id)), String(e.order_id)).toBe(false);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('rests int(price × 100) cents: a 0.29 / 0.58 target rests and fills a cent lower, ORDER_PLACE keeps the float (§6.20)', () => {
    let truncatedFills = 0;
    for (const h of histories) {
      const target = new Map<string, number>();
      for (const e of h.gen.items.dora_execution_log)
        if (e.event_type === 'ORDER_RESULT' && e.status === 'ACCEPTED')
          target.set(String(e.order_id), Number(e.price));
      for (const t of h.trades) {
        const p = target.get(String(t.order_id));
        if (p === undefined) continue;
        // The fill is at the resting price: the truncated cents, never the rounded target.
        expect(Math.round(Number(t.price) * 100), `${h.name} ${String(t.order_id)}`).toBe(
          Math.trunc(p * 100),
        );
        if (Math.trunc(p * 100) !== Math.round(p * 100)) truncatedFills++;
      }
      // open_orders: exchange copies carry Kalshi's clean price; the bot's own copies the target.
      const orders = Object.values(h.state('open_orders').orders as Record<string, Item>);
      for (const o of orders) {
        if (o.decision_id === null || o.status === 'resting')
          expect(String(o.price)).toBe(String(Math.round(Number(o.price) * 100) / 100));
      }
    }
    expect(truncatedFills).toBeGreaterThan(0);
  });

  it('backfilled fills carry pnl_realized 0 and stay out of risk_state.daily_pnl (§6.20)', () => {
    // Eras off: every stored pnl_realized is the bot's delta, so daily_pnl is their sum.
    const h = histories.find((x) => x.name.includes('eras off'));
    expect(h).toBeDefined();
    if (!h) return;
    const backfilled = h.trades.filter((t) => t.reconciled_at_startup === true);
    expect(backfilled.length).toBeGreaterThan(0);
    expect(backfilled.every((t) => t.pnl_realized === 0)).toBe(true);
    const sum = h.trades
      .filter((t) => t.reconciled_at_startup !== true)
      .reduce((a, t) => a + Number(t.pnl_realized), 0);
    expect(Math.abs(Number(h.state('risk_state').daily_pnl) - sum)).toBeLessThan(1e-9);
    for (const x of histories) {
      const fills = x.trades.filter((t) => t.reconciled_at_startup === true);
      expect(
        fills.every((t) => t.pnl_realized === 0),
        x.name,
      ).toBe(true);
      expect(
        fills.some((t) => ms(t.fill_timestamp) >= x.executionFromMs),
        x.name,
      ).toBe(true);
    }
  });

  it('positions hold a zero entry for each market the newest run touched without a fill, and none for untouched ones (§6.20)', () => {
    for (const h of histories) {
      const positions = h.state('positions').positions as Record<string, Item>;
      const filled = new Set(h.trades.map((t) => String(t.market_id)));
      const newest = h.runs[h.runs.length - 1];
      expect(newest).toBeDefined();
      if (!newest) continue;
      for (const m of newest.markets) expect(positions[m], `${h.name} ${m}`).toBeDefined();
      for (const [m, p] of Object.entries(positions)) {
        if (filled.has(m)) continue;
        expect(p, `${h.name} ${m}`).toEqual({
          net_yes_qty: 0,
          avg_buy_price: 0,
          avg_sell_price: 0,
          realized_pnl: 0,
        });
        // Rebuilt from fills at startup: a zero entry means the newest run touched the market.
        expect(newest.markets.has(m), `${h.name} ${m}`).toBe(true);
      }
    }
  });

  it('has a market that 404s: no decisions in the newest run, an api_errors count that grows every loop', () => {
    for (const h of histories) {
      const errors = h.state('api_errors').errors as Record<string, Item>;
      // (A market that settled and was disabled later may also have 404ed in this run.)
      const notFound = Object.entries(errors).filter(
        ([m, e]) => e.last_status_code === 404 && h.configs.get(m)?.enabled === true,
      );
      expect(notFound.length, h.name).toBe(1);
      const [ticker, e] = notFound[0] as [string, Item];
      expect(e).toMatchObject({ last_error_code: 'not_found' });
      expect(String(e.last_error_msg)).toContain(`/markets/${ticker}/orderbook`);
      const newest = h.runs[h.runs.length - 1] as RunView;
      // No decision since its order book started to 404.
      const lastDecision = Math.max(
        ...h.gen.items.dora_decision_log.filter((d) => d.market_id === ticker).map((d) => ms(d.timestamp)),
      );
      expect(ms(e.last_error) - lastDecision, h.name).toBeGreaterThan(1_800_000);
      // One error per 5 s loop since the run started (or the market closed), counted from zero.
      const since = Math.max(newest.startMs, lastDecision);
      const loops = (ms(e.last_error) - since) / 5000;
      expect(Number(e.count), h.name).toBeGreaterThan(loops * 0.8);
      expect(Number(e.count), h.name).toBeLessThanOrEqual(loops + 2);
      expect(Number(e.count)).toBeGreaterThan(100);
    }
  });
});
