// A configurable fake of Kalshi's market-data API on 127.0.0.1 for the client's tests: markets by
// ticker (cursor pagination at `pageSize`), one market by ticker (404 like Kalshi's for unknown), the
// signed portfolio settlements (verified with the public key), and a queue of faults consumed one per
// request: an HTTP status (with Retry-After), a hang (never answers), a malformed body, a raw body.
import http from 'node:http';
import { constants, verify, type KeyObject } from 'node:crypto';

export type Fault =
  | { status: number; retryAfter?: string; location?: string; body?: string }
  | { hang: true }
  | { body: string; status?: number };

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** For signed requests: whether the signature verified with the public key. */
  signatureOk: boolean | null;
}

export interface FakeKalshi {
  url: string;
  markets: Map<string, Record<string, unknown>>;
  settlements: Record<string, unknown>[];
  faults: Fault[];
  requests: SeenRequest[];
  pageSize: number;
  close(): Promise<void>;
}

export function kalshiMarket(ticker: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ticker,
    event_ticker: ticker.split('-').slice(0, -1).join('-') || ticker,
    market_type: 'binary',
    title: `Title of ${ticker}`,
    subtitle: '',
    yes_sub_title: `Yes ${ticker}`,
    no_sub_title: `No ${ticker}`,
    status: 'active',
    open_time: '2026-01-01T00:00:00Z',
    close_time: '2026-12-31T23:00:00Z',
    expiration_time: '2027-01-07T23:00:00Z',
    latest_expiration_time: '2027-01-07T23:00:00Z',
    result: '',
    yes_bid: 40,
    yes_ask: 42,
    ...extra,
  };
}

function verifies(publicKey: KeyObject, req: http.IncomingMessage, path: string): boolean {
  const ts = req.headers['kalshi-access-timestamp'];
  const sig = req.headers['kalshi-access-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string' || !req.headers['kalshi-access-key']) return false;
  return verify(
    'sha256',
    Buffer.from(`${ts}${req.method ?? ''}${path}`),
    {
      key: publicKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    },
    Buffer.from(sig, 'base64'),
  );
}

export async function startFakeKalshi(opts: { publicKey?: KeyObject } = {}): Promise<FakeKalshi> {
  const hanging = new Set<http.ServerResponse>();
  const state: Omit<FakeKalshi, 'url' | 'close'> = {
    markets: new Map(),
    settlements: [],
    faults: [],
    requests: [],
    pageSize: 1000,
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const page = <T>(list: T[], cursor: string | null, limit: number) => {
    const start = cursor ? Number(cursor.slice(1)) : 0;
    const size = Math.min(limit, state.pageSize);
    const end = start + size;
    return { items: list.slice(start, end), cursor: end < list.length ? `c${end}` : '' };
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const signed = url.pathname === '/trade-api/v2/portfolio/settlements';
    state.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      signatureOk: signed && opts.publicKey ? verifies(opts.publicKey, req, url.pathname) : null,
    });
    const fault = state.faults.shift();
    if (fault) {
      if ('hang' in fault) {
        hanging.add(res);
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if ('retryAfter' in fault && fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      if ('location' in fault && fault.location !== undefined) headers['location'] = fault.location;
      res.writeHead(fault.status ?? 200, headers).end(fault.body ?? '{"error":{"code":"fault"}}');
      return;
    }
    if (req.method !== 'GET') return json(res, 405, { error: { code: 'method_not_allowed' } });
    const limit = Number(url.searchParams.get('limit') ?? '100');
    if (url.pathname === '/trade-api/v2/markets') {
      const tickers = (url.searchParams.get('tickers') ?? '').split(',').filter(Boolean);
      const found = tickers.flatMap((t) => state.markets.get(t) ?? []);
      const p = page(found, url.searchParams.get('cursor'), limit);
      return json(res, 200, { markets: p.items, cursor: p.cursor });
    }
    const one = /^\/trade-api\/v2\/markets\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const m = state.markets.get(decodeURIComponent(one[1] ?? ''));
      if (!m)
        return json(res, 404, { error: { code: 'not_found', message: 'not found', service: 'exchange' } });
      return json(res, 200, { market: m });
    }
    if (signed) {
      if (opts.publicKey && !verifies(opts.publicKey, req, url.pathname))
        return json(res, 401, { error: { code: 'authentication_error' } });
      const p = page(state.settlements, url.searchParams.get('cursor'), limit);
      return json(res, 200, { settlements: p.items, cursor: p.cursor });
    }
    return json(res, 404, { error: { code: 'not_found', message: 'not found' } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  });
}
