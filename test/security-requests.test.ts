// Hostile requests (issue 21): Host headers of a rebinding page, forged and tampered page cursors,
// non-GET methods on page paths, and more live streams and exports than one client should hold.
// Against a real store holding the hand-worked dataset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import type { AppContext } from '../src/server/context.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { NOW, writeHandWorkedDataset } from './helpers/fixtures.js';

let store: TestStore;
let webDir: string;
const apps: FastifyInstance[] = [];

async function appWith(extra: Partial<AppContext> = {}): Promise<FastifyInstance> {
  const app = await buildApp({
    source: 'embedded',
    defaultEnv: 'demo',
    region: 'us-east-1',
    client: store.reader,
    nowMs: () => NOW,
    webDir: null,
    auth: { mode: 'none' },
    ...extra,
  });
  apps.push(app);
  return app;
}

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  webDir = mkdtempSync(join(tmpdir(), 'dora-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Dora</title>');
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await store.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('DNS rebinding (item 5)', () => {
  it('the default setup (loopback, no auth) answers only loopback names, IP addresses and --allowed-hosts', async () => {
    const app = await appWith({
      hosts: { listen: '127.0.0.1', allowed: ['dash.example.com', '.corp.example'] },
    });
    const status = async (host: string) =>
      (await app.inject({ url: '/api/v1/overview', headers: { host } })).statusCode;
    for (const host of [
      '127.0.0.1:8501',
      'localhost:8501',
      'LOCALHOST',
      'app.localhost:8501',
      '[::1]:8501',
      '10.1.2.3',
      'dash.example.com',
      'x.corp.example:443',
    ]) {
      expect(await status(host), host).toBe(200);
    }
    for (const host of [
      'attacker.example:8501',
      'attacker.example',
      'localhost.attacker.example',
      'dash.example.com.attacker.example',
      'example.com',
      '127.0.0.1.nip.io:8501',
    ]) {
      const res = await app.inject({ url: '/api/v1/overview', headers: { host } });
      expect(res.statusCode, host).toBe(421);
      expect(res.json().error.code).toBe('host_not_allowed');
    }
    // Health and the web app too: nothing is served to a rebound name.
    expect(
      (await app.inject({ url: '/api/v1/health', headers: { host: 'attacker.example' } })).statusCode,
    ).toBe(421);
  });

  it('over a real socket, as a browser on a rebound name would ask', async () => {
    const app = await appWith();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    const get = (host: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/api/v1/markets', headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
    expect(await get(`rebind.attacker.example:${port}`)).toBe(421);
    expect(await get(`127.0.0.1:${port}`)).toBe(200);
  });
});

describe('page paths (item 11)', () => {
  it('answer GET and HEAD with the web app, and 405 to every other method', async () => {
    const app = await appWith({ webDir });
    expect((await app.inject({ method: 'GET', url: '/market?m=KX-A' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'HEAD', url: '/market' })).statusCode).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
      const res = await app.inject({ method, url: '/market', payload: method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, method).toBe(405);
      expect(res.headers['allow']).toBe('GET, HEAD');
      expect(res.body).not.toContain('<!doctype html>');
    }
    expect((await app.inject({ method: 'POST', url: '/' })).statusCode).toBe(405);
  });
});

describe('page cursors (item 9)', () => {
  it('an executions cursor outside the range checks, or not of this request, is a 400', async () => {
    const app = await appWith();
    const first = (await app.inject('/api/v1/markets/KX-A/executions?limit=1&days=3')).json();
    expect(first.nextCursor).toMatch(/^o1\.\d+\.\d+$/);
    const [, from, to] = /^o1\.(\d+)\.(\d+)$/.exec(first.nextCursor) as unknown as [string, string, string];
    // The cursor it issued works with the request it was issued for.
    expect(
      (await app.inject(`/api/v1/markets/KX-A/executions?limit=1&days=3&cursor=${first.nextCursor}`))
        .statusCode,
    ).toBe(200);
    const forged = [
      'o2.0.9999999999999', // from 1970 to 2286: past every range check
      `o1.${Number(to) - 400 * 86_400_000}.${to}`, // 400 days
      `o1.${to}.${from}`, // reversed
      `o1.${from}.${Number(to) + 3_600_000}`, // ends after now
      `o1.${Number(from) - 86_400_000}.${to}`, // 4 days where the request says 3
      'o9999999.' + from + '.' + to, // an offset no list has
    ];
    for (const cursor of forged) {
      const res = await app.inject(`/api/v1/markets/KX-A/executions?limit=1&days=3&cursor=${cursor}`);
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json().error.param).toBe('cursor');
    }
    // Bound to the request's own from/to when it gives them.
    expect(
      (await app.inject(`/api/v1/markets/KX-A/executions?limit=1&from=2026-01-01&cursor=${first.nextCursor}`))
        .statusCode,
    ).toBe(400);
  });

  it('500 forged executions cursors hold no more than a few cached lists', async () => {
    const app = await appWith();
    const base = Date.UTC(2026, 0, 5);
    let ok = 0;
    for (let i = 0; i < 500; i++) {
      // Each a valid one-day range ending somewhere else: distinct lists, each cached on its own.
      const to = base - i * 60_000;
      const res = await app.inject(
        `/api/v1/markets/KX-A/executions?limit=1&to=${new Date(to).toISOString()}&cursor=o0.${to - 86_400_000}.${to}`,
      );
      if (res.statusCode === 200) ok++;
    }
    expect(ok).toBe(500);
    expect(app.dora.executionLists()).toBeLessThanOrEqual(32);
  });

  it('a tampered decisions cursor is a 400 naming the cursor, never a 500', async () => {
    const app = await appWith();
    const page = (await app.inject('/api/v1/markets/KX-A/decisions?limit=1&from=2026-01-05')).json();
    expect(page.nextCursor).toEqual(expect.any(String));
    const decoded = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString());
    const forge = (key: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ ...decoded, key: { ...decoded.key, ...key } })).toString('base64url');
    const tampered = [
      forge({ timestamp: 'zzz' }),
      forge({ timestamp: '2019-01-01T00:00:00.000000' }), // outside the request's range
      forge({ date: '1999-1-1' }), // not a date
      forge({ date: '' }),
      forge({ timestamp: '' }),
      forge({ market_id: 'KX-A', date: 'x'.repeat(1500) }),
      Buffer.from('{"v":1}').toString('base64url'),
      'not base64 at all!!',
    ];
    for (const cursor of tampered) {
      const res = await app.inject(
        `/api/v1/markets/KX-A/decisions?limit=1&from=2026-01-05&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(res.statusCode, cursor.slice(0, 80)).toBe(400);
      expect(res.json().error.param).toBe('cursor');
      expect(res.body).not.toMatch(/stack|ValidationException|at .*\.js/);
    }
  });
});

describe('caps on live streams and exports (item 11)', () => {
  it('one client holds at most ssePerClient streams; everyone together at most sseTotal', async () => {
    // Clients are told apart by address: here the real client's, from the local proxy's X-Forwarded-For.
    const app = await appWith({
      limits: { ssePerClient: 3, sseTotal: 5 },
      livePollMs: 60_000,
      trustProxy: true,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    const open: http.ClientRequest[] = [];
    const connect = (client: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(
          { host: '127.0.0.1', port, path: '/api/v1/events', headers: { 'x-forwarded-for': client } },
          (res) => {
            resolve(res.statusCode ?? 0);
            if (res.statusCode !== 200) res.resume();
          },
        );
        req.on('error', reject);
        open.push(req);
      });
    const a = [];
    for (let i = 0; i < 4; i++) a.push(await connect('203.0.113.1'));
    expect(a).toEqual([200, 200, 200, 429]);
    const b = [];
    for (let i = 0; i < 4; i++) b.push(await connect(`203.0.113.${10 + i}`));
    expect(b).toEqual([200, 200, 503, 503]); // 3 + 2 = the total of 5
    expect(app.dora.hub.listenerCount()).toBe(5);
    for (const r of open) r.destroy();
    // Closed streams give their places back.
    await new Promise((r) => setTimeout(r, 200));
    expect(await connect('203.0.113.1')).toBe(200);
    for (const r of open) r.destroy();
  });

  it('one client runs at most exportsPerClient exports at once; the next gets 429 at once', async () => {
    const app = await appWith({ limits: { exportsPerClient: 1, exportsTotal: 2 } });
    const exportOf = (ip: string) =>
      app.inject({ url: '/api/v1/markets/KX-A/decisions?format=xlsx&from=2026-01-05', remoteAddress: ip });
    const [x, y] = await Promise.all([exportOf('198.51.100.1'), exportOf('198.51.100.1')]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 429]);
    const three = await Promise.all([
      exportOf('198.51.100.2'),
      exportOf('198.51.100.3'),
      exportOf('198.51.100.4'),
    ]);
    expect(three.map((r) => r.statusCode).sort()).toEqual([200, 200, 503]);
    // Finished exports free their places.
    expect((await exportOf('198.51.100.1')).statusCode).toBe(200);
    // JSON pages are not exports.
    const pages = await Promise.all(
      [1, 2, 3].map(() => app.inject({ url: '/api/v1/markets', remoteAddress: '198.51.100.1' })),
    );
    expect(pages.map((r) => r.statusCode)).toEqual([200, 200, 200]);
  });
});
