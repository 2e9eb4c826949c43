// Issue 16 items 10–15 ("Cockpit truth"): the Active markets table on the page's own scroll, the
// phone layout, the cards' wording, the keyboard path, bad links and the exports, in real Chromium
// against the real server (embedded store, 40 simulated markets so the table is taller than a screen).
import { expect, test, type Page } from '@playwright/test';
import { sheetXml } from '../test/helpers/workbook.js';
import { startDashboard, type RunningServer } from './server.js';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startDashboard([], { DORA_SEED_MARKETS: '40', DORA_SEED_DAYS: '3' });
});
test.afterAll(async () => server?.stop());

interface ApiMarket {
  marketId: string;
  limitUse: number | null;
  unrealizedWorst: number;
}

async function openHome(page: Page, query = ''): Promise<void> {
  await page.goto(`${server.url}/${query}`);
  await expect(page.getByTestId('total-row')).toBeVisible({ timeout: 30_000 });
}

const marketRows = (page: Page) => page.getByTestId('markets-table').locator('tbody tr[data-market]');

/** The riskiest first: limit use (to 0.1 %), then |unrealized (worst)|; no limit last. */
function riskOrder(markets: ApiMarket[]): string[] {
  const use = (m: ApiMarket) => (m.limitUse === null ? -1 : Math.round(m.limitUse * 1000));
  return [...markets]
    .sort((a, b) => use(b) - use(a) || Math.abs(b.unrealizedWorst) - Math.abs(a.unrealizedWorst))
    .map((m) => m.marketId);
}

test('item 10: every market row is reached by the page scroll, never an inner scroll box', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openHome(page);
  const rows = marketRows(page);
  expect(await rows.count()).toBeGreaterThan(25);
  const box = page.getByTestId('markets-scroll');
  // The table's box does not scroll vertically: it is as tall as its rows.
  const inner = await box.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
  expect(inner.scroll).toBeLessThanOrEqual(inner.client + 1);
  // Scrolling the window alone brings the last row and TOTAL on screen.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = rows.last();
  await expect(last).toBeInViewport();
  await expect(page.getByTestId('total-row')).toBeInViewport();
  // The column headings came along: just under the top bar, over the rows.
  const bar = (await page.locator('header.topbar').boundingBox())!;
  const heading = page.getByRole('columnheader', { name: 'Market', exact: true });
  await expect
    .poll(async () => Math.abs((await heading.boundingBox())!.y - (bar.y + bar.height)))
    .toBeLessThan(3);
});

test('item 10: the columns off to the right have a scrollbar on screen; Market stays pinned; tags are whole', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openHome(page);
  const box = page.getByTestId('markets-scroll');
  const wide = await box.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
  expect(wide).toBe(true);
  // With only the table's top rows in view, a horizontal scrollbar is on screen at the bottom.
  await page.getByTestId('markets-panel').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  const bar = page.getByTestId('sticky-scrollbar');
  await expect(bar).toBeInViewport();
  const barBox = (await bar.boundingBox())!;
  expect(barBox.height).toBeGreaterThan(8);
  expect(barBox.y + barBox.height).toBeLessThanOrEqual(900 + 1);
  // Dragging it (scrolling it) moves the table; the market column stays where it was.
  const firstMarket = marketRows(page).first().locator('td.pinned').last();
  const before = (await firstMarket.boundingBox())!;
  await bar.evaluate((e) => (e.scrollLeft = e.scrollWidth));
  await expect.poll(() => box.evaluate((e) => e.scrollLeft)).toBeGreaterThan(100);
  const after = (await firstMarket.boundingBox())!;
  expect(Math.abs(after.x - before.x)).toBeLessThan(1);
  await expect(firstMarket).toBeInViewport();
  // The last column is on screen after that scroll.
  await expect(page.getByRole('columnheader', { name: 'Mismatch' })).toBeInViewport();

  // Tags (OFF, NO CONFIG) sit wholly inside their cell: the name takes the ellipsis instead.
  const tags = page.getByTestId('markets-table').locator('tbody td.pinned .tag');
  const n = await tags.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const clipped = await tags.nth(i).evaluate((t) => {
      const cell = t.closest('td')!.getBoundingClientRect();
      const r = t.getBoundingClientRect();
      return r.right > cell.right + 0.5 || r.width < 8;
    });
    expect(clipped, `tag ${i} clipped`).toBe(false);
  }
});

