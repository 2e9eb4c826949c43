// The first screen in the HTML (issue 18; src/server/first-screen): a deep dive or Compare page
// request starts the page's first API load, and the HTML carries a static rendering of it and the
// API's JSON body in an island. On the hand-worked dataset (test/helpers/fixtures.ts), now pinned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../src/server/context.js';
import type { FirstDataIsland } from '../src/api/first-screen.js';
import { testApp } from './helpers/test-app.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { decisionItem, NOW, putAll, writeHandWorkedDataset } from './helpers/fixtures.js';

const DAY = 86_400_000;
/** A market id a page must never run: it closes the island's script and opens markup of its own. */
const EVIL = 'KX-</script><img src=x onerror=alert(1)>&\u2028"\'';
const SHELL =
  '<!doctype html><html><head><script type="module" src="/assets/index-1.js"></script>' +
  '<link rel="stylesheet" href="/assets/index-1.css"></head><body><div id="root"></div></body></html>';

let store: TestStore;
const dir = mkdtempSync(join(tmpdir(), 'dora-first-'));
const apps: FastifyInstance[] = [];

async function appWith(overrides: Partial<AppContext> = {}): Promise<FastifyInstance> {
  const app = await testApp(store.reader, () => NOW, { webDir: dir, ...overrides });
  apps.push(app);
  return app;
}

/** The island's JSON, parsed; null when the page has none. */
function islandOf(html: string): FirstDataIsland | null {
  const m = /<script type="application\/json" id="first-data">([\s\S]*?)<\/script>/.exec(html);
  return m ? (JSON.parse(m[1] ?? '') as FirstDataIsland) : null;
}

