// dora_decision_log items (contract §2.4), every era: with or without top_bids/top_asks, price_calc
// (absent, {} or full), old inventory shapes, zeroed recent_trades, and "ALL" system decisions.
import { parseIsoUtcMs } from '../../core/time.js';
import type {
  BookLevel,
  BookQuote,
  BookSnapshot,
  Decision,
  Decoded,
  PriceCalc,
  PublicTrade,
  TargetQuote,
  Warning,
} from '../../core/types.js';
import { decodeWith } from './decode-item.js';
import {
  FieldError,
  checkPlausibleTime,
  checkPriceYes,
  isMap,
  optList,
  optMap,
  optNum,
  reqStr,
  reqTicker,
  softStr,
  softTime,
  type Item,
  type OddFields,
} from './fields.js';

/** A trade the decision reports cannot be later than the decision (beyond clock skew). */
const TRADE_SKEW_MS = 5 * 60_000;

export const DECISION_KEY = ['date', 'timestamp'] as const;

function levels(list: unknown[] | null, field: string): BookLevel[] {
  if (list === null) return [];
  return list.map((raw, i) => {
    if (!isMap(raw)) throw new FieldError(`${field}[${i}]`, 'expected a map');
    return {
      priceYes: checkPriceYes(`${field}[${i}].price`, optNum(raw, 'price') ?? NaN),
      size: optNum(raw, 'size') ?? 0,
    };
  });
}

/** The touch and the stored mid of a snapshot: all that the quality reads project of it. */
export function bookQuote(snap: Item): BookQuote {
  const bid = optNum(snap, 'best_bid');
  const ask = optNum(snap, 'best_ask');
  if (bid !== null) checkPriceYes('order_book_snapshot.best_bid', bid);
  if (ask !== null) checkPriceYes('order_book_snapshot.best_ask', ask);
  return {
    // Sentinels: best_bid 0 = no YES bids, best_ask 1 = no NO bids (contract §6.2).
    bestBid: bid === null || bid <= 0 ? null : bid,
    bestAsk: ask === null || ask >= 1 ? null : ask,
    midStored: optNum(snap, 'mid'),
  };
}

function book(snap: Item | null): BookSnapshot | null {
  if (snap === null) return null;
  const touch = bookQuote(snap);
  return {
    bestBid: touch.bestBid,
    bestAsk: touch.bestAsk,
    spreadStored: optNum(snap, 'spread'),
    midStored: touch.midStored,
    topBids: levels(optList(snap, 'top_bids'), 'top_bids'),
    topAsks: levels(optList(snap, 'top_asks'), 'top_asks'),
  };
}

function trades(list: unknown[] | null, odd: OddFields): PublicTrade[] {
  if (list === null) return [];
  return list.filter(isMap).map((t, i) => {
    const raw = softStr(t, 'timestamp', odd, `recent_trades[${i}].`) ?? '';
    return {
      priceYes: optNum(t, 'price') ?? 0,
      size: optNum(t, 'size') ?? 0,
      timestampRaw: raw,
      timeMs: raw === '' ? null : parseIsoUtcMs(raw),
    };
  });
}

function priceCalc(pc: Item | null, odd: OddFields, decisionMs: number): PriceCalc | null {
  if (pc === null) return null;
  const n = (f: string) => optNum(pc, f);
  const s = (f: string) => softStr(pc, f, odd, 'price_calc.');
  const t = (f: string) => softTime(pc, f, odd, decisionMs + TRADE_SKEW_MS, 'price_calc.');
  return {
    skew: n('skew'),
    bestBid: n('best_bid'),
    bestAsk: n('best_ask'),
    marketBid: n('market_bid'),
    marketAsk: n('market_ask'),
    fairValue: n('fair_value'),
    fairValueBid: n('fair_value_bid'),
    fairValueAsk: n('fair_value_ask'),
    logic: s('logic'),
    tradeStdDev: n('trade_std_dev'),
    volatilityTradesCount: n('volatility_trades_count'),
    volatilityWindow: s('volatility_window'),
    fvSource: s('fv_source'),
    wmaPrice: n('wma_price'),
    wmaTradesCount: n('wma_trades_count'),
    wmaTradeTime: t('wma_trade_time'),
    lastTradePrice: n('last_trade_price'),
    lastTradeTime: t('last_trade_time'),
  };
}

