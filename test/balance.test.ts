// Cash balance from Kalshi, tested against a local HTTP server that verifies Kalshi's request signing
// (RSA-PSS, SHA-256, salt = digest length, over timestamp + method + path); absent credentials give
// "not configured", never an error; the private key appears in no response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { startTestStore, type TestStore } from './helpers/store.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let store: TestStore;
let kalshi: http.Server;
let app: FastifyInstance;
let seen: { path?: string; verified?: boolean; key?: string } = {};

beforeAll(async () => {
  store = await startTestStore();
  kalshi = http.createServer((req, res) => {
    const ts = String(req.headers['kalshi-access-timestamp']);
    const sig = Buffer.from(String(req.headers['kalshi-access-signature']), 'base64');
    const ok = verify(
      'sha256',
      Buffer.from(`${ts}${req.method}${req.url}`),
      {
        key: publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      },
      sig,
    );
    seen = { path: req.url, verified: ok, key: String(req.headers['kalshi-access-key']) };
    if (!ok) {
      res.writeHead(401).end('{"error":"bad signature"}');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ balance: 123_456, portfolio_value: 150_000 }));
  });
  await new Promise<void>((r) => kalshi.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(kalshi.address() as { port: number }).port}`;
  app = await testApp(store.reader, Date.now, {
    kalshi: { prod: { keyId: 'key-123', privateKeyPem: PEM, baseUrl } },
  });
});
afterAll(async () => {
  await app.close();
  await new Promise((r) => kalshi.close(r));
  await store.close();
});

describe('GET /api/v1/balance', () => {
  it('signs the request as Kalshi requires and converts cents to dollars', async () => {
    const res = await app.inject('/api/v1/balance?env=prod');
    expect(res.statusCode).toBe(200);
    expect(seen).toEqual({ path: '/trade-api/v2/portfolio/balance', verified: true, key: 'key-123' });
    expect(res.json()).toMatchObject({ configured: true, balanceUsd: 1234.56, portfolioValueUsd: 1500 });
    expect(res.body).not.toContain('PRIVATE KEY');
  });
  it('says "not configured" without credentials, never an error', async () => {
    const res = await app.inject('/api/v1/balance?env=demo');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ configured: false });
  });
});
