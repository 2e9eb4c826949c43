// The market deep dive in headless Chromium on D (the API and web app in a child process, as the
// browser suite serves S): /market?m=<busiest>&env=demo&range=30d, decisions tab (the default),
// scrolled from the top until 10,000 rows have loaded or the range has no more (the table loads
// pages of 200 by cursor as it nears its end). A PerformanceObserver('longtask'), added before any
// of the app's code, records every main-thread task over 50 ms. Budget: none over 100 ms, both
// while opening the page (navigation → first rows) and while scrolling. The worst of 3 visits (fresh
// browser context each) is checked. The busiest market is the one with the most decisions in the
// 30 days (counted on the decision GSI before measuring).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, DIST, launchChromium } from './browser.js';
import { decisionCounts } from './decision-counts.js';
import type { Bench, OpenSet } from './harness.js';
import { startServer } from './server.js';
import { max, median } from './stats.js';

const SUITE = 'deepdive';
const WANT_ROWS = 10_000;
const LONG_TASK_BUDGET_MS = 100;
/** How long the page may take to show its first decision rows before the suite gives up on it. */
const FIRST_ROWS_TIMEOUT_MS = 30_000;
/** How long one scroll may wait for the next page of decisions. */
const PAGE_TIMEOUT_MS = 15_000;
const SCROLL_STEP_WAIT_MS = 40;

// Runs in the page before the app (addInitScript). Plain JavaScript in a string, as browser-probe.ts.
const LONGTASK_PROBE = `(() => {
  const s = { tasks: [], supported: false, error: null, scrollStart: null, scrollEnd: null, firstRows: null };
  window.__deepdive = s;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) s.tasks.push({ start: e.startTime, duration: e.duration, name: e.name });
    }).observe({ type: 'longtask', buffered: true });
    s.supported = true;
  } catch (e) { s.error = String(e); }
})();`;

const FIRST_ROWS =
  '(() => { const t = document.querySelector(\'[data-testid="decisions-table"] tbody tr[data-row-id]\'); if (t && window.__deepdive.firstRows === null) window.__deepdive.firstRows = performance.now(); return !!t; })()';
const TEST_IDS =
  "[...new Set([...document.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid')))]";
const MARK_SCROLL_START = 'window.__deepdive.scrollStart = performance.now()';
const MARK_SCROLL_END = 'window.__deepdive.scrollEnd = performance.now()';
const READ_PROBE = 'window.__deepdive';
/** One scroll step of a viewport; says how many rows are loaded and whether the range has more. */
const SCROLL_STEP = `(() => {
  const e = document.querySelector('[data-testid="decisions-table-scroll"]');
  const count = document.querySelector('[data-testid="decisions-count"]');
  const tail = document.querySelector('[data-testid="decisions-table"] tr.vt-tail');
  const loaded = Number((((count && count.textContent) || '').replace(/,/g, '').match(/\\d+/) || ['0'])[0]);
  if (!e) return { loaded, atEnd: true, tail: null, missing: true };
  const atEnd = e.scrollTop + e.clientHeight >= e.scrollHeight - 2;
  e.scrollTop += e.clientHeight;
  return { loaded, atEnd, tail: tail ? tail.textContent : null, missing: false, at: performance.now(),
    rendered: document.querySelectorAll('[data-testid="decisions-table"] tbody tr[data-row-id]').length };
})()`;

interface Step {
  loaded: number;
  atEnd: boolean;
  tail: string | null;
  missing: boolean;
  rendered?: number;
  /** performance.now() in the page when the step ran. */
  at?: number;
}

interface LongTask {
  start: number;
  duration: number;
  name: string;
}

interface Probe {
  tasks: LongTask[];
  supported: boolean;
  error: string | null;
  scrollStart: number | null;
  scrollEnd: number | null;
  firstRows: number | null;
}

interface Visit {
  rows: number;
  complete: boolean;
  firstRowsMs: number;
  scrollSeconds: number;
  pageRequests: number;
  load: LongTask[];
  scroll: LongTask[];
  range: { from: string; to: string };
  errors: string[];
  maxRendered: number;
  /** [page time, rows loaded] at each scroll step, to place each long task against the list's length. */
  steps: [number, number][];
}

/** The market with the most decisions in the last 30 days (counted outside any measurement). */
async function busiestDecisionMarket(set: OpenSet): Promise<{ market: string; decisions: number }> {
  const counts = await decisionCounts(set);
  return counts[counts.length - 1] ?? { market: set.discovery.busiestFills.market, decisions: -1 };
}

