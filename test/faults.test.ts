// Fault injection between the server and a real store: under throttling, 500s, delays, dropped
// connections and malformed responses the API answers from cache with a warning saying the data's
// age, or 503 store_unavailable when nothing is cached; no request outlives its timeout; and the
// server recovers by itself when the faults stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { createReadClient } from '../src/store/client.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { startFaultProxy, type Fault, type FaultProxy } from './helpers/fault-proxy.js';
import { NOW, writeHandWorkedDataset } from './helpers/fixtures.js';

const REQUEST_TIMEOUT_MS = 800;
const ATTEMPTS = 2;
// The server's deadline for one answer, and the longest one may take with scheduling slack.
const SERVER_DEADLINE_MS = 2_000;
const DEADLINE_MS = SERVER_DEADLINE_MS + 1_500;

let store: TestStore;
let proxy: FaultProxy;
let app: FastifyInstance;
let now = NOW;

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  proxy = await startFaultProxy(store.endpoint);
  const client = createReadClient({
    region: 'us-east-1',
    endpoint: proxy.endpoint,
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    maxAttempts: ATTEMPTS,
  });
  app = await testApp(client, () => now, { deadlineMs: SERVER_DEADLINE_MS });
});
afterAll(async () => {
  await app.close();
  await proxy.close();
  await store.close();
});

async function timed(url: string) {
  const started = performance.now();
  const res = await app.inject(url);
  return { res, ms: performance.now() - started };
}

const FAULTS: [string, Fault][] = [
  [
    'ProvisionedThroughputExceededException',
    { kind: 'throttle', error: 'ProvisionedThroughputExceededException' },
  ],
  ['ThrottlingException', { kind: 'throttle', error: 'ThrottlingException' }],
  ['HTTP 500', { kind: 'server-error' }],
  ['a 3 s delay', { kind: 'delay', ms: 3_000 }],
  ['a dropped connection', { kind: 'drop' }],
  ['a malformed response', { kind: 'malformed' }],
];

describe.each(FAULTS)('under %s', (_name, fault) => {
  it('serves cached data with its age, 503s what is not cached, never hangs, and recovers', async () => {
    proxy.clear();
    now += 120_000;
    const warm = await app.inject('/api/v1/overview');
    expect(warm.statusCode).toBe(200);

    proxy.set('dora_trade_log_demo', fault);
    proxy.set('dora_decision_log_demo', fault);
    now += 60_000; // every cache entry has expired
    const stale = await timed('/api/v1/overview');
    expect(stale.ms).toBeLessThan(DEADLINE_MS);
    expect(stale.res.statusCode).toBe(200);
    expect(stale.res.json().meta.cache).toBe('stale');
    expect(stale.res.json().warnings[0].message).toMatch(/showing data from \d+ (s|min) ago/);

    const uncached = await timed(`/api/v1/overview?days=${2 + FAULTS.findIndex(([, f]) => f === fault)}`);
    expect(uncached.ms).toBeLessThan(DEADLINE_MS);
    expect(uncached.res.statusCode).toBe(503);
    expect(uncached.res.json().error.code).toBe('store_unavailable');

    // Recovery needs no restart. After throttling, the SDK's adaptive retry mode first lets its
    // client-side send rate climb back, so allow a few rounds.
    proxy.clear();
    let cache = '';
    for (let round = 0; round < 15 && cache !== 'miss'; round++) {
      now += 60_000;
      const back = await app.inject('/api/v1/overview');
      expect(back.statusCode).toBe(200);
      cache = back.json().meta.cache;
      if (cache !== 'miss') await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(cache).toBe('miss');
  }, 60_000);
});

describe('a fault on one table', () => {
  it('does not affect endpoints that do not read it', async () => {
    proxy.clear();
    proxy.set('dora_execution_log_demo', { kind: 'server-error' });
    now += 60_000;
    expect((await app.inject('/api/v1/markets')).statusCode).toBe(200);
    expect((await app.inject('/api/v1/markets/KX-A/executions?days=3')).statusCode).toBe(503);
    proxy.clear();
  });
});
