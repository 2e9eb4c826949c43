// The bot's quoting rule as the contract describes price_calc (§2.4): inventory skew, join or
// improve the inside, fair-value caps, minimum-spread fallback, volatility filter. Prices are YES
// dollars computed with plain float arithmetic so the stored values carry the bot's artifacts.
import type { BidAsk } from '../core/types.js';
import type { AvgCostPosition } from './avg-cost.js';
import type { EraShape } from './eras.js';
import { HOUR_US } from './format.js';
import type { MarketSpec } from './markets.js';
import type { Item, SimPublicTrade } from './types.js';

export interface Snapshot {
  bestBid: number;
  bestAsk: number;
  spread: number;
  mid: number;
}

export interface TargetQuote {
  side: BidAsk;
  priceYes: number;
  size: number;
}

export interface StrategyResult {
  /** null ⇒ the era has no price_calc attribute; {} ⇒ skipped by the volatility filter. */
  priceCalc: Item | null;
  targets: TargetQuote[];
}

const TICK = 0.01;

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

interface FairValue {
  fairValue: number;
  source: 'wma_24h' | 'last_trade' | 'mid';
  wmaPrice: number | null;
  wmaCount: number;
  wmaTime: string | null;
}

/** Recency- and √size-weighted mean of ≤5 trades of the last 24 h; else last trade; else mid. */
function fairValue(trades: SimPublicTrade[], nowUs: number, mid: number): FairValue {
  const recent = trades.filter((t) => t.us <= nowUs && nowUs - t.us <= 24 * HOUR_US).slice(0, 5);
  if (recent.length > 0) {
    let num = 0;
    let den = 0;
    for (const t of recent) {
      const w = (1 / (1 + (nowUs - t.us) / HOUR_US)) * Math.sqrt(t.size);
      num += w * (t.cents / 100);
      den += w;
    }
    const wma = num / den;
    return {
      fairValue: wma,
      source: 'wma_24h',
      wmaPrice: wma,
      wmaCount: recent.length,
      wmaTime: recent[0]?.kalshiTs ?? null,
    };
  }
  const last = trades.find((t) => t.us <= nowUs);
  if (last)
    return { fairValue: last.cents / 100, source: 'last_trade', wmaPrice: null, wmaCount: 0, wmaTime: null };
  return { fairValue: mid, source: 'mid', wmaPrice: null, wmaCount: 0, wmaTime: null };
}

interface Volatility {
  stdDev: number | null;
  count: number;
  window: 'none' | 'last_5_trades' | 'time_window_12h';
}

function volatility(trades: SimPublicTrade[], nowUs: number): Volatility {
  const seen = trades.filter((t) => t.us <= nowUs);
  const in12h = seen.filter((t) => nowUs - t.us <= 12 * HOUR_US);
  const used = in12h.length >= 5 ? in12h : seen.slice(0, 5);
  if (used.length < 2) return { stdDev: null, count: 0, window: 'none' };
  const prices = used.map((t) => t.cents / 100);
  const mean = prices.reduce((a, b) => a + b, 0) / prices.length;
  const variance = prices.reduce((a, p) => a + (p - mean) * (p - mean), 0) / prices.length;
  return {
    stdDev: Math.sqrt(variance),
    count: used.length,
    window: in12h.length >= 5 ? 'time_window_12h' : 'last_5_trades',
  };
}