test('item 10: the default sort is by risk; sort and filter live in the URL and survive a reload', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openHome(page);
  await expect(page.getByRole('columnheader', { name: 'Limit use' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  // The shown order is the API's markets by risk (live fills can move it: poll both).
  await expect(async () => {
    const res = await request.get(`${server.url}/api/v1/overview`);
    const api = (await res.json()) as { markets: ApiMarket[] };
    const shown = await marketRows(page).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-market')));
    expect(shown.slice(0, 10)).toEqual(riskOrder(api.markets).slice(0, 10));
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });

  const net = page.getByRole('columnheader', { name: 'Net pos' });
  await net.getByRole('button').click();
  await expect(page).toHaveURL(/[?&]sort=netPosition\.desc/);
  const first = (await marketRows(page).first().getAttribute('data-market'))!;
  await page.getByLabel('Filter markets').fill(first);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(first).replace(/\./g, '\\.')}`));
  await expect(marketRows(page)).toHaveCount(1);

  await page.reload();
  await expect(page.getByTestId('total-row')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Net pos' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(page.getByLabel('Filter markets')).toHaveValue(first);
  await expect(marketRows(page)).toHaveCount(1);
  // Back to the default: the URL forgets it.
  await page.getByLabel('Filter markets').fill('');
  await expect(page).not.toHaveURL(/[?&]q=/);
});

test('item 13: a skip link, market rows within 10 Tab presses, Enter opens rows and exposure bars', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openHome(page);
  await page.locator('body').focus();
  let presses = 0;
  let onRow = false;
  while (presses < 10 && !onRow) {
    await page.keyboard.press('Tab');
    presses++;
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent ?? '',
      row: document.activeElement?.matches('tr[data-market]') ?? false,
    }));
    if (focused.row) onRow = true;
    else if (/skip to market rows/i.test(focused.text)) {
      await expect(page.getByRole('link', { name: /skip to market rows/i })).toBeInViewport();
      await page.keyboard.press('Enter');
      onRow = await page.evaluate(() => document.activeElement?.matches('tr[data-market]') ?? false);
    }
  }
  expect(onRow, `a market row after ${presses} Tab presses`).toBe(true);
  expect(presses).toBeLessThanOrEqual(10);
  // The focused row is on screen, and arrow keys walk the rows.
  const focusedRow = page.locator('tr[data-market]:focus');
  await expect(focusedRow).toBeInViewport();
  const firstId = await focusedRow.getAttribute('data-market');
  await page.keyboard.press('ArrowDown');
  const secondId = await page.locator('tr[data-market]:focus').getAttribute('data-market');
  expect(secondId).not.toBe(firstId);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(
    new RegExp(`/market\\?.*m=${encodeURIComponent(secondId!).replace(/\./g, '\\.')}`),
  );

  // Enter on an exposure bar opens its market too.
  await openHome(page);
  const bar = page.getByTestId('exposure-panel').locator('.xbar').first();
  const id = (await bar.getAttribute('data-market'))!;
  await bar.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/market\\?.*m=${encodeURIComponent(id).replace(/\./g, '\\.')}`));
});

// The full suite once left "Unreal (W)" under the pinned columns: the sticky scrollbar's late scroll
// event copied a stale position back over the focus scroll (StickyScrollbar now ignores its own echo).
test('item 13: focus never leaves a focused cell under the pinned market column', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openHome(page);
  const box = page.getByTestId('markets-panel').locator('.table-scroll');
  await box.evaluate((e) => (e.scrollLeft = e.scrollWidth));
  // Walk back (Shift+Tab) from the first row through every header button, right to left.
  await marketRows(page).first().focus();
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || !el.closest('thead')) return null;
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { label: el.textContent, visible: hit !== null && (el === hit || el.contains(hit)) };
    });
  for (let i = 0; i < 22; i++) {
    await page.keyboard.press('Shift+Tab');
    const state = await focused();
    if (state === null) break;
    // The page scrolls the focused heading clear in the frame after focus: allow it that frame
    // (a loaded CI machine can take a few), then it must be in view.
    await expect
      .poll(async () => (await focused())?.visible ?? true, {
        message: `header “${state.label}” is hidden under the pinned columns`,
        timeout: 2_000,
      })
      .toBe(true);
  }
});

/** The cells of one column of a sheet (by its header), as raw `<c>` elements. */
function columnCells(sheet: string, header: string): string[] {
  const headers = [...sheet.matchAll(/<c r="([A-Z]+)1"[^>]*><is><t[^>]*>([^<]*)<\/t>/g)];
  const col = headers.find((h) => h[2] === header)?.[1];
  if (!col) throw new Error(`no column ${header}`);
  return [...sheet.matchAll(new RegExp(`<c r="${col}(\\d+)"[^>]*>.*?</c>`, 'g'))]
    .filter((m) => m[1] !== '1')
    .map((m) => m[0]);
}

