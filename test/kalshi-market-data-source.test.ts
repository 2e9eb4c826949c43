// The lifecycle source over a real local fake Kalshi: view() answers at once from the cache and
// never waits on the network, one background refresh per environment whoever asks, the last good data
// kept while Kalshi fails, the reason said, and the status page's counts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import {
  createMarketDataSource,
  type MarketDataSourceOptions,
} from '../src/store/kalshi/market-data-source.js';
import { kalshiMarket, startFakeKalshi, type FakeKalshi } from './helpers/fake-kalshi.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let fake: FakeKalshi;
let clock = Date.parse('2026-03-01T12:00:00Z');
const logs: string[] = [];
const sources: { close(): void }[] = [];

function source(extra: Partial<MarketDataSourceOptions> = {}) {
  const s = createMarketDataSource({
    envs: { prod: { baseUrl: fake.url } },
    now: () => clock,
    log: (m) => logs.push(m),
    client: { sleep: () => Promise.resolve(), timeoutMs: 300 },
    ...extra,
  });
  sources.push(s);
  return s;
}

beforeAll(async () => {
  fake = await startFakeKalshi({ publicKey });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  for (const s of sources.splice(0)) s.close();
  fake.markets.clear();
  fake.settlements = [];
  fake.faults = [];
  fake.requests = [];
  logs.length = 0;
  clock = Date.parse('2026-03-01T12:00:00Z');
});

