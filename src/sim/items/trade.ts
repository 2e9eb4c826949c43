// dora_trade_log items (contract §2.3): one per fill, keyed by date and `timestamp#order_id`.
import type { YesNo } from '../../core/types.js';
import type { EraShape } from '../eras.js';
import { awareIso, dateOf, naiveIso } from '../format.js';
import type { Item } from '../types.js';

export interface SimFill {
  marketId: string;
  side: YesNo;
  /** Clean two-decimal YES price (Kalshi yes_price / 100). */
  priceYes: number;
  size: number;
  orderId: string;
  fillId: string;
  /** Kalshi created_time (ms precision). */
  fillUs: number;
}

export interface TradeItemInput {
  fill: SimFill;
  /** When the bot logged the item (old eras key the item by it). */
  logUs: number;
  /** Era in force at logging time. */
  era: EraShape;
  pnlRealizedUsd: number;
  /** undefined ⇒ attribute absent. */
  feesUsd: number | undefined;
  reconciledAtStartup: boolean;
  /** Emulates fix_trade_log_dates.py having been run: old items' `date` = fill date. */
  datesFixed: boolean;
}

export function tradeItem(t: TradeItemInput): Item {
  const { fill } = t;
  const byFillTime = t.era.tradeKey === 'fill_time';
  const keyTime = byFillTime ? awareIso(fill.fillUs) : naiveIso(t.logUs);
  const item: Item = {
    date: byFillTime || t.datesFixed ? dateOf(fill.fillUs) : dateOf(t.logUs),
    'timestamp#order_id': `${keyTime}#${fill.orderId}`,
    market_id: fill.marketId,
    side: fill.side,
  };
  if (t.era.tradeType) item.type = fill.side === 'yes' ? 'bid' : 'ask';
  item.price = fill.priceYes;
  item.size = fill.size;
  item.fill_price = fill.priceYes;
  item.fill_size = fill.size;
  item.status = 'filled';
  item.pnl_realized = t.pnlRealizedUsd;
  if (t.feesUsd !== undefined) item.fees = t.feesUsd;
  item.order_id = fill.orderId;
  item.fill_id = fill.fillId;
  item.fill_timestamp = awareIso(fill.fillUs);
  if (t.reconciledAtStartup) item.reconciled_at_startup = true;
  return item;
}