export function decideQuotes(
  spec: MarketSpec,
  pos: AvgCostPosition,
  snap: Snapshot,
  trades: SimPublicTrade[],
  nowUs: number,
  era: EraShape,
): StrategyResult {
  const net = pos.netYesQty;
  const maxInv = Math.max(spec.maxInventoryYes, spec.maxInventoryNo);
  const skew = clamp(net / maxInv, -1, 1) * spec.inventorySkewFactor * spec.minSpread;
  const bookSpread = snap.bestAsk - snap.bestBid;
  // Tight books are joined, wide ones improved by a tick.
  const insideBid = bookSpread < 0.06 ? snap.bestBid : snap.bestBid + TICK;
  const insideAsk = bookSpread < 0.06 ? snap.bestAsk : snap.bestAsk - TICK;
  const marketBid = Math.max(insideBid - skew, snap.bestBid);
  const marketAsk = Math.min(insideAsk - skew, snap.bestAsk);
  const fv = fairValue(trades, nowUs, snap.mid);
  const vol = volatility(trades, nowUs);

  if (era.priceCalc === 'full' && vol.stdDev !== null) {
    const threshold = Math.min(Math.max(snap.spread, 0.03), 0.08);
    const profitableExit =
      (net > 0 && snap.bestBid > pos.avgBuyPrice) ||
      (net < 0 && snap.bestAsk < pos.avgSellPrice && snap.bestAsk < 1);
    if (vol.stdDev > threshold && !profitableExit) return { priceCalc: {}, targets: [] };
  }

  let bid = marketBid;
  let ask = marketAsk;
  let logic = 'market';
  if (era.priceCalc !== 'absent' && era.priceCalc !== 'basic') {
    if (bid > fv.fairValue) {
      bid = fv.fairValue;
      logic = 'fair value cap';
    }
    if (ask < fv.fairValue) {
      ask = fv.fairValue;
      logic = 'fair value cap';
    }
  }
  if (ask - bid < spec.minSpread - 1e-9) {
    const center = (bid + ask) / 2;
    bid = center - spec.minSpread / 2;
    ask = center + spec.minSpread / 2;
    logic = 'minimum spread fallback';
  }
  // Tick rounding the way the bot does it: k × 0.01 keeps binary artifacts (35 × 0.01).
  const bidPrice = Math.floor(bid / TICK + 1e-9) * TICK;
  const askPrice = Math.ceil(ask / TICK - 1e-9) * TICK;
  const bidSize = Math.min(spec.quoteSize, spec.maxInventoryYes - net);
  const askSize = Math.min(spec.quoteSize, spec.maxInventoryYes + net);
  const targets: TargetQuote[] = [];
  if (bidSize > 0 && bidPrice >= TICK - 1e-9 && bidPrice < askPrice)
    targets.push({ side: 'bid', priceYes: bidPrice, size: bidSize });
  if (askSize > 0 && askPrice <= 0.99 + 1e-9 && askPrice > bidPrice)
    targets.push({ side: 'ask', priceYes: askPrice, size: askSize });

  return {
    priceCalc: priceCalcItem(era, { skew, snap, marketBid, marketAsk, logic, fv, vol, trades, nowUs }),
    targets,
  };
}

interface CalcParts {
  skew: number;
  snap: Snapshot;
  marketBid: number;
  marketAsk: number;
  logic: string;
  fv: FairValue;
  vol: Volatility;
  trades: SimPublicTrade[];
  nowUs: number;
}

function priceCalcItem(era: EraShape, p: CalcParts): Item | null {
  if (era.priceCalc === 'absent') return null;
  const base: Item = {
    skew: p.skew,
    best_bid: p.snap.bestBid,
    market_bid: p.marketBid,
  };
  if (era.priceCalc === 'basic') {
    return { ...base, best_ask: p.snap.bestAsk, market_ask: p.marketAsk, logic: p.logic };
  }
  const withFv: Item = {
    ...base,
    fair_value_bid: p.fv.fairValue,
    best_ask: p.snap.bestAsk,
    market_ask: p.marketAsk,
    fair_value_ask: p.fv.fairValue,
    fair_value: p.fv.fairValue,
    logic: p.logic,
  };
  if (era.priceCalc === 'fair_value') return withFv;
  const last = p.trades.find((t) => t.us <= p.nowUs) ?? null;
  return {
    ...withFv,
    trade_std_dev: p.vol.stdDev,
    volatility_trades_count: p.vol.count,
    volatility_window: p.vol.window,
    fv_source: p.fv.source,
    wma_price: p.fv.wmaPrice,
    wma_trades_count: p.fv.wmaCount,
    wma_trade_time: p.fv.wmaTime,
    last_trade_price: last ? last.cents / 100 : null,
    last_trade_time: last ? last.kalshiTs : null,
  };
}