describe('MarketDataSource', () => {
  it('answers at once ("loading"), refreshes behind, then serves from the cache', async () => {
    fake.markets.set('KXA-1', kalshiMarket('KXA-1', { title: 'A' }));
    const s = source();
    const first = s.view('prod', ['KXA-1', 'KXUNKNOWN-1']);
    expect(first).toMatchObject({
      unavailable: 'Kalshi market data loading',
      fetchedAt: null,
      settlements: null,
    });
    expect(first.markets.size).toBe(0);
    expect(fake.requests).toHaveLength(0); // nothing was sent before view() returned
    await s.settled();
    const second = s.view('prod', ['KXA-1', 'KXUNKNOWN-1']);
    expect(second.unavailable).toBeNull();
    expect(second.markets.get('KXA-1')?.title).toBe('A');
    expect(second.markets.has('KXUNKNOWN-1')).toBe(false);
    expect(second.fetchedAt).toBe('2026-03-01T12:00:00.000Z');
    await s.settled();
    expect(fake.requests).toHaveLength(1); // fresh, unknown remembered as absent: no second read
  });

  it('single-flight: 10 concurrent views cause one request', async () => {
    fake.markets.set('KXA-1', kalshiMarket('KXA-1'));
    const s = source();
    for (let i = 0; i < 10; i++) s.view('prod', ['KXA-1']);
    await s.settled();
    expect(fake.requests).toHaveLength(1);
  });

  it('never waits on a server that hangs; says why once the timeout passes', async () => {
    fake.faults.push({ hang: true }, { hang: true }, { hang: true }, { hang: true });
    const s = source({ client: { sleep: () => Promise.resolve(), timeoutMs: 150, retries: 1 } });
    const t0 = performance.now();
    const v = s.view('prod', ['KXA-1']);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(v.unavailable).toBe('Kalshi market data loading');
    await s.settled();
    expect(s.view('prod', ['KXA-1']).unavailable).toBe(
      'Kalshi market data unreachable: timeout after 0.15 s',
    );
    expect(logs).toEqual(['prod: Kalshi market data unreachable: timeout after 0.15 s']);
  });

  it('keeps the last good data while Kalshi fails, says why, and waits before trying again', async () => {
    fake.markets.set('KXA-1', kalshiMarket('KXA-1', { title: 'A' }));
    const s = source();
    s.view('prod', ['KXA-1']);
    await s.settled();
    clock += 6 * 60_000; // past the 5 min TTL
    fake.faults.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    s.view('prod', ['KXA-1']);
    await s.settled();
    const v = s.view('prod', ['KXA-1']);
    expect(v.markets.get('KXA-1')?.title).toBe('A');
    expect(v.unavailable).toBe('Kalshi market data unavailable: HTTP 503 (last good data 6 min ago)');
    expect(v.fetchedAt).toBe('2026-03-01T12:00:00.000Z');
    await s.settled();
    expect(fake.requests).toHaveLength(5); // 1 good + 4 attempts; no new refresh within 30 s
    expect(s.status('prod')).toMatchObject({
      source: fake.url,
      settlementsEnabled: false,
      requests: 5,
      errors: 4,
      lastError: 'Kalshi market data unavailable: HTTP 503',
      lastErrorAt: '2026-03-01T12:06:00.000Z',
      ageMs: 6 * 60_000,
    });
    clock += 31_000;
    s.view('prod', ['KXA-1']);
    await s.settled();
    expect(s.view('prod', ['KXA-1']).unavailable).toBeNull();
    expect(s.status('prod').lastError).toBeNull();
  });

  it('a settled market is kept longer than an active one', async () => {
    fake.markets.set('KXS-1', kalshiMarket('KXS-1', { status: 'finalized', result: 'no' }));
    fake.markets.set('KXA-1', kalshiMarket('KXA-1'));
    const s = source();
    s.view('prod', ['KXS-1', 'KXA-1']);
    await s.settled();
    clock += 10 * 60_000;
    s.view('prod', ['KXS-1', 'KXA-1']);
    await s.settled();
    expect(fake.requests.map((r) => r.query.get('tickers'))).toEqual(['KXS-1,KXA-1', 'KXA-1']);
  });

  it('with credentials: the account settlements, signed, by ticker', async () => {
    fake.settlements = [
      {
        ticker: 'KXS-1',
        market_result: 'yes',
        yes_count: 3,
        yes_total_cost: 150,
        no_count: 0,
        no_total_cost: 0,
        revenue: 300,
        fee_cost: '0.00',
        settled_time: '2026-02-01T10:00:00Z',
      },
    ];
    const s = source({
      envs: { prod: { baseUrl: fake.url, credentials: { keyId: 'k1', privateKeyPem: PEM } } },
    });
    expect(s.view('prod', []).settlements?.size).toBe(0);
    await s.settled();
    const v = s.view('prod', []);
    expect(v.settlements?.get('KXS-1')).toMatchObject({ revenueUsd: 3, yesTotalCostUsd: 1.5 });
    expect(fake.requests.every((r) => r.signatureOk === true)).toBe(true);
    expect(s.status('prod').settlementsEnabled).toBe(true);
  });

  it('a failing settlements call does not hide the markets, and says which part failed', async () => {
    fake.markets.set('KXA-1', kalshiMarket('KXA-1'));
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const s = source({
      envs: {
        prod: {
          baseUrl: fake.url,
          credentials: {
            keyId: 'k1',
            privateKeyPem: other.export({ type: 'pkcs8', format: 'pem' }).toString(),
          },
        },
      },
    });
    s.view('prod', ['KXA-1']);
    await s.settled();
    const v = s.view('prod', ['KXA-1']);
    expect(v.markets.has('KXA-1')).toBe(true);
    expect(v.unavailable).toMatch(/^Kalshi settlements unavailable: HTTP 401/);
    expect(JSON.stringify(v)).not.toContain('PRIVATE');
  });

  it('an environment without options says so; bad tickers are never asked for', async () => {
    const s = source({ maxTickers: 2 });
    expect(s.view('demo', ['KXA-1']).unavailable).toBe('Kalshi market data not configured for demo');
    s.view('prod', ['bad,ticker', 'KXA-1', 'KXB-1', 'KXC-1']);
    await s.settled();
    // bounded: at most maxTickers are read at once and remembered
    expect(fake.requests[0]?.query.get('tickers')).toBe('KXA-1,KXB-1');
  });

  it('close() aborts what is in flight and stops refreshing', async () => {
    fake.faults.push({ hang: true });
    const s = source({ client: { sleep: () => Promise.resolve(), timeoutMs: 5000 } });
    s.view('prod', ['KXA-1']);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    s.close();
    await s.settled();
    expect(performance.now() - t0).toBeLessThan(1000);
    s.view('prod', ['KXA-1']);
    await s.settled();
    expect(fake.requests).toHaveLength(1);
  });
});