test('item 15: CSV and Excel on Home and every deep-dive table; workbooks typed, zoned, filtered', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const tz = 'America/New_York';
  await openHome(page, `?tz=${encodeURIComponent(tz)}`);
  const csvHref = (await page.getByTestId('csv-link').getAttribute('href'))!;
  const xlsxHref = (await page.getByTestId('csv-link-xlsx').getAttribute('href'))!;
  expect(xlsxHref).toContain('format=xlsx');
  expect(xlsxHref).toContain(`tz=${encodeURIComponent(tz)}`);

  // CSV: numbers as they read, no JSON blobs.
  const csv = await (await request.get(`${server.url}${csvHref}`)).text();
  expect(csv).not.toMatch(/\d\.\d*0000000\d/);
  expect(csv).not.toMatch(/\d\.\d*9999999\d/);
  expect(csv).not.toContain('{');
  expect(csv).toContain('bid=');

  const res = await request.get(`${server.url}${xlsxHref}`);
  expect(res.ok()).toBe(true);
  const sheet = sheetXml(await res.body());
  expect(sheet).toContain('state="frozen"');
  expect(sheet).toMatch(/<autoFilter ref="A1:[A-Z]+\d+"\/>/);
  expect(sheet).toMatch(/<cols><col min="1"/);
  expect(sheet).not.toContain('{');
  // Money in the dollar format (style 2), times as date cells (style 4) in New York time.
  for (const c of columnCells(sheet, 'realizedPnl')) expect(c).toMatch(/ s="2"><v>-?[\d.]+<\/v>/);
  const api = (await (await request.get(`${server.url}/api/v1/overview`)).json()) as {
    markets: { marketId: string; configCreatedAt: string | null }[];
  };
  const ids = columnCells(sheet, 'marketId').map((c) => /<t[^>]*>([^<]*)</.exec(c)?.[1]);
  const created = columnCells(sheet, 'configCreatedAt');
  const withDate = api.markets.find((m) => m.configCreatedAt !== null)!;
  const row = ids.indexOf(withDate.marketId);
  expect(row).toBeGreaterThanOrEqual(0);
  const ms = Date.parse(withDate.configCreatedAt!);
  const wall = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const p = Object.fromEntries(wall.map((x) => [x.type, x.value]));
  const wallMs =
    Date.UTC(+p['year']!, +p['month']! - 1, +p['day']!, +p['hour']!, +p['minute']!, +p['second']!) +
    (ms % 1000);
  const cellOfRow = created.find((c) =>
    c.startsWith(`<c r="${/^<c r="([A-Z]+)/.exec(created[0]!)![1]}${row + 2}"`),
  )!;
  const serial = Number(/<v>([^<]+)<\/v>/.exec(cellOfRow)![1]);
  expect(cellOfRow).toContain(' s="4"');
  expect(Math.abs(serial - (wallMs / 86_400_000 + 25_569))).toBeLessThan(1 / 86_400);

  // The deep dive: each table has both links, and the workbook is a workbook.
  await page.goto(
    `${server.url}/market?m=${encodeURIComponent(withDate.marketId)}&tz=${encodeURIComponent(tz)}`,
  );
  for (const [tab, testId] of [
    ['decisions', 'csv-decisions'],
    ['executions', 'csv-executions'],
    ['fills', 'csv-fills'],
  ] as const) {
    await page.getByRole('tab', { name: new RegExp(tab, 'i') }).click();
    await expect(page.getByTestId(testId)).toBeVisible();
    const href = (await page.getByTestId(`${testId}-xlsx`).getAttribute('href'))!;
    expect(href).toContain('format=xlsx');
    const book = await request.get(`${server.url}${href}`);
    expect(book.ok()).toBe(true);
    const xml = sheetXml(await book.body());
    expect(xml).toContain('<autoFilter');
    if (tab !== 'executions' || xml.includes('<row r="2"')) {
      const times = columnCells(xml, 'time');
      for (const c of times.slice(0, 5)) expect(c).toContain(' s="4"');
    }
  }
});

