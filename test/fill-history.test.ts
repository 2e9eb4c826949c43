// The held trade log: read whole once, then only the newest partitions; a backfill into an old
// partition (startup reconciliation) or a moved item (date fix) is picked up by the next full read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { FillHistory } from '../src/store/fill-history.js';
import { onRequest, type RequestRecord } from '../src/store/stats.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { putAll, tradeItem } from './helpers/fixtures.js';
import { toAwareIso, utcDate } from '../src/core/time.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 12);
let store: TestStore;
beforeAll(async () => {
  store = await startTestStore();
  await putAll(store.writer, 'dora_trade_log_demo', [
    tradeItem({
      ms: NOW - 20 * DAY,
      market: 'KX-A',
      side: 'yes',
      price: 0.3,
      size: 5,
      fees: 0.01,
      fillId: 'old',
      orderId: 'o-old',
    }),
    tradeItem({
      ms: NOW - 3600_000,
      market: 'KX-A',
      side: 'no',
      price: 0.4,
      size: 5,
      fees: 0.01,
      fillId: 'recent',
      orderId: 'o-recent',
    }),
  ]);
});
afterAll(async () => store.close());

describe('FillHistory', () => {
  it('reads everything once, then only the newest partitions, picking up new and deleted items there', async () => {
    let now = NOW;
    const h = new FillHistory(store.reader, 'demo', {
      now: () => now,
      recentDays: 2,
      fullEveryMs: 10 * 60_000,
    });
    const reads: RequestRecord[] = [];
    const stop = onRequest((r) => reads.push(r));
    const first = await h.refresh();
    expect(first.fills.map((f) => f.fillId).sort()).toEqual(['old', 'recent']);
    expect(reads.every((r) => r.operation === 'Scan')).toBe(true);

    reads.length = 0;
    now += 5_000;
    await putAll(store.writer, 'dora_trade_log_demo', [
      tradeItem({
        ms: now - 1000,
        market: 'KX-B',
        side: 'yes',
        price: 0.5,
        size: 1,
        fees: 0.004,
        fillId: 'new',
        orderId: 'o-new',
      }),
    ]);
    await store.writer.send(
      new DeleteCommand({
        TableName: 'dora_trade_log_demo',
        Key: {
          date: utcDate(NOW - 3600_000),
          'timestamp#order_id': `${toAwareIso(NOW - 3600_000)}#o-recent`,
        },
      }),
    );
    const second = await h.refresh();
    expect(new Set(reads.map((r) => r.operation))).toEqual(new Set(['Query']));
    // Three partitions: today, yesterday, the day before (recentDays 2 spans three UTC dates).
    expect(reads.length).toBe(3);
    expect(second.fills.map((f) => f.fillId).sort()).toEqual(['new', 'old']);

    // A startup backfill lands in an old partition: invisible to the incremental read…
    now += 5_000;
    await putAll(store.writer, 'dora_trade_log_demo', [
      tradeItem({
        ms: NOW - 15 * DAY,
        market: 'KX-A',
        side: 'yes',
        price: 0.2,
        size: 2,
        fees: 0.005,
        fillId: 'backfilled',
        orderId: 'o-bf',
      }),
    ]);
    expect((await h.refresh()).fills.map((f) => f.fillId)).not.toContain('backfilled');
    // …until a full re-read, asked for when a new bot run starts, or due every fullEveryMs.
    h.requestFullReload();
    expect((await h.refresh()).fills.map((f) => f.fillId)).toContain('backfilled');
    stop();
  });

  it('hands out the same fills array while the newest partitions are unchanged, a new one when they change', async () => {
    let now = NOW + DAY;
    const h = new FillHistory(store.reader, 'demo', {
      now: () => now,
      recentDays: 1,
      fullEveryMs: 10 * 60_000,
    });
    const first = await h.refresh();
    now += 3_000;
    const same = await h.refresh();
    // Same array (so the replay computed from it is reused), fresh load time.
    expect(same.fills).toBe(first.fills);
    expect(same.loadedAtMs).toBe(now);

    // An item re-logged in place (the bot overwrites pnl_realized with 0, contract §5.8) is a change.
    const item = tradeItem({
      ms: now - 2000,
      market: 'KX-C',
      side: 'yes',
      price: 0.6,
      size: 2,
      fees: 0.01,
      fillId: 'relog',
      orderId: 'o-relog',
    });
    await putAll(store.writer, 'dora_trade_log_demo', [{ ...item, pnl_realized: 0.25 }]);
    now += 3_000;
    const added = await h.refresh();
    expect(added.fills).not.toBe(same.fills);
    expect(added.fills.find((f) => f.fillId === 'relog')?.pnlRealizedUsd).toBe(0.25);
    await putAll(store.writer, 'dora_trade_log_demo', [item]);
    now += 3_000;
    const relogged = await h.refresh();
    expect(relogged.fills).not.toBe(added.fills);
    expect(relogged.fills.find((f) => f.fillId === 'relog')?.pnlRealizedUsd).toBe(0);
    expect(relogged.fills).toHaveLength(added.fills.length);
  });
});
