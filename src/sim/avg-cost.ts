// The bot's average-cost position rule (contract §6.5, metrics.md §Realized), implemented here
// independently of src/core so tests can compare the two implementations.
import type { YesNo } from '../core/types.js';

export interface AvgCostPosition {
  netYesQty: number;
  avgBuyPrice: number;
  avgSellPrice: number;
  realizedPnlUsd: number;
}

export function flatPosition(): AvgCostPosition {
  return { netYesQty: 0, avgBuyPrice: 0, avgSellPrice: 0, realizedPnlUsd: 0 };
}

/**
 * Applies one fill in place and returns the realized change (after − before, the way the bot
 * derives a fill's `pnl_realized`). `yes` buys YES, `no` sells YES. Averages are deliberately not
 * reset when the position returns to flat — the bot does not, and its stored items show it.
 */
export function applyFill(
  pos: AvgCostPosition,
  side: YesNo,
  priceYes: number,
  size: number,
  feeUsd: number,
): number {
  const before = pos.realizedPnlUsd;
  pos.realizedPnlUsd -= feeUsd;
  if (side === 'yes') {
    if (pos.netYesQty >= 0) {
      pos.avgBuyPrice = (pos.avgBuyPrice * pos.netYesQty + priceYes * size) / (pos.netYesQty + size);
      pos.netYesQty += size;
    } else {
      const closed = Math.min(-pos.netYesQty, size);
      pos.realizedPnlUsd += closed * (pos.avgSellPrice - priceYes);
      pos.netYesQty += size;
      if (pos.netYesQty > 0) pos.avgBuyPrice = priceYes;
    }
  } else if (pos.netYesQty <= 0) {
    const short = -pos.netYesQty;
    pos.avgSellPrice = (pos.avgSellPrice * short + priceYes * size) / (short + size);
    pos.netYesQty -= size;
  } else {
    const closed = Math.min(pos.netYesQty, size);
    pos.realizedPnlUsd += closed * (priceYes - pos.avgBuyPrice);
    pos.netYesQty -= size;
    if (pos.netYesQty < 0) pos.avgSellPrice = priceYes;
  }
  return pos.realizedPnlUsd - before;
}

/** The part of a fill's realized change that comes from closing inventory (fees excluded):
 *  what pre-2025-12-26 trade items stored as `pnl_realized`. */
export function closingPnlUsd(pos: AvgCostPosition, side: YesNo, priceYes: number, size: number): number {
  if (side === 'yes' && pos.netYesQty < 0)
    return Math.min(-pos.netYesQty, size) * (pos.avgSellPrice - priceYes);
  if (side === 'no' && pos.netYesQty > 0) return Math.min(pos.netYesQty, size) * (priceYes - pos.avgBuyPrice);
  return 0;
}
