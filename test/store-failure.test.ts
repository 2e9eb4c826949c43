// When DynamoDB fails: 503 store_unavailable with nothing cached; the last good data with a warning
// saying its age once something is cached; recovery by itself when the store answers again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { createReadClient } from '../src/store/client.js';
import { startDynalite } from '../src/embedded/dynalite-server.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { NOW, writeHandWorkedDataset } from './helpers/fixtures.js';

describe('store failures', () => {
  let store: TestStore;
  let app: FastifyInstance;
  let now = NOW;
  beforeAll(async () => {
    store = await startTestStore();
    await writeHandWorkedDataset(store.writer);
    const reader = createReadClient({
      region: 'us-east-1',
      endpoint: store.endpoint,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
      maxAttempts: 1,
      requestTimeoutMs: 1000,
    });
    app = await testApp(reader, () => now);
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves cached data with a stale warning saying its age, then 503 where nothing is cached', async () => {
    const warm = await app.inject('/api/v1/overview');
    expect(warm.statusCode).toBe(200);
    await store.close(); // DynamoDB goes away
    now += 90_000;
    const stale = await app.inject('/api/v1/overview');
    expect(stale.statusCode).toBe(200);
    const body = stale.json();
    expect(body.meta.cache).toBe('stale');
    expect(body.warnings[0].code).toBe('stale_data');
    expect(body.warnings[0].message).toMatch(/showing data from 90 s ago/);
    const cold = await app.inject('/api/v1/overview?days=3');
    expect(cold.statusCode).toBe(503);
    expect(cold.json().error.code).toBe('store_unavailable');
    const health = await app.inject('/api/v1/health');
    expect(health.statusCode).toBe(503);
  });
});

describe('recovery', () => {
  it('answers again by itself once the store is back on the same endpoint', async () => {
    const first = await startDynalite({});
    const port = first.port;
    await first.close();
    const reader = createReadClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
      maxAttempts: 1,
      requestTimeoutMs: 1000,
    });
    let now = NOW;
    const app = await testApp(reader, () => now);
    expect((await app.inject('/api/v1/markets')).statusCode).toBe(503);
    const again = await startDynalite({ port });
    const { createBotTables } = await import('../src/embedded/create-tables.js');
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const w = new DynamoDBClient({
      endpoint: again.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    await createBotTables(w);
    now += 10_000;
    const ok = await app.inject('/api/v1/markets');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toEqual([]);
    w.destroy();
    await app.close();
    await again.close();
  });
});
