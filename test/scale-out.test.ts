// Scaling out: replicas share nothing but the tables. Two app instances, each with its own caches,
// against one store: they serve the same figures, and a page cursor issued by one continues on the
// other (a load balancer may send the next page to any replica).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { createReadClient, type ReadClient } from '../src/store/client.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { NOW, RUN, writeHandWorkedDataset } from './helpers/fixtures.js';

let store: TestStore;
const replicas: { app: FastifyInstance; client: ReadClient }[] = [];

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  for (let i = 0; i < 2; i++) {
    // A client each, as separate processes would have.
    const client = createReadClient({
      region: 'us-east-1',
      endpoint: store.endpoint,
      credentials: { accessKeyId: 'r', secretAccessKey: 'r' },
    });
    const app = await buildApp({
      source: 'aws',
      defaultEnv: 'demo',
      region: 'us-east-1',
      client,
      nowMs: () => NOW,
      webDir: null,
      auth: { mode: 'none' },
    });
    replicas.push({ app, client });
  }
});

afterAll(async () => {
  for (const r of replicas) {
    await r.app.close();
    r.client.destroy();
  }
  await store.close();
});

async function get(i: number, url: string) {
  const res = await (replicas[i] as { app: FastifyInstance }).app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
}

/** The figures of a body, without what differs legitimately between replicas (timing, cache state). */
function figures(body: Record<string, unknown>) {
  const { meta: _meta, ...rest } = body;
  return rest;
}

describe('two replicas against one store', () => {
  it('each loads independently (its own cache) and both serve the same overview figures', async () => {
    const a = await get(0, '/api/v1/overview?days=7');
    const b = await get(1, '/api/v1/overview?days=7');
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    // Both were cache misses: no state is shared between the instances.
    expect(a.body.meta.cache).toBe('miss');
    expect(b.body.meta.cache).toBe('miss');
    expect(b.body.meta.dynamo.requests).toBeGreaterThan(0);
    expect(figures(b.body)).toEqual(figures(a.body));
    expect(a.body.pnl.realizedTotal).toBeCloseTo(0.3405 - 0.018375, 10);
    expect(a.body.exposure.total).toBe(11);
  });

  it('a decisions cursor issued by one replica continues the list on the other', async () => {
    const first = await get(0, '/api/v1/markets/KX-A/decisions?limit=1');
    expect(first.body.items[0].decisionId).toBe(`${RUN}:KX-A:11`);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await get(1, `/api/v1/markets/KX-A/decisions?limit=1&cursor=${first.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].decisionId).toBe(`${RUN}:KX-A:10`);
    expect(next.body.nextCursor).toBeNull();
  });

  it('an executions cursor (an offset into the replica’s cached list) continues while the data is unchanged', async () => {
    const first = await get(0, '/api/v1/markets/KX-A/executions?limit=1&from=2026-01-01');
    expect(first.body.total).toBe(2);
    const next = await get(
      1,
      `/api/v1/markets/KX-A/executions?limit=1&from=2026-01-01&cursor=${first.body.nextCursor}`,
    );
    expect(next.status).toBe(200);
    const all = await get(1, '/api/v1/markets/KX-A/executions?limit=2&from=2026-01-01');
    expect([first.body.items[0], next.body.items[0]]).toEqual(all.body.items);
  });
});
