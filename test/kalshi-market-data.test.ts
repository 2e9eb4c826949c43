// The Kalshi market-data client against a real local HTTP server (test/helpers/fake-kalshi.ts) with
// injected faults: retries on 5xx, none on other 4xx, timeouts, 429 with Retry-After, malformed JSON,
// unknown tickers, pagination, batching, signed settlements, items that do not decode.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { KalshiApiError, MarketDataClient, retryAfterMs } from '../src/store/kalshi/market-data-client.js';
import { startFakeKalshi, kalshiMarket, type FakeKalshi } from './helpers/fake-kalshi.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let fake: FakeKalshi;
let slept: number[] = [];
const sleep = (ms: number) => {
  slept.push(ms);
  return Promise.resolve();
};
function client(extra: Partial<ConstructorParameters<typeof MarketDataClient>[0]> = {}) {
  return new MarketDataClient({ baseUrl: fake.url, sleep, random: () => 0.5, ...extra });
}

beforeAll(async () => {
  fake = await startFakeKalshi({ publicKey });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.markets.clear();
  fake.settlements = [];
  fake.faults = [];
  fake.requests = [];
  fake.pageSize = 1000;
  slept = [];
});

describe('markets', () => {
  it("maps Kalshi's fields to MarketInfo; unknown tickers are simply absent", async () => {
    fake.markets.set(
      'KXFED-26DEC-H25',
      kalshiMarket('KXFED-26DEC-H25', {
        title: 'Fed decision in Dec 2026?',
        subtitle: '',
        yes_sub_title: 'Hike 25bps',
        status: 'finalized',
        close_time: '2026-12-10T19:00:00Z',
        expiration_time: undefined,
        latest_expiration_time: '2026-12-17T15:00:00Z',
        result: 'yes',
      }),
    );
    const { markets, warnings } = await client().markets(['KXFED-26DEC-H25', 'KXNOPE-1']);
    expect(warnings).toEqual([]);
    expect(markets).toEqual([
      {
        ticker: 'KXFED-26DEC-H25',
        title: 'Fed decision in Dec 2026?',
        subtitle: 'Hike 25bps',
        eventTicker: 'KXFED-26DEC',
        status: 'finalized',
        closeTime: '2026-12-10T19:00:00.000Z',
        expirationTime: '2026-12-17T15:00:00.000Z',
        result: 'yes',
      },
    ]);
    const q = fake.requests[0]?.query;
    expect(fake.requests[0]?.path).toBe('/trade-api/v2/markets');
    expect(q?.get('tickers')).toBe('KXFED-26DEC-H25,KXNOPE-1');
    expect(q?.get('limit')).toBe('2');
  });

  it('batches 150 tickers into 2 requests of at most 100', async () => {
    const tickers = Array.from({ length: 150 }, (_, i) => `KXB-${i}`);
    for (const t of tickers) fake.markets.set(t, kalshiMarket(t));
    const { markets } = await client().markets(tickers);
    expect(markets).toHaveLength(150);
    expect(fake.requests.map((r) => r.query.get('tickers')?.split(',').length)).toEqual([100, 50]);
  });

  it('follows the cursor across pages', async () => {
    fake.pageSize = 2;
    const tickers = ['KXP-1', 'KXP-2', 'KXP-3', 'KXP-4', 'KXP-5'];
    for (const t of tickers) fake.markets.set(t, kalshiMarket(t));
    const { markets } = await client().markets(tickers);
    expect(markets.map((m) => m.ticker)).toEqual(tickers);
    expect(fake.requests.map((r) => r.query.get('cursor'))).toEqual([null, 'c2', 'c4']);
  });

  it('never sends a ticker that could change the query (a comma, a space)', async () => {
    await client().markets(['A,B', 'C D', 'KXOK-1']);
    expect(fake.requests[0]?.query.get('tickers')).toBe('KXOK-1');
  });

  it('skips an item that does not decode, with a warning naming its ticker', async () => {
    fake.markets.set('KXBAD-1', kalshiMarket('KXBAD-1', { close_time: 12345 }));
    fake.markets.set('KXBAD-2', kalshiMarket('KXBAD-2', { status: undefined }));
    fake.markets.set('KXGOOD-1', kalshiMarket('KXGOOD-1'));
    const { markets, warnings } = await client().markets(['KXBAD-1', 'KXBAD-2', 'KXGOOD-1']);
    expect(markets.map((m) => m.ticker)).toEqual(['KXGOOD-1']);
    expect(warnings).toEqual([
      'Kalshi market KXBAD-1 skipped: close_time is not a string',
      'Kalshi market KXBAD-2 skipped: no status',
    ]);
  });

  it('one market by ticker; 404 (unknown) ⇒ null, without a retry', async () => {
    fake.markets.set('KXONE-1', kalshiMarket('KXONE-1', { title: 'One' }));
    expect((await client().market('KXONE-1'))?.title).toBe('One');
    expect(await client().market('KXNONE-1')).toBeNull();
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/trade-api/v2/markets/KXONE-1',
      '/trade-api/v2/markets/KXNONE-1',
    ]);
  });
});

