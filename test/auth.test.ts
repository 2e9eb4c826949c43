// Access control with --auth token: Bearer header only (never a query string), constant-time check;
// health stays open for load balancers; no token leaks into responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { startTestStore, type TestStore } from './helpers/store.js';

const TOKEN = 'test-token-0123456789abcdef';
let store: TestStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = await startTestStore();
  app = await buildApp({ source: 'embedded', defaultEnv: 'demo', region: 'us-east-1', client: store.reader, nowMs: Date.now, webDir: null, auth: { mode: 'token', token: TOKEN } });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('--auth token', () => {
  it('refuses the API without the token, and with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }]) {
      const res = await app.inject({ url: '/api/v1/markets', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });
  it('does not accept the token from a query string', async () => {
    const res = await app.inject({ url: `/api/v1/markets?token=${TOKEN}&access_token=${TOKEN}` });
    expect(res.statusCode).toBe(401);
  });
  it('serves the API with the Bearer token, and never echoes it', async () => {
    const res = await app.inject({ url: '/api/v1/markets', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(TOKEN);
  });
  it('keeps /api/v1/health open for load balancers, and sets security headers', async () => {
    const res = await app.inject({ url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
