// Tables older than 2026-01-02 have no market_id-timestamp-index (contract §5.1): every response that
// uses decisions warns, reads stay bounded, and what can be answered is answered correctly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { createTableInput } from '../src/embedded/create-tables.js';
import { TABLE_DEFS } from '../src/store/tables.js';
import { onRequest } from '../src/store/stats.js';
import { BACKENDS, startTestStore, type TestStore } from './helpers/store.js';
import { NOW, RUN, writeHandWorkedDataset } from './helpers/fixtures.js';

describe.each(BACKENDS)('decision log without its GSI on %s', (backend) => {
  let store: TestStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await startTestStore(backend);
    const name = 'dora_decision_log_demo';
    await store.writerRaw.send(new DeleteTableCommand({ TableName: name }));
    await store.writerRaw.send(
      new CreateTableCommand(createTableInput({ ...TABLE_DEFS.dora_decision_log, indexes: [] }, name)),
    );
    await writeHandWorkedDataset(store.writer);
    app = await testApp(store.reader, () => NOW);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('health says the index is missing', async () => {
    const body = (await app.inject('/api/v1/health')).json();
    expect(body.warnings.map((w: { code: string }) => w.code)).toContain('missing_gsi');
  });

  it('overview still finds each market’s newest decision from a bounded partition read, and warns', async () => {
    const reads: { table: string; index: string | null; items: number }[] = [];
    const stop = onRequest((r) => reads.push(r));
    const body = (await app.inject('/api/v1/overview')).json();
    stop();
    expect(body.warnings.map((w: { code: string }) => w.code)).toContain('missing_gsi');
    const a = body.markets.find((m: { marketId: string }) => m.marketId === 'KX-A');
    expect(a.bestBid).toBe(0.45);
    expect(body.bot.runId).toBe(RUN);
    const decisionReads = reads.filter((r) => r.table === 'dora_decision_log_demo');
    expect(decisionReads.every((r) => r.index === null)).toBe(true);
    expect(decisionReads.reduce((n, r) => n + r.items, 0)).toBeLessThanOrEqual(5_000);
  });

  it('lists a market’s decisions from the partitions with a warning, and refuses lookups it cannot bound', async () => {
    const list = (await app.inject('/api/v1/markets/KX-A/decisions')).json();
    expect(list.items.map((d: { decisionId: string }) => d.decisionId)).toEqual([
      `${RUN}:KX-A:11`,
      `${RUN}:KX-A:10`,
    ]);
    expect(list.warnings[0].code).toBe('missing_gsi');
    const one = await app.inject(`/api/v1/decisions/${RUN}:KX-A:11`);
    expect(one.statusCode).toBe(503);
    expect(one.json().error.code).toBe('missing_gsi');
    const fills = (await app.inject('/api/v1/markets/KX-A/fills?from=2026-01-01')).json();
    expect(fills.items).toHaveLength(2);
    expect(fills.warnings.map((w: { code: string }) => w.code)).toContain('missing_gsi');
  });
});
