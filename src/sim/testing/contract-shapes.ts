// An executable reading of the data contract's item shapes (§2), used by the tests to check that
// every generated item has exactly the attributes and DynamoDB types the bot writes.
import type { TableBase } from '../../store/tables.js';
import type { AttrValue, Item } from '../types.js';

type Check = (v: AttrValue) => boolean;

const NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/;
const AWARE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/;
const KALSHI = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RUN_ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const is = {
  S: (v: AttrValue) => typeof v === 'string',
  N: (v: AttrValue) => typeof v === 'number' && Number.isFinite(v),
  int: (v: AttrValue) => typeof v === 'number' && Number.isInteger(v),
  BOOL: (v: AttrValue) => typeof v === 'boolean',
  NULL: (v: AttrValue) => v === null,
  naive: (v: AttrValue) => typeof v === 'string' && NAIVE.test(v),
  aware: (v: AttrValue) => typeof v === 'string' && AWARE.test(v),
  date: (v: AttrValue) => typeof v === 'string' && DATE.test(v),
  runId: (v: AttrValue) => typeof v === 'string' && RUN_ID.test(v),
  uuid: (v: AttrValue) => typeof v === 'string' && UUID.test(v),
  /** A YES price in dollars, 0–1. */
  price: (v: AttrValue) => typeof v === 'number' && v >= 0 && v <= 1,
  /** A clean 2-decimal price as Kalshi reports it (yes_price / 100). */
  cleanPrice: (v: AttrValue) =>
    typeof v === 'number' && v > 0 && v < 1 && String(v) === String(Math.round(v * 100) / 100),
  oneOf:
    (...vals: string[]) =>
    (v: AttrValue) =>
      typeof v === 'string' && vals.includes(v),
  or:
    (...cs: Check[]) =>
    (v: AttrValue) =>
      cs.some((c) => c(v)),
  map: (v: AttrValue): v is { [k: string]: AttrValue } =>
    typeof v === 'object' && v !== null && !Array.isArray(v),
  list: (v: AttrValue): v is AttrValue[] => Array.isArray(v),
};

type Shape = Record<string, { check: Check; required: boolean }>;

function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Shape {
  const out: Shape = {};
  for (const [k, check] of Object.entries(required)) out[k] = { check, required: true };
  for (const [k, check] of Object.entries(optional)) out[k] = { check, required: false };
  return out;
}

function checkShape(where: string, item: { [k: string]: AttrValue }, s: Shape, problems: string[]): void {
  for (const [k, { check, required }] of Object.entries(s)) {
    if (!(k in item)) {
      if (required) problems.push(`${where}: missing ${k}`);
      continue;
    }
    const v = item[k] as AttrValue;
    if (!check(v)) problems.push(`${where}: bad ${k} = ${JSON.stringify(v)}`);
  }
  for (const k of Object.keys(item)) if (!(k in s)) problems.push(`${where}: unexpected attribute ${k}`);
}

const levels = (v: AttrValue) =>
  is.list(v) &&
  v.length <= 3 &&
  v.every(
    (l) =>
      is.map(l) && Object.keys(l).length === 2 && is.cleanPrice(l.price ?? null) && is.int(l.size ?? null),
  );

const CONFIG = shape(
  {
    market_id: is.S,
    enabled: is.BOOL,
    quote_size: is.int,
    max_inventory_yes: is.int,
    max_inventory_no: is.int,
    min_spread: is.N,
    inventory_skew_factor: is.N,
  },
  {
    event_ticker: is.S,
    created_at: is.aware,
    updated_at: is.aware,
    fair_value: is.N,
    toxicity_score: is.N,
    disabled_reason: is.S,
    disabled_at: is.aware,
  },
);

