// Decisions per watched market over the last 30 days (GSI Select COUNT), counted outside any
// measurement: the deep dive suites pick their busiest and quietest markets from it.
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { toNaiveIso } from '../src/core/time.js';
import { DECISION_GSI, tableName } from '../src/store/tables.js';
import type { OpenSet } from './harness.js';

const DAY = 86_400_000;

/** Fewest decisions first. */
export async function decisionCounts(set: OpenSet): Promise<{ market: string; decisions: number }[]> {
  const from = toNaiveIso(set.ds.now() - 30 * DAY);
  const out: { market: string; decisions: number }[] = [];
  for (const market of set.discovery.watched) {
    let n = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const r: QueryCommandOutput = await set.client.doc.send(
        new QueryCommand({
          TableName: tableName('dora_decision_log', 'demo'),
          IndexName: DECISION_GSI,
          KeyConditionExpression: 'market_id = :m AND #t >= :f',
          ExpressionAttributeNames: { '#t': 'timestamp' },
          ExpressionAttributeValues: { ':m': market, ':f': from },
          Select: 'COUNT',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      n += r.Count ?? 0;
      start = r.LastEvaluatedKey;
    } while (start);
    out.push({ market, decisions: n });
  }
  return out.sort((a, b) => a.decisions - b.decisions);
}
