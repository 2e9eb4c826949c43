// Access control: --auth token (Bearer header or login cookie, never a query string) and --auth
// basic (bcrypt); constant-time checks, rate-limited failures, no secret echoed; health stays open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import type { AuthConfig } from '../src/server/auth.js';
import { startTestStore, type TestStore } from './helpers/store.js';

const TOKEN = 'test-token-0123456789abcdef';
let store: TestStore;
beforeAll(async () => {
  store = await startTestStore();
});
afterAll(async () => store.close());

function appWith(auth: AuthConfig): Promise<FastifyInstance> {
  return testApp(store.reader, Date.now, { auth });
}

describe('--auth token', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith({ mode: 'token', token: TOKEN });
  });
  afterAll(async () => app.close());

  it('refuses the API without the token, and with a wrong one', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer nope' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: TOKEN },
    ]) {
      const res = await app.inject({ url: '/api/v1/markets', headers, remoteAddress: '10.0.0.1' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });
  it('does not accept the token from a query string', async () => {
    const res = await app.inject({
      url: `/api/v1/markets?token=${TOKEN}&access_token=${TOKEN}`,
      remoteAddress: '10.0.0.2',
    });
    expect(res.statusCode).toBe(401);
  });
  it('serves the API with the Bearer token, and never echoes it', async () => {
    const res = await app.inject({ url: '/api/v1/markets', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(TOKEN);
  });
  it('signs a browser in through the login page with an HttpOnly, SameSite=Strict cookie that is not the token', async () => {
    const page = await app.inject({ url: '/login' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post" action="/login">');
    expect(page.body).not.toContain('<script');
    const bad = await app.inject({
      method: 'POST',
      url: '/login',
      payload: 'token=wrong',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '10.0.0.3',
    });
    expect(bad.statusCode).toBe(401);
    const ok = await app.inject({
      method: 'POST',
      url: '/login',
      payload: `token=${TOKEN}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(ok.statusCode).toBe(303);
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toMatch(/^dora_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0] as string;
    expect((await app.inject({ url: '/api/v1/markets', headers: { cookie } })).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { cookie: 'dora_session=forged' },
          remoteAddress: '10.0.0.4',
        })
      ).statusCode,
    ).toBe(401);
  });
  it('sends a browser without a session to the login page', async () => {
    const res = await app.inject({ url: '/some/page', remoteAddress: '10.0.0.5' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login');
  });
  it('rate-limits failed attempts per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push(
        (
          await app.inject({
            url: '/api/v1/markets',
            headers: { authorization: 'Bearer guess' },
            remoteAddress: '10.9.9.9',
          })
        ).statusCode,
      );
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    // Another address is unaffected.
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: `Bearer ${TOKEN}` },
          remoteAddress: '10.9.9.8',
        })
      ).statusCode,
    ).toBe(200);
  });
  it('keeps /api/v1/health open for load balancers, and sets security headers', async () => {
    const res = await app.inject({ url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
  it('sets the same security headers on refusals, errors and cached answers', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const replies = [
      await app.inject({ url: '/api/v1/markets', remoteAddress: '10.3.0.1' }), // 401
      await app.inject({ url: '/api/v1/overview?env=nope', headers: auth, remoteAddress: '10.3.0.2' }), // 400
      await app.inject({ url: '/api/v1/no-such-route', headers: auth, remoteAddress: '10.3.0.3' }), // 404
      await app.inject({ url: '/api/v1/markets', headers: auth, remoteAddress: '10.3.0.4' }), // 200
    ];
    expect(replies.map((r) => r.statusCode)).toEqual([401, 400, 404, 200]);
    for (const r of replies) {
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
    // A cached answer is sent as bytes: still JSON, with its meta and warnings.
    expect(replies[3]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(replies[3]?.json()).toMatchObject({
      meta: { cache: expect.any(String) },
      warnings: expect.any(Array),
    });
  });
});

describe('--auth basic', () => {
  let app: FastifyInstance;
  const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  beforeAll(async () => {
    app = await appWith({ mode: 'basic', user: 'trader', bcryptHash: bcrypt.hashSync('s3cret-pass', 4) });
  });
  afterAll(async () => app.close());

  it('asks for credentials and accepts only the right pair', async () => {
    const none = await app.inject({ url: '/api/v1/markets', remoteAddress: '10.1.0.1' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Basic realm="Dora Dashboard"');
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: basic('trader', 'nope') },
          remoteAddress: '10.1.0.2',
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: basic('other', 's3cret-pass') },
          remoteAddress: '10.1.0.3',
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: basic('trader', 's3cret-pass') },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('--trust-proxy', () => {
  it('takes the scheme and client address from X-Forwarded-*: Secure cookie over https, limits per real client', async () => {
    const app = await testApp(store.reader, Date.now, {
      auth: { mode: 'token', token: TOKEN },
      trustProxy: true,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      payload: `token=${TOKEN}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
    });
    expect(String(login.headers['set-cookie'])).toContain('; Secure');
    for (let i = 0; i < 10; i++)
      await app.inject({
        url: '/api/v1/markets',
        headers: { authorization: 'Bearer x', 'x-forwarded-for': '203.0.113.7' },
      });
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: 'Bearer x', 'x-forwarded-for': '203.0.113.7' },
        })
      ).statusCode,
    ).toBe(429);
    // Another client behind the same proxy is not locked out.
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.8' },
        })
      ).statusCode,
    ).toBe(200);
    await app.close();
  });
});
