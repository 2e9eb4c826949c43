// Live mode against an in-process DynamoDB emulator: it continues the seeded history as a new
// bot run, writes decisions within a few seconds and stops cleanly.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDate } from '../core/time.js';
import { tableName } from '../store/tables.js';
import { createWriterClient } from './client.js';
import { naiveIso } from './format.js';
import { generateHistory } from './generate.js';
import { startLiveSimulator } from './live.js';
import { createBotTables, startLocalDynamo, type LocalDynamo } from './testing/local-dynamo.js';
import type { Item } from './types.js';
import { writeItems } from './write.js';

let db: LocalDynamo;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  db = await startLocalDynamo();
  doc = createWriterClient({ endpoint: db.endpoint });
  await createBotTables(db.client, 'demo');
});

afterAll(async () => {
  doc.destroy();
  await db.close();
});

async function decisionsSince(sinceUs: number): Promise<Item[]> {
  const out: Item[] = [];
  const dates = new Set([utcDate(sinceUs / 1000), utcDate(Date.now())]);
  for (const date of dates) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName('dora_decision_log', 'demo'),
          KeyConditionExpression: '#d = :d AND #t > :t',
          ExpressionAttributeNames: { '#d': 'date', '#t': 'timestamp' },
          ExpressionAttributeValues: { ':d': date, ':t': naiveIso(sinceUs) },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startLiveSimulator', () => {
  it('continues the seeded history: new run, ALL startup_cancel, decisions every loop, clean stop', async () => {
    const gen = generateHistory({ seed: 42, env: 'demo', nowMs: Date.now(), days: 2, markets: 8 });
    await writeItems(doc, 'demo', gen.items);
    // Resting orders, plus those the last save still listed after cancelling them (§6.20).
    const resting = gen.state.markets.reduce(
      (n, m) => n + (m.dyn.bid ? 1 : 0) + (m.dyn.ask ? 1 : 0) + (m.dyn.ghosts?.length ?? 0),
      0,
    );
    const historyEndUs = gen.state.clockUs;
    const errors: unknown[] = [];
    const live = startLiveSimulator({
      doc,
      env: 'demo',
      seed: 42,
      state: gen.state,
      loopMs: 300,
      onError: (e) => errors.push(e),
    });

    let mine: Item[] = [];
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline) {
      mine = (await decisionsSince(historyEndUs)).filter((d) => d.bot_run_id === live.runId);
      if (mine.filter((d) => d.market_id !== 'ALL').length >= 10) break;
      await sleep(150);
    }
    await live.stop();
    expect(errors).toEqual([]);
    const startup = mine.find((d) => d.market_id === 'ALL');
    // The orders the history left resting (and listed), minus any filled while the bot was "down".
    expect(startup).toMatchObject({ reason: 'startup_cancel', open_orders_count: expect.any(Number) });
    expect(Number(startup?.open_orders_count)).toBeGreaterThan(0);
    expect(Number(startup?.open_orders_count)).toBeLessThanOrEqual(resting);
    const market = mine.filter((d) => d.market_id !== 'ALL');
    expect(market.length).toBeGreaterThanOrEqual(10);
    expect(
      market.every((d) => String(d.decision_id).startsWith(`${live.runId}:${String(d.market_id)}:`)),
    ).toBe(true);
    // Timestamps follow the wall clock (never ahead of it by more than a loop).
    const newest =
      market
        .map((d) => String(d.timestamp))
        .sort()
        .pop() ?? '';
    expect(Date.parse(`${newest}Z`)).toBeLessThanOrEqual(Date.now() + 1000);
    // The inventory carries on from the seeded positions.
    const positions = (
      await doc.send(
        new GetCommand({ TableName: tableName('dora_state', 'demo'), Key: { key: 'positions' } }),
      )
    ).Item as Item;
    expect(Object.keys(positions.positions as object).length).toBeGreaterThanOrEqual(
      Object.keys(gen.state.positions).length,
    );
    const openOrders = (
      await doc.send(
        new GetCommand({ TableName: tableName('dora_state', 'demo'), Key: { key: 'open_orders' } }),
      )
    ).Item as Item;
    expect(Date.parse(String(openOrders.last_updated))).toBeGreaterThan(historyEndUs / 1000);

    // Stopped means stopped: nothing more is written.
    const count = (await decisionsSince(historyEndUs)).length;
    await sleep(900);
    expect((await decisionsSince(historyEndUs)).length).toBe(count);
    await live.stop(); // idempotent
  }, 30_000);

  it('restarts now and then: new run ids, a startup_cancel only when orders rest, batch runs without order events', async () => {
    const gen = generateHistory({ seed: 11, env: 'demo', nowMs: Date.now(), days: 2, markets: 6 });
    await writeItems(doc, 'demo', gen.items);
    const historyEndUs = gen.state.clockUs;
    const errors: unknown[] = [];
    const live = startLiveSimulator({
      doc,
      env: 'demo',
      seed: 11,
      state: gen.state,
      loopMs: 120,
      restartEveryLoops: [2, 4],
      onError: (e) => errors.push(e),
    });
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && live.runIds.length < 4) await sleep(100);
    await live.stop();
    expect(errors).toEqual([]);
    const runIds = live.runIds;
    expect(runIds.length).toBeGreaterThanOrEqual(4);
    expect(new Set(runIds).size).toBe(runIds.length);
    for (const id of runIds) expect(id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
    const mine = (await decisionsSince(historyEndUs)).filter((d) => runIds.includes(String(d.bot_run_id)));
    const startups = mine.filter((d) => d.reason === 'startup_cancel');
    // Every record counts the orders it cancelled; at least one restart found some.
    expect(startups.length).toBeGreaterThan(0);
    for (const s of startups) expect(Number(s.open_orders_count)).toBeGreaterThan(0);
    // A run that followed a fatal error or a halt started flat: no startup record.
    const cleanups = new Set(
      mine
        .filter((d) => d.reason === 'fatal_error_cleanup_cancel' || d.reason === 'risk_halt_cancel')
        .map((d) => String(d.bot_run_id)),
    );
    const withStartup = new Set(startups.map((s) => String(s.bot_run_id)));
    runIds.forEach((id, i) => {
      if (i > 0 && cleanups.has(runIds[i - 1] ?? '')) expect(withStartup.has(id), id).toBe(false);
    });
    // Runs wrote decisions, and nothing was stamped ahead of the wall clock.
    const market = mine.filter((d) => d.market_id !== 'ALL');
    expect(new Set(market.map((d) => String(d.bot_run_id))).size).toBeGreaterThanOrEqual(runIds.length - 1);
    const newest =
      market
        .map((d) => String(d.timestamp))
        .sort()
        .pop() ?? '';
    expect(Date.parse(`${newest}Z`)).toBeLessThanOrEqual(Date.now() + 1000);
  }, 90_000);
});
