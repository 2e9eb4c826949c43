// A decision by id (contract §6.14, §6.18). No index has decision_id, but the id says where to look:
// `<run>:<ticker>:<loop>` is that market's decision in loop `loop` of a run that began at the id's
// start time, and loop numbers grow with time within a run; `<run>:<kind>:<YYYYMMDD-HHMMSS>` is an
// "ALL" record stamped at that second. So a market decision is found by bisecting time on the
// market's index (one Limit-1 read per step, ~20 for a month) and reading the last few seconds
// left, whatever the run's length; a system record by reading forward from its stamp.
import type { Decision, Env, Warning } from '../core/types.js';
import { parseDecisionId } from '../core/decision-id.js';
import { parseIsoUtcMs, toNaiveIso } from '../core/time.js';
import type { ReadClient } from './client.js';
import { decodeAll } from './decode/decode-item.js';
import { decodeDecision } from './decode/decision.js';
import { queryPage, type RawItem } from './paginate.js';
import { DECISION_GSI, EXECUTION_GSI, tableName } from './tables.js';

type Found = { decision: Decision | null; warnings: Warning[] };

/** Bisecting stops when the window is this narrow, then reads it whole (a few decisions). */
const WINDOW_MS = 2_000;
const MAX_STEPS = 48;

export async function readDecisionById(
  client: ReadClient,
  env: Env,
  decisionId: string,
  maxItems = 20_000,
  nowMs: number = Date.now(),
): Promise<Found> {
  const parsed = parseDecisionId(decisionId);
  if (!parsed || parsed.runStartMs === null) return { decision: null, warnings: [] };
  const table = tableName('dora_decision_log', env);
  // A system id names an "ALL" record of its run, never a ticker.
  const marketId = parsed.kind === 'system' ? 'ALL' : parsed.marketId;

  /** First item with this id in a key range, reading forward page by page up to `budget` items. */
  const find = async (lowNaive: string, highNaive: string, budget: number): Promise<Found | null> => {
    let start: RawItem | undefined;
    let read = 0;
    do {
      const page = await queryPage(client.doc, {
        TableName: table,
        IndexName: DECISION_GSI,
        KeyConditionExpression: 'market_id = :m AND #ts BETWEEN :lo AND :hi',
        FilterExpression: 'decision_id = :id',
        ExpressionAttributeNames: { '#ts': 'timestamp' },
        ExpressionAttributeValues: { ':m': marketId, ':id': decisionId, ':lo': lowNaive, ':hi': highNaive },
        ExclusiveStartKey: start,
        Limit: 200,
      });
      if (page.items.length) {
        const { values, warnings } = decodeAll(page.items.slice(0, 1), (r) => decodeDecision(r, table));
        return { decision: values[0] ?? null, warnings };
      }
      read += 200;
      start = page.lastKey;
    } while (start && read < budget);
    return null;
  };

  const latestNaive = toNaiveIso(nowMs + 5 * 60_000, 999);
  if (parsed.kind === 'system') {
    const from = toNaiveIso(parsed.stampMs ?? parsed.runStartMs);
    return (await find(from, latestNaive, maxItems)) ?? { decision: null, warnings: [] };
  }

  // Its order events (if any) come after it: the first one bounds the search from above.
  const event = await queryPage(client.doc, {
    TableName: tableName('dora_execution_log', env),
    IndexName: EXECUTION_GSI,
    KeyConditionExpression: 'decision_id = :d',
    ExpressionAttributeValues: { ':d': decisionId },
    ProjectionExpression: 'event_ts',
    Limit: 1,
  });
  const eventTs = event.items[0]?.['event_ts'];
  const eventMs = typeof eventTs === 'string' ? parseIsoUtcMs(eventTs) : null;

  // Invariant: the decision, if it exists, is in (lo, hi].
  let lo = parsed.runStartMs - 1;
  let hi = eventMs !== null ? eventMs + 1 : nowMs + 5 * 60_000;
  const target = parsed.loop;
  for (let step = 0; step < MAX_STEPS && target !== null && hi - lo > WINDOW_MS; step++) {
    const mid = Math.floor((lo + hi) / 2);
    const page = await queryPage(client.doc, {
      TableName: table,
      IndexName: DECISION_GSI,
      KeyConditionExpression: 'market_id = :m AND #ts <= :t',
      ExpressionAttributeNames: { '#ts': 'timestamp' },
      ExpressionAttributeValues: { ':m': marketId, ':t': toNaiveIso(mid, 999) },
      ProjectionExpression: 'decision_id, #ts',
      ScanIndexForward: false,
      Limit: 1,
    });
    const probe = page.items[0];
    const probeMs = typeof probe?.['timestamp'] === 'string' ? parseIsoUtcMs(probe['timestamp']) : null;
    const probeId = typeof probe?.['decision_id'] === 'string' ? parseDecisionId(probe['decision_id']) : null;
    if (!probe || probeMs === null || probeMs <= lo) {
      lo = mid; // nothing of this market at or before mid: it is later
      continue;
    }
    if (probe['decision_id'] === decisionId)
      return (
        (await find(String(probe['timestamp']), String(probe['timestamp']), 1)) ?? {
          decision: null,
          warnings: [],
        }
      );
    // The newest decision at or before mid is earlier than ours ⇒ nothing in (probe, mid] ⇒ ours is after mid.
    const earlier =
      probeId?.kind === 'market' && probeId.runId === parsed.runId
        ? probeId.loop !== null && probeId.loop < target
        : probeId?.runStartMs != null && probeId.runStartMs < parsed.runStartMs;
    const later =
      probeId?.kind === 'market' && probeId.runId === parsed.runId
        ? probeId.loop !== null && probeId.loop > target
        : probeId?.runStartMs != null && probeId.runStartMs > parsed.runStartMs;
    if (earlier) lo = mid;
    else if (later) hi = Math.min(hi, probeMs);
    else break; // a decision that cannot be ordered against ours: read what is left of the window
  }
  return (await find(toNaiveIso(lo + 1), toNaiveIso(hi, 999), maxItems)) ?? { decision: null, warnings: [] };
}