class NotThere extends Error {}

async function visit(browser: Browser, url: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let pageRequests = 0;
    page.on('request', (r) => {
      if (/\/api\/v1\/markets\/[^/]+\/decisions\?/.test(r.url())) pageRequests++;
    });
    await page.addInitScript({ content: LONGTASK_PROBE });
    await page.goto(url, { waitUntil: 'load' });
    // Polled with evaluate (DevTools protocol): the app's CSP forbids waitForFunction's eval.
    const deadline = performance.now() + FIRST_ROWS_TIMEOUT_MS;
    while (!(await page.evaluate(FIRST_ROWS))) {
      if (performance.now() > deadline) {
        const ids = await page.evaluate<string[]>(TEST_IDS);
        throw new NotThere(
          `no decision rows ([data-testid="decisions-table"] tbody tr[data-row-id]) within ${FIRST_ROWS_TIMEOUT_MS / 1000} s; ` +
            `test ids on the page: ${ids.join(', ') || 'none'}${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`,
        );
      }
      await page.waitForTimeout(50);
    }
    const range = {
      from: (await page.getAttribute('[data-testid="market-page"]', 'data-from')) ?? '',
      to: (await page.getAttribute('[data-testid="market-page"]', 'data-to')) ?? '',
    };
    // Let the first page settle, then scroll a viewport at a time, waiting for pages as they load.
    await page.waitForTimeout(300);
    await page.evaluate(MARK_SCROLL_START);
    const started = performance.now();
    let rows = 0;
    let complete = false;
    let maxRendered = 0;
    let waitingSince: number | null = null;
    const steps: [number, number][] = [];
    for (;;) {
      const s = await page.evaluate<Step>(SCROLL_STEP);
      steps.push([s.at ?? NaN, s.loaded]);
      if (s.missing)
        throw new NotThere('the decisions table has no [data-testid="decisions-table-scroll"] scroller');
      rows = s.loaded;
      maxRendered = Math.max(maxRendered, s.rendered ?? 0);
      if (rows >= WANT_ROWS) break;
      if (s.atEnd) {
        if (s.tail === null || s.tail.includes('Start of the range')) {
          complete = true;
          break;
        }
        waitingSince ??= performance.now();
        if (performance.now() - waitingSince > PAGE_TIMEOUT_MS) break;
      } else waitingSince = null;
      await page.waitForTimeout(SCROLL_STEP_WAIT_MS);
    }
    const scrollSeconds = (performance.now() - started) / 1000;
    await page.evaluate(MARK_SCROLL_END);
    // Long tasks are reported after they end: give the last ones time to arrive.
    await page.waitForTimeout(500);
    const probe = await page.evaluate<Probe>(READ_PROBE);
    if (!probe.supported) throw new Error(`PerformanceObserver('longtask') unsupported: ${probe.error}`);
    const scrollStart = probe.scrollStart ?? Infinity;
    return {
      rows,
      complete,
      firstRowsMs: probe.firstRows ?? NaN,
      scrollSeconds,
      pageRequests,
      load: probe.tasks.filter((t) => t.start < scrollStart),
      scroll: probe.tasks.filter((t) => t.start >= scrollStart),
      range,
      errors,
      maxRendered,
      steps,
    };
  } finally {
    await context.close();
  }
}

const blocking = (tasks: LongTask[]) => tasks.reduce((n, t) => n + Math.max(0, t.duration - 50), 0);