test('item 14: a bad tz or env in a link says so with a way out; the page still shows its figures', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/?tz=Mars%2FOlympus&env=staging`);
  const banner = page.getByTestId('bad-link');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('tz');
  await expect(banner).toContainText('“Mars/Olympus” is not a time zone');
  await expect(banner).toContainText('env');
  // Not a blank Home retrying a permanent 400: the figures are there, in UTC.
  await expect(page.getByTestId('total-row')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Retrying every 10 s/)).toHaveCount(0);
  await page.getByTestId('bad-link-fix').click();
  await expect(page).not.toHaveURL(/tz=|env=/);
  await expect(banner).toHaveCount(0);

  // A deep-dive link with a bad time zone: the same banner, the page still works.
  await page.goto(`${server.url}/market?tz=Not%2FAZone`);
  await expect(page.getByTestId('bad-link')).toContainText('“Not/AZone” is not a time zone');
  await expect(page.getByText(/Retrying every 10 s/)).toHaveCount(0);
});

test('item 14: one set of range presets and one searchable picker of every IANA zone on every page; Replay marks its default', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const api = (await (await request.get(`${server.url}/api/v1/overview`)).json()) as { markets: ApiMarket[] };
  const m = encodeURIComponent(api.markets[0]!.marketId);
  const presets = ['1d', '7d', '30d', '90d', '365d', 'Custom'];
  for (const [path, group] of [
    ['/', 'Range'],
    [`/market?m=${m}`, 'Lookback'],
    ['/reconciliation', 'Lookback'],
    ['/compare', 'Lookback'],
  ] as const) {
    await page.goto(`${server.url}${path}`);
    const seg = page.getByRole('group', { name: group, exact: true });
    await expect(seg.getByRole('button')).toHaveText(presets, { timeout: 30_000 });
    await expect(seg.locator('[aria-pressed="true"]')).toHaveCount(1);
  }
  for (const path of [
    '/',
    `/market?m=${m}`,
    '/stale',
    '/risk',
    '/reconciliation',
    '/compare',
    `/replay?m=${m}`,
  ]) {
    await page.goto(`${server.url}${path}`);
    const select = page.getByLabel('Time zone', { exact: true });
    await expect(select, path).toBeVisible({ timeout: 30_000 });
    expect(await select.locator('option').count(), path).toBeGreaterThan(300);
    const find = page.getByLabel('Find a zone by name');
    await find.fill('tokyo');
    expect(await select.locator('option').count()).toBeLessThan(5);
    await find.press('Enter');
    await expect(page, path).toHaveURL(/tz=Asia%2FTokyo/);
    await expect(select).toHaveValue('Asia/Tokyo');
  }
  // Replay: its default window (the last 6 hours) shows as the chosen preset.
  await page.goto(`${server.url}/replay?m=${m}`);
  await expect(page.getByRole('group', { name: 'Last hours' }).locator('[aria-pressed="true"]')).toHaveText(
    '6h',
    {
      timeout: 30_000,
    },
  );
});

test('item 12: cards cut no figure, keep dates whole, say “contracts” and count in good grammar', async ({
  page,
}) => {
  // One of each, and a wide figure: the wording and the fit, whatever the simulator's numbers are.
  await page.route('**/api/v1/overview?**', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as {
      pnl: Record<string, unknown>;
      orders: Record<string, unknown>;
    };
    body.pnl['unrealizedWorst'] = -12345.67;
    body.pnl['fillsToday'] = 1;
    Object.assign(body.orders, {
      activeBids: 1,
      activeAsks: 1,
      activeBidContracts: 1,
      activeAskContracts: 25,
      openOrderCount: 1,
    });
    await route.fulfill({ response: res, json: body });
  });
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await openHome(page);
    const cards = page.getByTestId('metric-cards');
    await expect(page.getByTestId('card-unrealized')).toContainText('−$12,345.67');
    const text = (await cards.textContent()) ?? '';
    expect(text).not.toMatch(/\bcts\b/);
    expect(text).toContain('1 bid (1 contract)');
    expect(text).toContain('1 ask (25 contracts)');
    expect(text).toContain('1 fill ·');
    expect(text).toContain('1 open order in all');
    expect(text).not.toMatch(/\b1 (bids|asks|fills|open orders)\b/);
    // Nothing in a card runs past its edge or is cut with an ellipsis.
    const overflows = await cards.evaluate((root) => {
      const out: string[] = [];
      for (const card of root.querySelectorAll<HTMLElement>('.card')) {
        const box = card.getBoundingClientRect();
        const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.right > box.right + 1) out.push(n.textContent.trim());
        }
        for (const v of card.querySelectorAll<HTMLElement>('.card-value'))
          if (v.scrollWidth > v.clientWidth + 1) out.push(`value ${v.textContent}`);
      }
      return out;
    });
    expect(overflows, `${width}px`).toEqual([]);
    // The date of Today's P&L sits on one line.
    const dateLines = await page.getByTestId('card-today').evaluate((card) => {
      const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent?.search(/\d{4}-\d{2}-\d{2}/) ?? -1;
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 10);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }
      return -1;
    });
    expect(dateLines, `${width}px`).toBe(1);
  }
});

test('item 11: on a phone the header is short, names stay pinned, tabs all show, nothing overlaps, summary first', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openHome(page);
  const header = async () => (await page.locator('header.topbar').boundingBox())!.height;
  expect(await header()).toBeLessThanOrEqual(100);

  // Summary first: attention, the cards, then the top positions, before the chart.
  const top = async (id: string) => (await page.getByTestId(id).boundingBox())!.y;
  expect(await top('attention')).toBeLessThan(await top('metric-cards'));
  expect(await top('metric-cards')).toBeLessThan(await top('exposure-panel'));
  expect(await top('exposure-panel')).toBeLessThan(await top('pnl-panel'));

  // Scrolled sideways (part way, then to the end), the market names stay pinned at the left edge.
  const box = page.getByTestId('markets-scroll');
  await marketRows(page)
    .first()
    .evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const name = marketRows(page).first().locator('td.pinned');
  await expect(name).toHaveCount(1);
  // The pinned column leads, and every cell sits under its own heading.
  await expect(page.getByTestId('markets-table').locator('thead th').first()).toHaveText(/^Market/);
  const firstId = (await marketRows(page).first().getAttribute('data-market'))!;
  await expect(marketRows(page).first().locator('td').first().locator('a').first()).toHaveText(firstId);
  const left = (await box.boundingBox())!.x;
  for (const to of [400, 100_000]) {
    await box.evaluate((e, x) => (e.scrollLeft = x), to);
    await expect.poll(() => box.evaluate((e) => e.scrollLeft)).toBeGreaterThan(200);
    const at = (await name.boundingBox())!;
    expect(Math.abs(at.x - left)).toBeLessThan(2);
    await expect(name.locator('a')).toBeInViewport();
  }

  // The deep dive: header short, and every tab on screen without scrolling the tab bar.
  const api = (await (await request.get(`${server.url}/api/v1/overview`)).json()) as { markets: ApiMarket[] };
  await page.goto(`${server.url}/market?m=${encodeURIComponent(api.markets[0]!.marketId)}`);
  const tabs = page.getByRole('tablist', { name: 'Market detail' }).getByRole('tab');
  await expect(tabs.first()).toBeVisible({ timeout: 30_000 });
  expect(await header()).toBeLessThanOrEqual(100);
  for (const t of await tabs.all()) {
    const r = (await t.boundingBox())!;
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width).toBeLessThanOrEqual(390);
  }

  // Risk: a flag (SPREAD, MISMATCH, drift) never lies over a bar or a figure.
  await page.goto(`${server.url}/risk`);
  await expect(page.getByTestId('limit-bar').first()).toBeVisible({ timeout: 30_000 });
  expect(await header()).toBeLessThanOrEqual(100);
  const overlaps = await page.getByTestId('limit-bars').evaluate((root) => {
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const out: string[] = [];
    let tags = 0;
    for (const li of root.querySelectorAll('li')) {
      const others = ['.lbar-track', '.lbar-value', '.lbar-detail', '.lbar-label']
        .map((s) => li.querySelector(s)?.getBoundingClientRect())
        .filter((r): r is DOMRect => r !== undefined);
      for (const el of li.querySelectorAll('.lbar-flags > *')) {
        tags++;
        const r = el.getBoundingClientRect();
        if (others.some((o) => hit(r, o)) || r.right > window.innerWidth) out.push(el.textContent ?? '');
      }
    }
    return { out, tags };
  });
  expect(overlaps.tags).toBeGreaterThan(0);
  expect(overlaps.out).toEqual([]);
});

test('item 14: a permanent 400 from the server names the parameter and offers the page without it, no “retrying”', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // The server refuses the link's range (as it would a parameter the page cannot check itself).
  await page.route('**/api/v1/overview?**', (route) =>
    route.fulfill({
      status: 400,
      json: { error: { code: 'bad_parameter', message: 'days: must be 1–365', param: 'days' } },
    }),
  );
  await page.goto(`${server.url}/?days=9999`);
  const banner = page.getByTestId('load-error').first();
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText('400 bad_parameter: days: must be 1–365');
  await expect(page.getByText(/Retrying every 10 s/)).toHaveCount(0);
  await page.unroute('**/api/v1/overview?**');
  await banner.getByTestId('load-error-fix').click();
  await expect(page).not.toHaveURL(/days=/);
  await expect(page.getByTestId('total-row')).toBeVisible({ timeout: 30_000 });
});