export function targets(list: unknown[] | null, warnings: Warning[], id: string): TargetQuote[] {
  if (list === null) return [];
  const out: TargetQuote[] = [];
  list.forEach((raw, i) => {
    if (!isMap(raw)) throw new FieldError(`target_quotes[${i}]`, 'expected a map');
    // Any odd side (of any type) drops just this quote, with the warning below.
    const side = typeof raw['side'] === 'string' ? raw['side'] : JSON.stringify(raw['side'] ?? null);
    if (side !== 'bid' && side !== 'ask') {
      // One odd quote should not hide the whole decision: drop the quote, say so.
      warnings.push({
        code: 'odd_target_quote',
        message: `decision ${id}: target_quotes[${i}] has unknown side "${side.slice(0, 40)}"; ignored`,
      });
      return;
    }
    out.push({
      side,
      priceYes: checkPriceYes(`target_quotes[${i}].price`, optNum(raw, 'price') ?? NaN),
      size: optNum(raw, 'size') ?? 0,
    });
  });
  return out;
}

function inventoryNet(inv: Item | null): number | null {
  if (inv === null) return null;
  // 2025-12-13 demo era stored {yes_qty, no_qty, net}.
  return optNum(inv, 'net_yes_qty') ?? optNum(inv, 'net');
}

/**
 * What every decision decoder reads first, whole item or projected (decision-quote.ts): the keys,
 * the ids and the targets, in one place so the two cannot read them differently.
 */
export function decisionHead(item: Item, warnings: Warning[], odd: OddFields) {
  const timestampRaw = reqStr(item, 'timestamp');
  const timeMs = parseIsoUtcMs(timestampRaw);
  if (timeMs === null)
    throw new FieldError('timestamp', `not an ISO timestamp: "${timestampRaw.slice(0, 40)}"`);
  const decisionId = softStr(item, 'decision_id', odd);
  const targetQuotes = targets(optList(item, 'target_quotes'), warnings, decisionId ?? timestampRaw);
  return {
    date: reqStr(item, 'date'),
    timestampRaw,
    timeMs: checkPlausibleTime('timestamp', timeMs),
    marketId: reqTicker(item, 'market_id'),
    decisionId,
    botRunId: softStr(item, 'bot_run_id', odd),
    targetQuotes,
  };
}

export function decodeDecision(raw: unknown, table = 'dora_decision_log'): Decoded<Decision> {
  return decodeWith(table, DECISION_KEY, raw, (item, warnings, odd) => {
    const head = decisionHead(item, warnings, odd);
    const { timeMs, decisionId, timestampRaw } = head;
    const pcMap = optMap(item, 'price_calc');
    const tq = head.targetQuotes;
    return {
      date: head.date,
      timestampRaw,
      timeMs,
      marketId: head.marketId,
      decisionId,
      botRunId: head.botRunId,
      botVersion: softStr(item, 'bot_version', odd),
      book: book(optMap(item, 'order_book_snapshot')),
      recentTrades: trades(optList(item, 'recent_trades'), odd),
      inventoryNetYesQty: inventoryNet(optMap(item, 'inventory')),
      priceCalc: priceCalc(pcMap, odd, timeMs),
      priceCalcEmpty: pcMap !== null && Object.keys(pcMap).length === 0,
      targetQuotes: tq,
      numTargets: optNum(item, 'num_targets') ?? tq.length,
      reason: softStr(item, 'reason', odd),
      openOrdersCount: optNum(item, 'open_orders_count'),
      haltReason: softStr(item, 'halt_reason', odd),
      dailyPnlUsd: optNum(item, 'daily_pnl'),
    };
  });
}