export async function deepDiveSuite(bench: Bench): Promise<void> {
  const r = bench.report;
  const what = `deep dive, 30 days, decisions tab scrolled through ${WANT_ROWS.toLocaleString('en-US')} rows: longest task`;
  const set = await bench.dataset('D');
  const b = await buildWeb(bench);
  if (!b.ok || !existsSync(join(DIST, 'index.html'))) {
    r.fail(
      SUITE,
      set.label,
      what,
      `≤ ${LONG_TASK_BUDGET_MS} ms`,
      `vite build failed: ${b.output.trim().split('\n').slice(-8).join(' | ')}`,
    );
    return;
  }
  const busiest = await busiestDecisionMarket(set);
  bench.log(`deepdive: ${busiest.market} has ${busiest.decisions} decisions in 30 days`);
  const server = await startServer(set, { webDir: DIST });
  const browser = await launchChromium();
  const visits: Visit[] = [];
  try {
    const url = `${server.url}/market?m=${encodeURIComponent(busiest.market)}&env=demo&range=30d`;
    const n = bench.quick ? 1 : 3;
    for (let i = 0; i < n; i++) {
      try {
        visits.push(await visit(browser, url));
      } catch (err) {
        if (err instanceof NotThere) {
          r.skip(SUITE, what, `the deep dive page is not ready: ${err.message}`);
          r.fact(SUITE, 'skipped', err.message);
          return;
        }
        throw err;
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const rows = visits.map((v, i) => [
    i + 1,
    v.rows,
    v.complete ? 'all of the range' : `stopped at ${WANT_ROWS.toLocaleString('en-US')}`,
    v.pageRequests,
    v.firstRowsMs,
    v.scrollSeconds,
    v.load.length,
    max(v.load.map((t) => t.duration)) || 0,
    v.scroll.length,
    max(v.scroll.map((t) => t.duration)) || 0,
    blocking(v.scroll),
  ]);
  r.table(
    SUITE,
    `Deep dive on ${set.label}: ${busiest.market} (${busiest.decisions.toLocaleString('en-US')} decisions in 30 days), decisions tab scrolled a viewport every ${SCROLL_STEP_WAIT_MS} ms (headless Chromium, 1440×900, server in a child process; long task = main-thread task > 50 ms)`,
    [
      'visit',
      'rows loaded',
      'end',
      'page requests',
      'first rows ms',
      'scroll s',
      'load: long tasks',
      'load: longest ms',
      'scroll: long tasks',
      'scroll: longest ms',
      'scroll: blocking ms',
    ],
    rows,
  );
  // Long tasks while scrolling against how many rows were loaded when they started: a cost that
  // grows with the list points at per-page work proportional to everything loaded so far.
  const bucket = 1000;
  const byRows = new Map<number, number[]>();
  for (const v of visits) {
    for (const t of v.scroll) {
      const loadedThen = [...v.steps].reverse().find(([at]) => at <= t.start)?.[1] ?? 0;
      const k = Math.floor(loadedThen / bucket);
      byRows.set(k, [...(byRows.get(k) ?? []), t.duration]);
    }
  }
  if (byRows.size) {
    r.table(
      SUITE,
      `Long tasks while scrolling, by rows loaded when the task started (all ${visits.length} visits)`,
      ['rows loaded', 'long tasks', 'median ms', 'longest ms'],
      [...byRows.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([k, ds]) => [
          `${(k * bucket).toLocaleString('en-US')}–${((k + 1) * bucket - 1).toLocaleString('en-US')}`,
          ds.length,
          median(ds),
          max(ds),
        ]),
    );
  }
  const first = visits[0] as Visit;
  r.print(
    `  range ${first.range.from} → ${first.range.to}; rows in the DOM at most ${max(visits.map((v) => v.maxRendered))}`,
  );
  const errors = [...new Set(visits.flatMap((v) => v.errors))];
  if (errors.length) r.print(`  page errors: ${errors.join(' | ')}`);
  r.fact(SUITE, 'market', busiest);
  r.fact(SUITE, 'visits', visits);
  const loaded = Math.min(...visits.map((v) => v.rows));
  const rowsNote = `${loaded.toLocaleString('en-US')} rows loaded${visits.every((v) => v.complete) ? ' (all the market has in 30 days)' : ''}; worst of ${visits.length} visits`;
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: `deep dive decisions tab, scrolling through ${loaded.toLocaleString('en-US')} rows: longest task`,
    value: max(visits.flatMap((v) => v.scroll.map((t) => t.duration))) || 0,
    unit: 'ms',
    op: '<=',
    limit: LONG_TASK_BUDGET_MS,
    digits: 0,
    note: rowsNote,
  });
  r.check({
    suite: SUITE,
    dataset: set.label,
    what: 'deep dive, 30 days: opening the page (navigation → first rows): longest task',
    value: max(visits.flatMap((v) => v.load.map((t) => t.duration))) || 0,
    unit: 'ms',
    op: '<=',
    limit: LONG_TASK_BUDGET_MS,
    digits: 0,
    note: `worst of ${visits.length} visits`,
  });
  if (!visits.every((v) => v.complete || v.rows >= WANT_ROWS)) {
    r.fail(
      SUITE,
      set.label,
      'deep dive: the decisions list loads to the end of the range',
      `${WANT_ROWS} rows or all of the range`,
      `a visit stopped at ${loaded} rows: the next page did not come within ${PAGE_TIMEOUT_MS / 1000} s`,
    );
  }
}