const TRADE = shape(
  {
    date: is.date,
    'timestamp#order_id': (v) =>
      typeof v === 'string' &&
      /^[^#]+#.+$/.test(v) &&
      (NAIVE.test(v.split('#')[0] ?? '') || AWARE.test(v.split('#')[0] ?? '')),
    market_id: is.S,
    side: is.oneOf('yes', 'no'),
    price: is.cleanPrice,
    size: is.int,
    fill_price: is.cleanPrice,
    fill_size: is.int,
    status: is.oneOf('filled'),
    pnl_realized: is.N,
    order_id: is.uuid,
    fill_id: is.uuid,
    fill_timestamp: is.aware,
  },
  { type: is.oneOf('bid', 'ask'), fees: is.N, reconciled_at_startup: (v) => v === true },
);

const SNAPSHOT = shape(
  { best_bid: is.price, best_ask: is.price, spread: is.N, mid: is.N },
  { top_bids: levels, top_asks: levels },
);

const PRICE_CALC_ALL: Record<string, Check> = {
  skew: is.N,
  best_bid: is.price,
  market_bid: is.N,
  best_ask: is.price,
  market_ask: is.N,
  logic: is.oneOf('market', 'fair value cap', 'minimum spread fallback'),
  fair_value: is.N,
  fair_value_bid: is.N,
  fair_value_ask: is.N,
  trade_std_dev: is.or(is.N, is.NULL),
  volatility_trades_count: is.int,
  volatility_window: is.oneOf('none', 'last_5_trades', 'time_window_12h'),
  fv_source: is.oneOf('wma_24h', 'last_trade', 'mid'),
  wma_price: is.or(is.N, is.NULL),
  wma_trades_count: is.int,
  wma_trade_time: is.or((v) => typeof v === 'string' && KALSHI.test(v), is.NULL),
  last_trade_price: is.or(is.N, is.NULL),
  last_trade_time: is.or((v) => typeof v === 'string' && KALSHI.test(v), is.NULL),
};
/** The price_calc generations: {} (skipped), basic (12-23), + fair value (12-26), full (01-03). */
const PRICE_CALC_KEYS = [
  [],
  ['skew', 'best_bid', 'market_bid', 'best_ask', 'market_ask', 'logic'],
  [
    'skew',
    'best_bid',
    'market_bid',
    'best_ask',
    'market_ask',
    'logic',
    'fair_value',
    'fair_value_bid',
    'fair_value_ask',
  ],
  Object.keys(PRICE_CALC_ALL),
].map((keys) => keys.sort().join(','));

export function priceCalcGeneration(pc: { [k: string]: AttrValue }): number {
  return PRICE_CALC_KEYS.indexOf(Object.keys(pc).sort().join(','));
}

function checkDecision(where: string, item: Item, problems: string[]): void {
  if (item.market_id === 'ALL') {
    const extra: Record<string, Check> =
      item.reason === 'startup_cancel'
        ? { open_orders_count: is.int }
        : item.reason === 'risk_halt_cancel'
          ? { halt_reason: is.or(is.S, is.NULL), daily_pnl: is.N }
          : {};
    checkShape(
      where,
      item,
      shape({
        date: is.date,
        timestamp: is.naive,
        market_id: is.S,
        decision_id: is.S,
        bot_run_id: is.runId,
        bot_version: is.S,
        reason: is.oneOf('startup_cancel', 'risk_halt_cancel', 'fatal_error_cleanup_cancel'),
        target_quotes: (v) => is.list(v) && v.length === 0,
        num_targets: (v) => v === 0,
        ...extra,
      }),
      problems,
    );
    return;
  }
  const ids = ['decision_id', 'bot_run_id', 'bot_version'].filter((k) => k in item).length;
  if (ids !== 0 && ids !== 3) problems.push(`${where}: partial id attributes`);
  checkShape(
    where,
    item,
    shape(
      {
        date: is.date,
        timestamp: is.naive,
        market_id: is.S,
        order_book_snapshot: is.map,
        inventory: is.map,
        target_quotes: (v) =>
          is.list(v) &&
          v.length <= 2 &&
          v.every(
            (q) =>
              is.map(q) &&
              Object.keys(q).length === 3 &&
              is.oneOf('bid', 'ask')(q.side ?? null) &&
              is.price(q.price ?? null) &&
              is.int(q.size ?? null),
          ),
        num_targets: (v) =>
          v === (is.list(item.target_quotes ?? null) ? (item.target_quotes as AttrValue[]).length : -1),
      },
      {
        decision_id: (v) =>
          typeof v === 'string' &&
          v === `${String(item.bot_run_id)}:${String(item.market_id)}:${v.split(':').pop() ?? ''}` &&
          /:\d+$/.test(v),
        bot_run_id: is.runId,
        bot_version: is.S,
        recent_trades: (v) =>
          is.list(v) &&
          v.length <= 3 &&
          v.every(
            (t) =>
              is.map(t) &&
              Object.keys(t).length === 3 &&
              is.N(t.price ?? null) &&
              is.N(t.size ?? null) &&
              (t.timestamp === '' || (typeof t.timestamp === 'string' && KALSHI.test(t.timestamp))),
          ),
        price_calc: (v) =>
          is.map(v) &&
          priceCalcGeneration(v) >= 0 &&
          Object.entries(v).every(([k, x]) => PRICE_CALC_ALL[k]?.(x) ?? false),
      },
    ),
    problems,
  );
  const snap = item.order_book_snapshot;
  if (snap !== undefined && is.map(snap))
    checkShape(`${where}.order_book_snapshot`, snap, SNAPSHOT, problems);
  const inv = item.inventory;
  if (inv !== undefined && is.map(inv)) {
    const keys = Object.keys(inv).sort().join(',');
    if (keys !== 'net_yes_qty' && keys !== 'net,no_qty,yes_qty')
      problems.push(`${where}: inventory keys ${keys}`);
    if (!Object.values(inv).every(is.int)) problems.push(`${where}: inventory values`);
  }
}

const EXEC_COMMON: Record<string, Check> = {
  bot_run_id: is.runId,
  'decision_id#event_ts': is.S,
  decision_id: is.S,
  event_ts: is.aware,
  event_type: is.oneOf('ORDER_PLACE', 'ORDER_RESULT', 'ORDER_CANCEL', 'FILL'),
  market: is.S,
  bot_version: is.S,
  env: is.oneOf('demo', 'prod'),
  expires_at: is.int,
};

function checkExecution(where: string, item: Item, problems: string[]): void {
  if (item['decision_id#event_ts'] !== `${String(item.decision_id)}#${String(item.event_ts)}`)
    problems.push(`${where}: sort key`);
  const placement = {
    side: is.oneOf('bid', 'ask'),
    price: is.price,
    size: is.int,
    client_order_id: (v: AttrValue) => typeof v === 'string' && /^[0-9a-f]{16}$/.test(v),
  };
  let s: Shape;
  if (item.event_type === 'ORDER_PLACE') s = shape({ ...EXEC_COMMON, ...placement });
  else if (item.event_type === 'ORDER_CANCEL')
    s = shape({ ...EXEC_COMMON, order_id: is.uuid, client_order_id: is.or(is.S, is.NULL) });
  else if (item.event_type === 'FILL') {
    s = shape({
      ...EXEC_COMMON,
      fill_id: is.uuid,
      order_id: is.uuid,
      side: is.oneOf('yes', 'no'),
      price: is.cleanPrice,
      size: is.int,
      pnl_delta: is.N,
      fees: is.N,
      client_order_id: is.or(is.S, is.NULL),
    });
  } else if ('side' in item) {
    const byStatus: Record<string, Record<string, Check>> = {
      ACCEPTED: { order_id: is.uuid },
      REJECTED: { error_type: is.oneOf('HTTPError'), error_code: is.or(is.S, is.NULL), error_msg: is.S },
      ERROR: { error_type: is.S, error_msg: is.S },
    };
    s = shape({
      ...EXEC_COMMON,
      ...placement,
      status: is.oneOf('ACCEPTED', 'REJECTED', 'ERROR'),
      latency_ms: is.int,
      ...(byStatus[String(item.status)] ?? {}),
    });
  } else {
    const extra: Record<string, Check> = item.status === 'ERROR' ? { error_type: is.S, error_msg: is.S } : {};
    s = shape({
      ...EXEC_COMMON,
      order_id: is.uuid,
      client_order_id: is.or(is.S, is.NULL),
      status: is.oneOf('CANCELLED', 'ALREADY_GONE', 'ERROR'),
      latency_ms: is.int,
      ...extra,
    });
  }
  checkShape(where, item, s, problems);
}

function checkState(where: string, item: Item, problems: string[]): void {
  const entries = (v: AttrValue, sh: Shape): boolean => {
    if (!is.map(v)) return false;
    const before = problems.length;
    for (const [k, e] of Object.entries(v))
      if (is.map(e)) checkShape(`${where}.${k}`, e, sh, problems);
      else problems.push(`${where}.${k}: not a map`);
    return problems.length === before;
  };
  const byKey: Record<string, Shape> = {
    positions: shape({
      key: is.S,
      positions: (v) =>
        entries(
          v,
          shape({ net_yes_qty: is.int, avg_buy_price: is.N, avg_sell_price: is.N, realized_pnl: is.N }),
        ),
    }),
    open_orders: shape({
      key: is.S,
      last_updated: is.aware,
      orders: (v) =>
        entries(
          v,
          shape({
            market_id: is.S,
            side: is.oneOf('yes', 'no'),
            price: is.price,
            size: is.int,
            filled_size: is.int,
            decision_id: is.or(is.S, is.NULL),
            client_order_id: is.or(is.S, is.NULL),
            status: is.oneOf('resting', 'pending'),
            created_at: is.aware,
            tif: is.oneOf('gtc'),
          }),
        ),
    }),
    risk_state: shape(
      { key: is.S, daily_pnl: is.N, trading_halted: is.BOOL, last_updated: is.aware },
      { halt_reason: is.S, last_fill_timestamp: is.aware },
    ),
    api_errors: shape({
      key: is.S,
      last_updated: is.aware,
      errors: (v) =>
        entries(
          v,
          shape({
            count: is.int,
            last_error: is.naive,
            last_error_code: is.or(is.S, is.NULL),
            last_status_code: is.or(is.int, is.NULL),
            last_error_msg: is.or(is.S, is.NULL),
          }),
        ),
    }),
    global_config: shape({
      key: is.S,
      max_total_exposure: is.int,
      max_daily_loss: is.N,
      loop_interval_ms: is.int,
      trading_enabled: is.BOOL,
      risk_aversion_k: is.N,
      cancel_on_startup: is.BOOL,
      use_batch_execution: is.BOOL,
    }),
    market_update_last_run: shape({ key: is.S, timestamp: is.aware }),
  };
  const s = byKey[String(item.key)];
  if (!s) problems.push(`${where}: unknown state key ${String(item.key)}`);
  else checkShape(where, item, s, problems);
}

/** Problems found in one item of `table`; empty when it matches the contract. */
export function contractProblems(table: TableBase, item: Item, index: number): string[] {
  const problems: string[] = [];
  const where = `${table}[${index}]`;
  if (table === 'dora_market_config') checkShape(where, item, CONFIG, problems);
  else if (table === 'dora_trade_log') checkShape(where, item, TRADE, problems);
  else if (table === 'dora_decision_log') checkDecision(where, item, problems);
  else if (table === 'dora_execution_log') checkExecution(where, item, problems);
  else checkState(where, item, problems);
  return problems;
}