const withoutMeta = (body: object) => ({ ...body, meta: undefined });

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), SHELL);
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  await putAll(store.writer, 'dora_market_config_demo', [
    { market_id: EVIL, enabled: true, quote_size: 5, max_inventory_yes: 5, max_inventory_no: 5 },
  ]);
  await putAll(store.writer, 'dora_decision_log_demo', [
    {
      ...decisionItem({ ms: NOW - 3_600_000, market: EVIL, loop: 1, bid: 0.4, ask: 0.45 }),
      price_calc: { logic: '</script><b>x</b>' },
    },
  ]);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the deep dive with its first screen', () => {
  it('sends the head, the static rows and the API body for the anchored range; the API then hits the cache', async () => {
    const app = await appWith();
    const page = await app.inject('/market?m=KX-A&env=demo&range=7d');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body.startsWith(SHELL.slice(0, SHELL.indexOf('<div id="root">')))).toBe(true);
    // Past Chromium's 1 KiB before the root, so the head is not held back (serve-page.ts).
    expect(Buffer.byteLength(page.body.slice(0, page.body.indexOf('<div id="root">')))).toBeGreaterThan(1024);
    const island = islandOf(page.body);
    expect(island?.path).toBe('/market');
    expect(island?.search).toBe('?m=KX-A&env=demo&range=7d');
    expect(island?.anchorMs).toBe(NOW);
    // The app's request for the same range: same key, so the answer the page's load cached.
    const from = new Date(NOW - 7 * DAY).toISOString();
    const to = new Date(NOW).toISOString();
    const api = await app.inject(`/api/v1/markets/KX-A/decisions?env=demo&from=${from}&to=${to}&limit=50`);
    expect(api.json().meta.cache).toBe('hit');
    expect(withoutMeta(island?.body ?? {})).toEqual(withoutMeta(api.json()));
    const items = api.json().items as { decisionId: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    const rowIds = [...page.body.matchAll(/<tr data-row-id="([^"]+)"/g)].map((m) => m[1]);
    expect(rowIds).toEqual(items.map((d) => d.decisionId));
    expect(page.body).toContain('data-testid="decisions-table"');
  });

  it('escapes a market id and a logic text that would close the script or open markup', async () => {
    const app = await appWith();
    const page = await app.inject(`/market?m=${encodeURIComponent(EVIL)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<img');
    expect(page.body).not.toContain('<b>x');
    // U+2028 is plain text in HTML; in the island it is escaped (it once ended JavaScript strings).
    const islandText = page.body.slice(page.body.indexOf('id="first-data"'));
    expect(islandText).not.toContain('\u2028');
    // Two scripts: the app's and the island; nothing else closes one.
    expect(page.body.match(/<script/g)).toHaveLength(2);
    expect(page.body.match(/<\/script>/g)).toHaveLength(2);
    expect(page.body).toContain('KX-&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;');
    const island = islandOf(page.body);
    const body = island?.body as { items: { marketId: string; priceCalc: { logic: string } | null }[] };
    expect(body.items[0]?.marketId).toBe(EVIL);
    expect(body.items[0]?.priceCalc?.logic).toBe('</script><b>x</b>');
  });

  it('serves the plain shell with 200 for a parameter the app or the API would not take', async () => {
    const app = await appWith();
    for (const url of [
      '/market?m=KX-A&env=nope',
      '/market?m=KX-A&range=abc',
      '/market?m=KX-A&range=400d',
      '/market?m=KX-A&range=custom&from=2026-01-01',
      '/market?m=KX-A&tz=Mars/Olympus',
      '/market?m=KX-A&m=KX-B',
      '/market?m=%01',
      '/market',
      '/market?m=KX-A&tab=fills',
      '/compare',
      '/compare?markets=,',
      '/compare?markets=KX-A&range=0d',
    ]) {
      const page = await app.inject(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toBe(SHELL);
    }
    // An unknown market: the load fails; the shell has no island (the app shows the API's 404).
    const unknown = await app.inject('/market?m=KX-NOPE');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('<div id="root"></div>');
    expect(islandOf(unknown.body)).toBeNull();
    expect((await app.inject({ method: 'HEAD', url: '/market?m=KX-A' })).statusCode).toBe(200);
  });

  it('past the deadline: no rows, only the anchor; the app’s request for that range gets the data', async () => {
    const app = await appWith({ firstScreenDeadlineMs: { market: 0, compare: 0 } });
    const page = await app.inject('/market?m=KX-A&env=demo&range=7d');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('data-row-id');
    const island = islandOf(page.body);
    expect(island).toMatchObject({ anchorMs: NOW, body: null });
    const from = new Date(NOW - 7 * DAY).toISOString();
    const to = new Date(NOW).toISOString();
    const api = await app.inject(`/api/v1/markets/KX-A/decisions?env=demo&from=${from}&to=${to}&limit=50`);
    expect(api.statusCode).toBe(200);
    expect(api.json().items.length).toBeGreaterThan(0);
  });
});

describe('Compare with its first screen', () => {
  it('carries the statistics table and the body the API gives for days=7, from the same load', async () => {
    const app = await appWith();
    const page = await app.inject('/compare?markets=KX-A,KX-B&env=demo');
    expect(page.statusCode).toBe(200);
    const island = islandOf(page.body);
    expect(island?.path).toBe('/compare');
    const api = await app.inject('/api/v1/compare?env=demo&markets=KX-A,KX-B&days=7');
    expect(api.json().meta.cache).toBe('hit');
    expect(withoutMeta(island?.body ?? {})).toEqual(withoutMeta(api.json()));
    const rowIds = [...page.body.matchAll(/<tr data-row-id="([^"]+)"/g)].map((m) => m[1]);
    expect(rowIds).toEqual(['KX-A', 'KX-B']);
    expect(page.body).toContain('data-testid="compare-table"');
    // The app's code comes after the screen and its island (codeAfterRoot); the stylesheet stays in
    // the head, which the screen needs.
    const at = (s: string) => page.body.indexOf(s);
    expect(at('/assets/index-1.css')).toBeLessThan(at('data-testid="compare-table"'));
    expect(at('id="first-data"')).toBeLessThan(at('/assets/index-1.js'));
    expect(page.body.match(/index-1\.js/g)).toHaveLength(1);
  });

  it('past the deadline the app’s days=7 request joins the running load (one load, same range)', async () => {
    let now = NOW;
    const app = await appWith({ nowMs: () => now, firstScreenDeadlineMs: { compare: 0 } });
    const page = await app.inject('/compare?markets=KX-A,KX-C&env=demo');
    expect(islandOf(page.body)).toMatchObject({ anchorMs: NOW, body: null });
    now = NOW + 1_000; // the app's request, a second later
    const api = await app.inject('/api/v1/compare?env=demo&markets=KX-A,KX-C&days=7');
    expect(api.statusCode).toBe(200);
    expect(api.json().to).toBe(new Date(NOW).toISOString());
    expect(api.json().items).toHaveLength(2);
  });
});

describe('under auth', () => {
  it('an unauthenticated page request gets no data; a signed-in one does', async () => {
    const app = await appWith({
      auth: { mode: 'basic', user: 'trader', bcryptHash: bcrypt.hashSync('s3cret-pass', 4) },
    });
    const denied = await app.inject('/market?m=KX-A&env=demo');
    expect(denied.statusCode).toBe(401);
    expect(denied.body).not.toContain('first-data');
    expect(denied.body).not.toContain('data-row-id');
    const basic = `Basic ${Buffer.from('trader:s3cret-pass').toString('base64')}`;
    const ok = await app.inject({ url: '/market?m=KX-A&env=demo', headers: { authorization: basic } });
    expect(ok.statusCode).toBe(200);
    expect(islandOf(ok.body)?.body).not.toBeNull();
  });
});