describe('faults', () => {
  it('HTTP 500 then success: retried with backoff', async () => {
    fake.markets.set('KXR-1', kalshiMarket('KXR-1'));
    fake.faults.push({ status: 500 }, { status: 503 });
    const seen: (number | null)[] = [];
    const { markets } = await client({ onRequest: (i) => seen.push(i.status) }).markets(['KXR-1']);
    expect(markets).toHaveLength(1);
    expect(seen).toEqual([500, 503, 200]);
    // 250 ms then 500 ms, jitter 0.5 ⇒ 3/4 of each.
    expect(slept).toEqual([187.5, 375]);
  });

  it('5xx on every attempt: the error says HTTP 503 and names the endpoint', async () => {
    fake.faults.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const err = await client()
      .markets(['KXR-1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KalshiApiError);
    expect((err as Error).message).toBe('Kalshi GET /trade-api/v2/markets: HTTP 503');
    expect(fake.requests).toHaveLength(4);
  });

  it.each([400, 401, 404])('HTTP %i on a listing: no retry', async (status) => {
    fake.faults.push({ status });
    const err = await client()
      .markets(['KXR-1'])
      .catch((e: unknown) => e);
    expect((err as KalshiApiError).reason).toBe(`HTTP ${status}`);
    expect(fake.requests).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('a server that never answers: a timeout error after the timeout, then retries', async () => {
    fake.faults.push({ hang: true }, { hang: true });
    const started = Date.now();
    const err = await client({ timeoutMs: 200, retries: 1 })
      .markets(['KXR-1'])
      .catch((e: unknown) => e);
    const took = Date.now() - started;
    expect((err as KalshiApiError).kind).toBe('timeout');
    expect((err as Error).message).toBe('Kalshi GET /trade-api/v2/markets: timeout after 0.2 s');
    expect(took).toBeGreaterThanOrEqual(380);
    expect(took).toBeLessThan(3000);
    expect(fake.requests).toHaveLength(2);
  });

  it('429 with Retry-After in seconds: waits that long (capped), then succeeds', async () => {
    fake.markets.set('KXR-1', kalshiMarket('KXR-1'));
    fake.faults.push({ status: 429, retryAfter: '2' }, { status: 429, retryAfter: '3600' });
    const { markets } = await client({ maxRetryAfterMs: 10_000 }).markets(['KXR-1']);
    expect(markets).toHaveLength(1);
    expect(slept).toEqual([2000, 10_000]);
  });

  it('429 with Retry-After as an HTTP-date', async () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(retryAfterMs('Sun, 01 Mar 2026 12:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('garbage', now)).toBeNull();
    fake.markets.set('KXR-1', kalshiMarket('KXR-1'));
    fake.faults.push({ status: 429, retryAfter: new Date(Date.now() + 3000).toUTCString() });
    await client().markets(['KXR-1']);
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(1000);
    expect(slept[0]).toBeLessThanOrEqual(3000);
  });

  it('429 without Retry-After: exponential backoff', async () => {
    fake.faults.push({ status: 429 });
    await client().markets(['KXR-1']);
    expect(slept).toEqual([187.5]);
  });

  it('malformed JSON or a wrong shape: an error naming the endpoint, no retry', async () => {
    fake.faults.push({ body: '{"markets": [' });
    await expect(client().markets(['KXR-1'])).rejects.toThrow(
      'Kalshi GET /trade-api/v2/markets: malformed JSON',
    );
    fake.faults.push({ body: '{"markets": 42}' });
    await expect(client().markets(['KXR-1'])).rejects.toThrow(
      'Kalshi GET /trade-api/v2/markets: no markets list in the response',
    );
    fake.faults.push({ body: '{"market": "x"}' });
    await expect(client().market('KXR-1')).rejects.toThrow(
      'Kalshi GET /trade-api/v2/markets/{ticker}: no market in the response',
    );
    expect(fake.requests).toHaveLength(3);
  });

  it('a closed port: a network error, retried, then reported', async () => {
    const c = new MarketDataClient({ baseUrl: 'http://127.0.0.1:1', sleep, retries: 2 });
    const err = (await c.markets(['KXR-1']).catch((e: unknown) => e)) as KalshiApiError;
    expect(err.kind).toBe('network');
    expect(err.reason).toMatch(/^network error \(/);
    expect(slept).toHaveLength(2);
  });

  it('a redirect is refused (it would carry the signed headers elsewhere), not retried', async () => {
    fake.faults.push({ status: 302, location: 'http://127.0.0.2:9/steal', body: '' });
    const err = (await client()
      .markets(['KXR-1'])
      .catch((e: unknown) => e)) as KalshiApiError;
    expect(err.message).toBe('Kalshi GET /trade-api/v2/markets: redirected (refused)');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('settlements (signed)', () => {
  it('signs the request like the balance; the signature verifies with the public key; cents ⇒ dollars', async () => {
    fake.pageSize = 1;
    fake.settlements = [
      {
        ticker: 'KXS-1',
        event_ticker: 'KXS',
        market_result: 'yes',
        yes_count: 10,
        yes_total_cost: 650,
        no_count: 0,
        no_total_cost: 0,
        revenue: 1000,
        settled_time: '2026-02-01T10:00:00Z',
        fee_cost: '0.12',
      },
      {
        ticker: 'KXS-2',
        market_result: 'no',
        yes_count_fp: '0.00',
        no_count_fp: '4.00',
        yes_total_cost_dollars: '0.000000',
        no_total_cost_dollars: '2.400000',
        revenue_dollars: '4.000000',
        settled_time: '2026-02-02T10:00:00Z',
        fee_cost: '0.04',
      },
      { ticker: 'KXS-3', market_result: 'yes' },
    ];
    const c = client({ credentials: { keyId: 'key-abc', privateKeyPem: PEM } });
    expect(c.settlementsEnabled).toBe(true);
    const { settlements, warnings } = await c.settlements();
    expect(settlements).toEqual([
      {
        ticker: 'KXS-1',
        marketResult: 'yes',
        yesCount: 10,
        noCount: 0,
        yesTotalCostUsd: 6.5,
        noTotalCostUsd: 0,
        revenueUsd: 10,
        feeUsd: 0.12,
        settledTime: '2026-02-01T10:00:00.000Z',
      },
      {
        ticker: 'KXS-2',
        marketResult: 'no',
        yesCount: 0,
        noCount: 4,
        yesTotalCostUsd: 0,
        noTotalCostUsd: 2.4,
        revenueUsd: 4,
        feeUsd: 0.04,
        settledTime: '2026-02-02T10:00:00.000Z',
      },
    ]);
    expect(warnings).toEqual(['Kalshi settlement KXS-3 skipped: no settled_time']);
    expect(fake.requests).toHaveLength(3);
    for (const r of fake.requests) {
      expect(r.path).toBe('/trade-api/v2/portfolio/settlements');
      expect(r.headers['kalshi-access-key']).toBe('key-abc');
      expect(r.signatureOk).toBe(true);
    }
  });

  it('a wrong key: HTTP 401, no retry, and no secret in the error', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const otherPem = other.export({ type: 'pkcs8', format: 'pem' }).toString();
    const c = client({ credentials: { keyId: 'key-abc', privateKeyPem: otherPem } });
    const err = (await c.settlements().catch((e: unknown) => e)) as KalshiApiError;
    expect(err.message).toBe('Kalshi GET /trade-api/v2/portfolio/settlements: HTTP 401');
    expect(JSON.stringify(err)).not.toContain('PRIVATE');
    expect(fake.requests).toHaveLength(1);
  });

  it('without credentials, settlements are not available and nothing is sent', async () => {
    const c = client();
    expect(c.settlementsEnabled).toBe(false);
    await expect(c.settlements()).rejects.toThrow('no credentials');
    expect(fake.requests).toHaveLength(0);
  });

  it('the market-data requests are never signed', async () => {
    await client({ credentials: { keyId: 'key-abc', privateKeyPem: PEM } }).markets(['KXR-1']);
    expect(fake.requests[0]?.headers['kalshi-access-signature']).toBeUndefined();
  });
});
