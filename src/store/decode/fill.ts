// dora_trade_log items (contract §2.3, metrics.md §Inputs). Time comes from `fill_timestamp`, else
// from the sort key's prefix; never from `date`, which is the logging date on old items.
import { parseIsoUtcMs } from '../../core/time.js';
import type { BidAsk, Decoded, Fill, YesNo } from '../../core/types.js';
import { decodeWith } from './decode-item.js';
import {
  FieldError,
  checkPlausibleTime,
  checkPriceYes,
  optBool,
  optNum,
  optStr,
  reqStr,
  reqTicker,
  softStr,
  type Item,
} from './fields.js';

export const TRADE_KEY = ['date', 'timestamp#order_id'] as const;

function side(item: Item): YesNo {
  const s = optStr(item, 'side');
  if (s === 'yes' || s === 'no') return s;
  // `type` carries the same information on items since 2025-12-14.
  const t = optStr(item, 'type');
  if (s === null && t === 'bid') return 'yes';
  if (s === null && t === 'ask') return 'no';
  throw new FieldError('side', s === null ? 'missing' : `unknown side "${s.slice(0, 20)}"`);
}

function type(item: Item): BidAsk | null {
  const t = optStr(item, 'type');
  return t === 'bid' || t === 'ask' ? t : null;
}

function fillTime(
  item: Item,
  sortKey: string,
): { ms: number; source: Fill['fillTimeSource']; raw: string | null } {
  const raw = optStr(item, 'fill_timestamp');
  if (raw !== null && raw !== '') {
    const ms = parseIsoUtcMs(raw);
    if (ms === null) throw new FieldError('fill_timestamp', `not an ISO timestamp: "${raw.slice(0, 40)}"`);
    return { ms: checkPlausibleTime('fill_timestamp', ms), source: 'fill_timestamp', raw };
  }
  const prefix = sortKey.split('#')[0] ?? '';
  const ms = parseIsoUtcMs(prefix);
  if (ms === null)
    throw new FieldError('fill_timestamp', 'missing, and the sort key has no timestamp prefix');
  return { ms: checkPlausibleTime('timestamp#order_id', ms), source: 'sort_key', raw: null };
}

/**
 * One string per distinct date and ticker: the whole trade log is held in memory, and each item
 * brought its own copies (two strings per fill: ~4 MB on 40k fills). Bounded, should a table hold
 * absurdly many distinct values.
 */
const shared = new Map<string, string>();
function interned(s: string): string {
  const known = shared.get(s);
  if (known !== undefined) return known;
  if (shared.size < 100_000) shared.set(s, s);
  return s;
}

export function decodeFill(raw: unknown, table = 'dora_trade_log'): Decoded<Fill> {
  return decodeWith(table, TRADE_KEY, raw, (item, _warnings, odd) => {
    const sortKey = reqStr(item, 'timestamp#order_id');
    const price = optNum(item, 'price') ?? optNum(item, 'fill_price');
    if (price === null) throw new FieldError('price', 'missing (and no fill_price)');
    const size = optNum(item, 'size') ?? optNum(item, 'fill_size');
    if (size === null) throw new FieldError('size', 'missing (and no fill_size)');
    if (!(size > 0)) throw new FieldError('size', `not a positive contract count: ${size}`);
    const time = fillTime(item, sortKey);
    const fillId = softStr(item, 'fill_id', odd);
    const fee = optNum(item, 'fees');
    return {
      date: interned(reqStr(item, 'date')),
      sortKey,
      marketId: interned(reqTicker(item, 'market_id')),
      side: side(item),
      type: type(item),
      priceYes: checkPriceYes('price', price),
      size,
      feeUsd: fee,
      pnlRealizedUsd: optNum(item, 'pnl_realized'),
      orderId: softStr(item, 'order_id', odd),
      fillId: fillId === null || fillId === '' || fillId === 'unknown' ? null : fillId,
      fillTimeMs: time.ms,
      fillTimeSource: time.source,
      fillTimestampRaw: time.raw,
      reconciledAtStartup: optBool(item, 'reconciled_at_startup') === true,
    };
  });
}
