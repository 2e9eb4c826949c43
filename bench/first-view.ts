// Time to the first view of data the server has not read yet (issue 18's time budgets, D, this
// machine): the deep dive of a quiet market over 30 days until its first decision rows, and Compare of
// 6 markets over 7 days until its statistics table. The server is up and has served Home (the shell's
// overview cached, the live feed running), as when a trader with the dashboard open opens a market;
// each visit is another market (or set of markets), so its data is uncached, in a new browser context
// (no HTTP cache). A MutationObserver added before the app's code stamps performance.now() (ms since the
// navigation started) when the first row appears. The trace beside the figure lists every API request
// of the visit (start and duration from the browser's resource timing, and the server's own account
// of its DynamoDB requests and time from the response's meta): where the time goes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Response } from 'playwright-core';
import { buildWeb, chromiumSettled, DIST, launchChromium } from './browser.js';
import { decisionCounts } from './decision-counts.js';
import type { Bench } from './harness.js';
import { startServer } from './server.js';
import { max, median } from './stats.js';

const SUITE = 'first-view';
const DEEP_DIVE_BUDGET_MS = 500;
const COMPARE_BUDGET_MS = 1000;
const COMPARE_MARKETS = 6;
const TIMEOUT_MS = 30_000;

// Runs before the app (addInitScript): plain JavaScript in a string, as in deepdive.ts.
const probe = (selector: string) => `(() => {
  const s = { firstAt: null };
  window.__firstView = s;
  const seen = () => {
    if (s.firstAt === null && document.querySelector(${JSON.stringify(selector)})) s.firstAt = performance.now();
    return s.firstAt !== null;
  };
  new MutationObserver((_m, o) => { if (seen()) o.disconnect(); })
    .observe(document, { childList: true, subtree: true });
})();`;

interface Call {
  path: string;
  startMs: number;
  durationMs: number;
  status: number;
  /** The server's meta.dynamo for a JSON response: requests and ms spent in DynamoDB (0 when cached). */
  dynamoRequests: number | null;
  dynamoMs: number | null;
  cache: string | null;
}

interface Visit {
  firstMs: number;
  calls: Call[];
  errors: string[];
}

/** One API response; its startMs is epoch ms until the visit subtracts the page's time origin. */
async function callOf(res: Response): Promise<Call | null> {
  const url = new URL(res.url());
  if (!url.protocol.startsWith('http')) return null;
  const t = res.request().timing();
  let meta: { dynamo?: { requests?: number; ms?: number }; cache?: string } | undefined;
  try {
    if ((res.headers()['content-type'] ?? '').includes('json'))
      meta = ((await res.json()) as { meta?: typeof meta }).meta;
  } catch {
    // an event stream or a body already gone: no server account
  }
  return {
    // Static files too: the page's own bundle is on the path to its first rows.
    path: url.pathname.replace(/\/markets\/[^/]+/, '/markets/:id').replace(/-[\w-]{8,}\.(js|css)$/, '-….$1'),
    startMs: t.startTime,
    durationMs: t.responseEnd >= 0 ? t.responseEnd : NaN,
    status: res.status(),
    dynamoRequests: meta?.dynamo?.requests ?? null,
    dynamoMs: meta?.dynamo?.ms ?? null,
    cache: meta?.cache ?? null,
  };
}

async function visit(browser: Browser, url: string, selector: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const pending: Promise<Call | null>[] = [];
    page.on('response', (res) => pending.push(callOf(res)));
    // The page's API requests still open (the live feed aside): the visit ends when they are done.
    const open = new Set<unknown>();
    const isData = (u: string) => u.includes('/api/') && !u.includes('/api/v1/events');
    page.on('request', (req) => void (isData(req.url()) && open.add(req)));
    page.on('requestfinished', (req) => void open.delete(req));
    page.on('requestfailed', (req) => void open.delete(req));
    // The window open and idle before the navigation is timed (chromiumSettled says why).
    await page.goto('about:blank');
    await chromiumSettled();
    await page.addInitScript({ content: probe(selector) });
    await page.goto(url, { waitUntil: 'commit' });
    const origin = await page.evaluate<number>('performance.timeOrigin');
    const deadline = performance.now() + TIMEOUT_MS;
    let firstAt: number | null = null;
    while (firstAt === null) {
      firstAt = await page.evaluate<number | null>('window.__firstView && window.__firstView.firstAt');
      if (firstAt !== null) break;
      if (performance.now() > deadline)
        throw new Error(
          `nothing matched ${selector} within ${TIMEOUT_MS / 1000} s${errors.length ? `: ${errors.join(' | ')}` : ''}`,
        );
      await page.waitForTimeout(25);
    }
    // The trader reads the page before opening the next: let this page's other requests (its charts,
    // fills, executions) finish, so the next visit is not timed behind this one's tail on the server.
    const settleBy = performance.now() + TIMEOUT_MS;
    while (open.size > 0 && performance.now() < settleBy) await page.waitForTimeout(50);
    // Requests that started before the first view are the ones on its path.
    const calls = (await Promise.all(pending))
      .filter((c): c is Call => c !== null)
      .map((c) => ({ ...c, startMs: c.startMs - origin }))
      .filter((c) => c.startMs <= firstAt);
    return { firstMs: firstAt, calls: calls.sort((a, b) => a.startMs - b.startMs), errors };
  } finally {
    await context.close();
  }
}

