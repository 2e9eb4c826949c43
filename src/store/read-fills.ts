// Trade-log reads (contract §2.3, §6.7). The table is small (hundreds of fills a day), so the whole
// history is read once with a parallel Scan and then kept fresh by querying only recent partitions.
import type { Env, Fill, Warning } from '../core/types.js';
import { utcDatesBetween } from '../core/time.js';
import type { ReadClient } from './client.js';
import { decodeAll } from './decode/decode-item.js';
import { decodeFill } from './decode/fill.js';
import { mapLimit, queryAll, scanEach } from './paginate.js';
import { tableName } from './tables.js';

export interface FillsRead {
  fills: Fill[];
  warnings: Warning[];
  skipped: number;
}

function decodeFills(raws: unknown[], table: string): FillsRead {
  const { values, warnings, skipped } = decodeAll(raws, (r) => decodeFill(r, table));
  return { fills: values, warnings, skipped };
}

/** Every trade-log item of the environment (duplicates included: core de-duplicates by fill_id). */
export async function readAllFills(client: ReadClient, env: Env, segments = 4): Promise<FillsRead> {
  const table = tableName('dora_trade_log', env);
  // Decoded page by page: on a 40k-fill log, holding every raw item until the last page doubled the
  // peak memory of a cold start (and V8 keeps the heap it grew to).
  const out: FillsRead = { fills: [], warnings: [], skipped: 0 };
  await scanEach(client.raw, { TableName: table }, segments, (page) => {
    const r = decodeFills(page, table);
    for (const f of r.fills) out.fills.push(f);
    for (const w of r.warnings) out.warnings.push(w);
    out.skipped += r.skipped;
  });
  return out;
}

/**
 * Items in the UTC date partitions from fromMs's day through toMs's day. Old items sit in the
 * partition of their logging date (≥ fill date), so callers pass toMs = now and filter on fill time.
 */
export async function readFillPartitions(
  client: ReadClient,
  env: Env,
  fromMs: number,
  toMs: number,
): Promise<FillsRead> {
  const table = tableName('dora_trade_log', env);
  const dates = utcDatesBetween(fromMs, toMs);
  const pages = await mapLimit(dates, 8, (date) =>
    queryAll(client.doc, {
      TableName: table,
      KeyConditionExpression: '#d = :d',
      ExpressionAttributeNames: { '#d': 'date' },
      ExpressionAttributeValues: { ':d': date },
    }),
  );
  return decodeFills(
    pages.flatMap((p) => p.items),
    table,
  );
}

/** Fills whose fill time lies in [fromMs, toMs]. */
export async function readFillsInWindow(
  client: ReadClient,
  env: Env,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<FillsRead> {
  const read = await readFillPartitions(client, env, fromMs, Math.max(toMs, nowMs));
  return { ...read, fills: read.fills.filter((f) => f.fillTimeMs >= fromMs && f.fillTimeMs <= toMs) };
}
