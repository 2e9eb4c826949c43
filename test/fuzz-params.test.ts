// Property-based fuzzing of every endpoint's parameters and path segments: whatever arrives, the
// answer is 200, 400 or 404 (never a 500), a 400 names a parameter, and no request reads without bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { onRequest } from '../src/store/stats.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { NOW, RUN, writeHandWorkedDataset } from './helpers/fixtures.js';

let store: TestStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  app = await testApp(store.reader, () => NOW);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '"',
    "'",
    '/',
    '..',
    '%',
    '#',
    '?',
    '&',
    '=',
    ';',
    '\\',
    'KX-A',
    'KX-A/../KX-B',
    "KX-A' OR '1'='1",
    'ALL',
    '日本語',
    '🙂',
    '\u0000',
    '-1',
    '0',
    '1e309',
    'NaN',
    'null',
    'undefined',
    '9'.repeat(40),
  ),
  fc.constant('x'.repeat(10_000)),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.integer().map(String),
  fc.base64String({ maxLength: 200 }),
);

const params = ['env', 'tz', 'days', 'from', 'to', 'limit', 'cursor', 'format', 'hours', 'context'];
const paths = [
  (_m: string) => `/api/v1/overview`,
  (_m: string) => `/api/v1/stale`,
  (_m: string) => `/api/v1/markets`,
  (m: string) => `/api/v1/markets/${m}`,
  (m: string) => `/api/v1/markets/${m}/decisions`,
  (m: string) => `/api/v1/markets/${m}/executions`,
  (m: string) => `/api/v1/markets/${m}/fills`,
  (m: string) => `/api/v1/markets/${m}/analytics`,
  (m: string) => `/api/v1/decisions/${m}`,
  (m: string) => `/api/v1/decisions/${RUN}:${m}:1`,
  (_m: string) => `/api/v1/health`,
];

describe('fuzzed parameters', () => {
  it('never answers 500 and never reads without bound', async () => {
    let itemsRead = 0;
    const stop = onRequest((r) => (itemsRead += r.items));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(fc.constant('KX-A'), nasty),
        fc.dictionary(fc.constantFrom(...params), nasty, { maxKeys: 4 }),
        async (path, market, query) => {
          itemsRead = 0;
          const qs = new URLSearchParams(query).toString();
          const url = `${path(encodeURIComponent(market))}${qs ? `?${qs}` : ''}`;
          const res = await app.inject({ method: 'GET', url });
          expect(
            [200, 400, 404],
            `${url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
          ).toContain(res.statusCode);
          if (res.statusCode === 400) expect(res.json().error.code).toMatch(/bad_parameter|bad_request/);
          expect(itemsRead).toBeLessThan(20_000);
        },
      ),
      { numRuns: 400 },
    );
    stop();
  }, 120_000);

  it('a forged cursor cannot move a read to another market or table', async () => {
    const page = (await app.inject('/api/v1/markets/KX-A/decisions?limit=1')).json();
    const decoded = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString());
    const forge = (patch: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ ...decoded, ...patch })).toString('base64url');
    const attempts = [
      forge({ key: { ...decoded.key, market_id: 'KX-B' } }),
      forge({ kind: 'decisions:prod' }),
      forge({ key: { ...decoded.key, bot_run_id: RUN } }),
      forge({ key: { ...decoded.key, timestamp: 5 } }),
    ];
    for (const cursor of attempts) {
      const res = await app.inject(`/api/v1/markets/KX-A/decisions?limit=1&cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.param).toBe('cursor');
    }
  });
});
