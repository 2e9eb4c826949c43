// Every route declares its query (and path) parameters as a JSON schema, and what a schema refuses is
// the API's 400: `bad_parameter`, naming the parameter, worded as params.ts words its own checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { buildApp } from '../src/server/app.js';
import type { AppContext } from '../src/server/context.js';
import { healthRoutes, registerApiRoutes } from '../src/server/routes/index.js';
import { AJV_OPTIONS } from '../src/server/schemas.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { NOW, writeHandWorkedDataset } from './helpers/fixtures.js';

let store: TestStore;
let app: FastifyInstance;
let ctx: AppContext;
beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  ctx = {
    source: 'embedded',
    defaultEnv: 'demo',
    region: 'us-east-1',
    client: store.reader,
    nowMs: () => NOW,
    webDir: null,
    auth: { mode: 'none' },
  };
  app = await buildApp(ctx);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

/** Every route the route modules declare, as Fastify sees it (an onRoute hook on the root). */
async function declaredRoutes(): Promise<RouteOptions[]> {
  const routes: RouteOptions[] = [];
  const probe = Fastify({ ajv: AJV_OPTIONS });
  probe.addHook('onRoute', (r) => void routes.push(r));
  await probe.register(healthRoutes, { ctx });
  registerApiRoutes(probe, ctx);
  await probe.ready();
  await probe.close();
  return routes.filter((r) => r.method === 'GET' || (Array.isArray(r.method) && r.method.includes('GET')));
}

type Schema = { type?: string; properties?: Record<string, unknown> } | undefined;

describe('route schemas', () => {
  it('every GET route has a querystring schema, and one for its path parameters', async () => {
    const routes = await declaredRoutes();
    expect(routes.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/overview',
        '/api/v1/markets/:marketId/decisions',
        '/metrics',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(16);
    for (const r of routes) {
      const query = r.schema?.querystring as Schema;
      expect(query?.type, `${r.url}: querystring schema`).toBe('object');
      expect(query?.properties, `${r.url}: querystring properties`).toBeDefined();
      const names = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      const params = r.schema?.params as Schema;
      if (names.length)
        expect(Object.keys(params?.properties ?? {}).sort(), `${r.url}: params schema`).toEqual(names.sort());
      // Every /api/v1 route but /metrics takes `env`.
      if (r.url.startsWith('/api/v1/')) expect(query?.properties, `${r.url}: env`).toHaveProperty('env');
    }
  });

  it('a value a schema refuses is a 400 naming the parameter, worded as before', async () => {
    const cases: [string, string][] = [
      ['/api/v1/overview?days=1.5', 'days: must be an integer, got "1.5"'],
      ['/api/v1/overview?days=1e1', 'days: must be an integer, got "1e1"'],
      ['/api/v1/overview?days=%2012', 'days: must be an integer, got " 12"'],
      ['/api/v1/overview?days=366', 'days: must be between 1 and 365, got 366'],
      ['/api/v1/stale?hours=0', 'hours: must be between 1 and 8760, got 0'],
      ['/api/v1/markets?env=staging', 'env: must be demo or prod, got "staging"'],
      [
        `/api/v1/markets?format=${'y'.repeat(30)}`,
        `format: must be json, csv or xlsx, got "${'y'.repeat(20)}"`,
      ],
      ['/api/v1/markets/KX-A/decisions?limit=1&limit=2', 'limit: given more than once'],
      ['/api/v1/markets/KX-A/decisions?from=2026-01-01&from=2026-01-02', 'from: given more than once'],
      [`/api/v1/markets/${'x'.repeat(201)}/fills`, 'marketId: must be 1–200 characters, got 201'],
      // A length in UTF-16 units, as String.length counts: 150 emoji are 300.
      [`/api/v1/markets/${'%F0%9F%99%82'.repeat(150)}`, 'marketId: must be 1–200 characters, got 300'],
      ['/api/v1/markets/KX%01A/series', 'marketId: contains control characters'],
    ];
    for (const [url, message] of cases) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      const param = message.slice(0, message.indexOf(':'));
      expect(res.json(), url).toEqual({ error: { code: 'bad_parameter', message, param } });
    }
  });

  it('parameters a route does not read are let through, repeated or not', async () => {
    expect((await app.inject('/api/v1/markets?utm_source=a&utm_source=b')).statusCode).toBe(200);
  });

  it('a request the schema refuses never reaches the handler (nothing is read)', async () => {
    const { onRequest } = await import('../src/store/stats.js');
    let reads = 0;
    const stop = onRequest(() => reads++);
    const res = await app.inject('/api/v1/markets/KX-A/decisions?days=0');
    stop();
    expect(res.statusCode).toBe(400);
    expect(reads).toBe(0);
  });
});
