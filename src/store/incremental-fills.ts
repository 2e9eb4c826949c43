// New trade-log items for live updates (issue 18): a Query on the newest date partition(s) with the
// sort key (`<fill timestamp>#<order id>`, §2.3) greater than the newest fill time held minus an
// overlap wider than the bot's worst logging lag. The bot fetches fills once per loop, market by
// market, and logs each after its fill time, so fills arrive late and out of order across markets:
// the overlap re-reads the recent ones (deduplicated by key by the caller) so none is missed between
// full passes. Startup backfills (§2.3) arrive with OLD sort keys and old partitions: the caller
// re-reads fully when the bot run changes and on a slow timer (fill-history.ts).
import type { Env } from '../core/types.js';
import { toAwareIso, utcDatesBetween } from '../core/time.js';
import type { ReadClient } from './client.js';
import { decodeAll } from './decode/decode-item.js';
import { decodeFill } from './decode/fill.js';
import { queryAll } from './paginate.js';
import type { FillsRead } from './read-fills.js';
import { CLOCK_SKEW_MS } from './read-decisions.js';
import { tableName } from './tables.js';

/**
 * How late the bot can log a fill after its fill time and still be caught by an increment: a loop
 * (5 s), the per-market fill fetches of a slow loop, Kalshi's fill feed lagging, retries. Ten
 * minutes is far beyond that; a fill later still is picked up by the next full pass.
 */
export const FILL_LOG_LAG_MS = 10 * 60_000;

/**
 * Trade-log items of the partitions from `sinceMs`'s UTC day through now + clock skew whose sort key
 * sorts after `sinceMs` (one Query per partition: one, two around midnight).
 */
export async function readFillsSince(
  client: ReadClient,
  env: Env,
  sinceMs: number,
  nowMs: number,
): Promise<FillsRead> {
  const table = tableName('dora_trade_log', env);
  // The sort key starts with the fill time (aware ISO since 2025-12-26; naive before, same prefix).
  const from = toAwareIso(sinceMs).slice(0, 19);
  const pages = [];
  for (const date of utcDatesBetween(sinceMs, nowMs + CLOCK_SKEW_MS)) {
    pages.push(
      await queryAll(client.doc, {
        TableName: table,
        KeyConditionExpression: '#d = :d AND #sk > :from',
        ExpressionAttributeNames: { '#d': 'date', '#sk': 'timestamp#order_id' },
        ExpressionAttributeValues: { ':d': date, ':from': from },
      }),
    );
  }
  const { values, warnings, skipped } = decodeAll(
    pages.flatMap((p) => p.items),
    (r) => decodeFill(r, table),
  );
  return { fills: values, warnings, skipped };
}
