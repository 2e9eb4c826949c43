// The embedded default's Kalshi (issue 20): a Kalshi-compatible market-data API on 127.0.0.1 (a
// random port, one server per environment), built from the simulator's market specs, so market
// lifecycle facts show with no network and the same client code that talks to Kalshi talks to it.
//
//   GET /trade-api/v2/markets[?tickers=A,B&limit=&cursor=]   Kalshi's item names, cursor pagination
//   GET /trade-api/v2/markets/{ticker}                       404 `{"error":{"code":"not_found",…}}`
//   GET /trade-api/v2/portfolio/settlements                  signed with the key pair made here
//
// Markets the simulator settles (spec.settle) close at the settle time and are `finalized` after it
// with result yes (settle price ≥ 0.5) or no. Every other market is `active` with a close time in the
// future: about one in four within 24 h (a "closing soon" tag shows), the rest weeks away; a close
// time that passes rolls on by a day (or 60 days), as the simulator keeps quoting those markets.
import http from 'node:http';
import { constants, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { AvgCostPosition } from '../sim/avg-cost.js';
import { MANUAL_TICKER, type MarketSpec } from '../sim/markets.js';

export interface FakeKalshiOptions {
  specs: readonly MarketSpec[];
  /** The bot's positions (the simulator's), for the account's settlements. */
  positions: Readonly<Record<string, AvgCostPosition>>;
  now?: () => number;
}

export interface FakeKalshi {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** A key made for this server: the settlements endpoint verifies its signatures. */
  credentials: { keyId: string; privateKeyPem: string };
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Readable names of the simulator catalog's series (src/sim/markets.ts). */
const SERIES: Record<string, string> = {
  KXNEXTCOACHOUTNFL: 'Next NFL head coach out',
  KXFEATUREDRAKE: 'Drake featured on a new song',
  KXFEDDECISION: 'Fed decision in December 2026',
  KXPLANETFITNESSSUBS: 'Planet Fitness subscribers above 20 million in January',
  KXBTCD: 'Bitcoin price on Nov 28, 2026 at 5pm EST',
  KXALBUMRELEASEDATEASAP: 'When will A$AP Rocky release his album?',
  KXHIGHNY: 'Highest temperature in NYC on Nov 28, 2026',
  KXNBAGAME: 'Los Angeles L at Boston, Nov 28',
  KXOSCARPIC: 'Oscar for Best Picture 2027',
  KXGDP: 'US GDP growth in Q4 2026',
  KXCPIYOY: 'CPI year over year in December 2026',
  KXSPOTIFYGLOBALD: 'Top song on Spotify Global, Dec 5',
  KXRAINNYCM: 'Rain in NYC in December',
  KXEURUSD: 'EUR/USD on Dec 31, 2026',
  KXNFLWINS: 'Kansas City regular-season wins',
  KXTOPALBUM: 'Top album on the Billboard 200, Dec 12',
  KXAAAGASM: 'US gas price (AAA) on Dec 31',
  KXBTCMAXY: 'How high will Bitcoin get this year?',
  KXSIMEVENT: 'Simulated event',
};

const FED: Record<string, string> = { H25: 'Hike 25bps', H0: 'Hold', C25: 'Cut 25bps' };

function eventOf(spec: { ticker: string; eventTicker: string | null }): string {
  if (spec.eventTicker) return spec.eventTicker;
  const parts = spec.ticker.split('-');
  return parts.length > 1 ? parts.slice(0, -1).join('-') : spec.ticker;
}

function subtitleOf(ticker: string, event: string): string {
  const suffix = ticker.startsWith(`${event}-`) ? ticker.slice(event.length + 1) : '';
  if (!suffix) return '';
  if (FED[suffix]) return FED[suffix];
  const n = /^([TB])(\d+(?:\.\d+)?)$/.exec(suffix);
  if (n) return n[1] === 'T' ? `Above ${n[2]}` : `${n[2]} (range)`;
  return suffix;
}

function titleOf(ticker: string, event: string): { title: string; subtitle: string } {
  const series = event.split('-')[0] ?? event;
  const base = SERIES[series] ?? series;
  const subtitle = subtitleOf(ticker, event);
  return { title: subtitle ? `${base}: ${subtitle}` : base, subtitle };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The next instant ≥ now of anchor + k·period (k ≥ 0). */
function rolling(first: number, period: number, now: number): number {
  if (first > now) return first;
  return first + Math.ceil((now - first + 1) / period) * period;
}

/** Kalshi market items for the specs at `nowMs`; `anchorMs` fixes the active markets' close times. */
export function fakeMarketItems(
  specs: readonly MarketSpec[],
  anchorMs: number,
  nowMs: number,
): Record<string, unknown>[] {
  const all: { ticker: string; eventTicker: string | null; settle: MarketSpec['settle'] }[] = [...specs];
  if (!all.some((s) => s.ticker === MANUAL_TICKER))
    all.push({ ticker: MANUAL_TICKER, eventTicker: null, settle: null });
  return all.map((spec, i) => {
    const event = eventOf(spec);
    const { title, subtitle } = titleOf(spec.ticker, event);
    let close: number;
    let status = 'active';
    let result = '';
    if (spec.settle) {
      close = Math.floor(spec.settle.atUs / 1000);
      if (nowMs >= close) {
        status = 'finalized';
        result = spec.settle.priceYes >= 0.5 ? 'yes' : 'no';
      }
    } else if (i % 4 === 1) {
      close = rolling(anchorMs + (4 + ((i * 7) % 18)) * HOUR_MS, DAY_MS, nowMs);
    } else {
      close = rolling(anchorMs + (5 + ((i * 11) % 50)) * DAY_MS, 60 * DAY_MS, nowMs);
    }
    const expiration = close + (spec.settle ? HOUR_MS : 7 * DAY_MS);
    return {
      ticker: spec.ticker,
      event_ticker: event,
      market_type: 'binary',
      title,
      subtitle: '',
      yes_sub_title: subtitle,
      no_sub_title: subtitle,
      open_time: iso(anchorMs - 90 * DAY_MS),
      close_time: iso(close),
      expected_expiration_time: iso(expiration),
      expiration_time: iso(expiration),
      latest_expiration_time: iso(expiration),
      status,
      result,
      can_close_early: true,
    };
  });
}

/** The account's settlements: every settled market where the bot held contracts, newest first. */
export function fakeSettlementItems(
  specs: readonly MarketSpec[],
  positions: Readonly<Record<string, AvgCostPosition>>,
  nowMs: number,
): Record<string, unknown>[] {
  const out: { at: number; item: Record<string, unknown> }[] = [];
  for (const spec of specs) {
    if (!spec.settle) continue;
    const at = Math.floor(spec.settle.atUs / 1000);
    const pos = positions[spec.ticker];
    if (nowMs < at || !pos || Math.abs(pos.netYesQty) < 1e-9) continue;
    const result = spec.settle.priceYes >= 0.5 ? 'yes' : 'no';
    const yes = Math.max(0, pos.netYesQty);
    const no = Math.max(0, -pos.netYesQty);
    const cents = (usd: number) => Math.round(usd * 100);
    out.push({
      at,
      item: {
        ticker: spec.ticker,
        event_ticker: eventOf(spec),
        market_result: result,
        yes_count: yes,
        no_count: no,
        // Cost basis in cents: YES bought at avgBuy; NO at 1 − avgSell (selling YES = buying NO).
        yes_total_cost: cents(yes * pos.avgBuyPrice),
        no_total_cost: cents(no * (1 - pos.avgSellPrice)),
        revenue: (result === 'yes' ? yes : no) * 100,
        fee_cost: '0.00',
        value: result === 'yes' ? 100 : 0,
        settled_time: iso(at + HOUR_MS),
      },
    });
  }
  return out.sort((a, b) => b.at - a.at).map((x) => x.item);
}

function verifies(key: KeyObject, req: http.IncomingMessage, path: string): boolean {
  const ts = req.headers['kalshi-access-timestamp'];
  const sig = req.headers['kalshi-access-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string') return false;
  try {
    return verify(
      'sha256',
      Buffer.from(`${ts}${req.method ?? ''}${path}`),
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
      Buffer.from(sig, 'base64'),
    );
  } catch {
    return false;
  }
}

function page<T>(list: T[], cursor: string | null, limit: number): { items: T[]; cursor: string } {
  const start = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
  const end = start + limit;
  return { items: list.slice(start, end), cursor: end < list.length ? String(end) : '' };
}

export async function startFakeKalshi(opts: FakeKalshiOptions): Promise<FakeKalshi> {
  const now = opts.now ?? Date.now;
  const anchor = now();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = 'embedded-simulated-account';
  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const notFound = { error: { code: 'not_found', message: 'not found', service: 'exchange' } };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET') return json(res, 405, { error: { code: 'method_not_allowed' } });
    const limitText = url.searchParams.get('limit');
    const limit = limitText && /^\d+$/.test(limitText) ? Math.min(1000, Math.max(1, Number(limitText))) : 100;
    if (url.pathname === '/trade-api/v2/markets') {
      const items = fakeMarketItems(opts.specs, anchor, now());
      const tickers = url.searchParams.get('tickers');
      const wanted = tickers ? new Set(tickers.split(',')) : null;
      const p = page(
        wanted ? items.filter((m) => wanted.has(m['ticker'] as string)) : items,
        url.searchParams.get('cursor'),
        limit,
      );
      return json(res, 200, { markets: p.items, cursor: p.cursor });
    }
    const one = /^\/trade-api\/v2\/markets\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const ticker = decodeURIComponent(one[1] ?? '');
      const m = fakeMarketItems(opts.specs, anchor, now()).find((x) => x['ticker'] === ticker);
      return m ? json(res, 200, { market: m }) : json(res, 404, notFound);
    }
    if (url.pathname === '/trade-api/v2/portfolio/settlements') {
      if (req.headers['kalshi-access-key'] !== keyId || !verifies(publicKey, req, url.pathname))
        return json(res, 401, { error: { code: 'authentication_error', message: 'authentication error' } });
      const items = fakeSettlementItems(opts.specs, opts.positions, now());
      const p = page(items, url.searchParams.get('cursor'), limit);
      return json(res, 200, { settlements: p.items, cursor: p.cursor });
    }
    return json(res, 404, notFound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    credentials: { keyId, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