/**
 * Visits of pages whose data the server has not read yet, on a server that is up and already serving
 * the shell: the dashboard was open (Home loaded, the live feed running) and the trader opens a
 * market, or a comparison, not opened before. Each path is another market (or set), so each visit
 * is uncached; the browser context is new each time (no HTTP cache).
 */
async function uncachedVisits(
  server: { url: string },
  browser: Browser,
  paths: string[],
  selector: string,
): Promise<Visit[]> {
  const visits: Visit[] = [];
  for (const path of paths) visits.push(await visit(browser, `${server.url}${path}`, selector));
  return visits;
}

function traceTable(bench: Bench, title: string, v: Visit): void {
  bench.report.table(
    SUITE,
    title,
    ['request', 'start ms', 'duration ms', 'status', 'cache', 'DynamoDB requests', 'DynamoDB ms'],
    v.calls.map((c) => [
      c.path,
      Math.round(c.startMs),
      Math.round(c.durationMs),
      c.status,
      c.cache ?? '',
      c.dynamoRequests ?? '',
      c.dynamoMs === null ? '' : Math.round(c.dynamoMs),
    ]),
  );
}

export async function firstViewSuite(bench: Bench): Promise<void> {
  const r = bench.report;
  const set = await bench.dataset('D');
  const b = await buildWeb(bench);
  const deepWhat = 'deep dive, quiet market, 30 days, uncached: navigation → first decision rows (median)';
  const compareWhat = `compare, ${COMPARE_MARKETS} markets, 7 days, uncached: navigation → statistics table (median)`;
  if (!b.ok || !existsSync(join(DIST, 'index.html'))) {
    const why = `vite build failed: ${b.output.trim().split('\n').slice(-8).join(' | ')}`;
    r.fail(SUITE, set.label, deepWhat, `≤ ${DEEP_DIVE_BUDGET_MS} ms`, why);
    r.fail(SUITE, set.label, compareWhat, `≤ ${COMPARE_BUDGET_MS} ms`, why);
    return;
  }
  const counts = (await decisionCounts(set)).filter((c) => c.decisions > 0);
  const quiet = counts[0];
  const quietest = counts.slice(0, 3);
  // Three comparisons of 6 markets each, none shared, from the busiest down (each one uncached).
  const busiestFirst = [...counts].reverse().map((c) => c.market);
  const compareSets = [0, 1, 2]
    .map((k) => busiestFirst.slice(k * COMPARE_MARKETS, (k + 1) * COMPARE_MARKETS))
    .filter((set) => set.length === COMPARE_MARKETS);
  if (!quiet) {
    r.skip(SUITE, deepWhat, 'no market has a decision in the last 30 days');
    return;
  }
  bench.log(`first-view: quiet markets ${quietest.map((q) => `${q.market} (${q.decisions})`).join(', ')}`);
  const browser = await launchChromium();
  const server = await startServer(set, { webDir: DIST, built: true });
  try {
    // The dashboard was open: Home loaded (the process warm, the overview cached, the live feed on).
    await visit(browser, `${server.url}/?env=demo`, '[data-testid="markets-table"] tbody tr');
    const deep = await uncachedVisits(
      server,
      browser,
      (bench.quick ? quietest.slice(0, 1) : quietest).map(
        (q) => `/market?m=${encodeURIComponent(q.market)}&env=demo&range=30d`,
      ),
      '[data-testid="decisions-table"] tbody tr[data-row-id]',
    );
    const compare = await uncachedVisits(
      server,
      browser,
      (bench.quick ? compareSets.slice(0, 1) : compareSets).map(
        (ms) => `/compare?env=demo&markets=${encodeURIComponent(ms.join(','))}&range=7d`,
      ),
      '[data-testid="compare-table"] tbody tr',
    );
    const slowest = (vs: Visit[]) => vs.reduce((a, v) => (v.firstMs > a.firstMs ? v : a));
    traceTable(
      bench,
      `Deep dive of a quiet market (${quietest.map((q) => `${q.market}: ${q.decisions.toLocaleString('en-US')}`).join(', ')} decisions in 30 days), slowest visit (${Math.round(slowest(deep).firstMs)} ms): the requests before its first rows`,
      slowest(deep),
    );
    traceTable(
      bench,
      `Compare of 6 markets over 7 days (${compareSets.length} sets, from the busiest down), slowest visit (${Math.round(slowest(compare).firstMs)} ms): the requests before its table`,
      slowest(compare),
    );
    for (const [what, vs, budget] of [
      [deepWhat, deep, DEEP_DIVE_BUDGET_MS],
      [compareWhat, compare, COMPARE_BUDGET_MS],
    ] as const) {
      const errors = [...new Set(vs.flatMap((v) => v.errors))];
      r.check({
        suite: SUITE,
        dataset: set.label,
        what,
        value: median(vs.map((v) => v.firstMs)),
        unit: 'ms',
        op: '<=',
        limit: budget,
        digits: 0,
        note: `visits ${vs.map((v) => Math.round(v.firstMs)).join(', ')} ms; slowest ${Math.round(max(vs.map((v) => v.firstMs)))} ms${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`,
      });
    }
    r.fact(SUITE, 'quiet', quiet);
    r.fact(SUITE, 'compareSets', compareSets);
    r.fact(SUITE, 'deepDive', deep);
    r.fact(SUITE, 'compare', compare);
  } finally {
    await browser.close();
    await server.stop();
  }
}
