// The quality reads' decision items: dora_decision_log items (contract §2.4) read with a
// projection of what quote health, fill activity and mid(t) use — the keys, the ids, target_quotes
// and the book's best bid, best ask and mid — decoded as a QuoteDecision. A whole decision is
// 1–3 kB (book levels, recent trades, price_calc); this is ~0.3 kB (0.28 on bench set D), and
// the SDK's and our decoding work and garbage scale with the bytes (issue 19's trace).
//
// Every era decodes: the book has been `order_book_snapshot` since the first bot commit (only
// top_bids/top_asks were added later, and they are not read here); decisions before 2025-12-20 have
// no decision_id/bot_run_id (null, as in the full decoder); system ("ALL") decisions have no book
// (null) and target_quotes [] . Absent attributes are what the projection leaves out, never a warning
// and never a value: the type simply has no field for them.
//
// What the projection cannot see: an unread attribute of the wrong type (a corrupt price_calc, a
// snapshot that is not a map, top_bids out of range) makes the full decoder skip the whole item;
// here the item counts, as its targets and touch are sound. And a snapshot map that holds none of
// best_bid, best_ask and mid comes back absent (DynamoDB returns no empty map for a projected path),
// so it reads as no book, where the full decoder would take the sentinels' mid 0.5 — a mid nobody wrote.
import type { Decoded, QuoteDecision } from '../../core/types.js';
import { bookQuote, DECISION_KEY, decisionHead } from './decision.js';
import { decodeWith } from './decode-item.js';
import { optMap } from './fields.js';

/**
 * The projection, every name aliased (`date`, `timestamp` and others are reserved words, contract
 * §1.7). Merge its names with a query's own: `#ts` is `timestamp` in both.
 */
export const QUOTE_PROJECTION = {
  ProjectionExpression: '#d, #ts, #m, #id, #run, #tq, #book.#bb, #book.#ba, #book.#mid',
  ExpressionAttributeNames: {
    '#d': 'date',
    '#ts': 'timestamp',
    '#m': 'market_id',
    '#id': 'decision_id',
    '#run': 'bot_run_id',
    '#tq': 'target_quotes',
    '#book': 'order_book_snapshot',
    '#bb': 'best_bid',
    '#ba': 'best_ask',
    '#mid': 'mid',
  },
} as const;

/** A projected decision item (QUOTE_PROJECTION); the same checks as decodeDecision on what it reads. */
export function decodeQuoteDecision(raw: unknown, table = 'dora_decision_log'): Decoded<QuoteDecision> {
  return decodeWith(table, DECISION_KEY, raw, (item, warnings, odd) => {
    const { date, timestampRaw, timeMs, marketId, decisionId, botRunId, targetQuotes } = decisionHead(
      item,
      warnings,
      odd,
    );
    const snap = optMap(item, 'order_book_snapshot');
    return {
      date,
      timestampRaw,
      timeMs,
      marketId,
      decisionId,
      botRunId,
      book: snap === null ? null : bookQuote(snap),
      targetQuotes,
    };
  });
}
