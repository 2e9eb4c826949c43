// The embedded default's simulated Kalshi (src/embedded/fake-kalshi.ts), read by the real client:
// the simulator's settled markets with the right result, active markets closing in the future (some
// within 24 h), Kalshi's 404 for an unknown ticker, the account's settlements behind a verified
// signature; and which base URL each environment's market data uses (marketDataEnvs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHistory } from '../src/sim/generate.js';
import type { SimState } from '../src/sim/types.js';
import { startFakeKalshi, type FakeKalshi } from '../src/embedded/fake-kalshi.js';
import { MarketDataClient } from '../src/store/kalshi/market-data-client.js';
import { createMarketDataSource } from '../src/store/kalshi/market-data-source.js';
import { loadConfiguration } from '../src/config/load.js';
import { marketDataEnvs } from '../src/config/kalshi.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
let state: SimState;
let fake: FakeKalshi;

beforeAll(async () => {
  state = generateHistory({ seed: 7, env: 'prod', nowMs: NOW, markets: 13, days: 3 }).state;
  fake = await startFakeKalshi({
    specs: state.markets.map((m) => m.spec),
    positions: state.positions,
    now: () => NOW,
  });
});
afterAll(async () => {
  await fake.close();
});

describe('the embedded fake Kalshi', () => {
  it("serves the simulator's settled markets with the right result, the rest active", async () => {
    const specs = state.markets.map((m) => m.spec);
    const client = new MarketDataClient({ baseUrl: fake.url });
    const { markets, warnings } = await client.markets([...specs.map((s) => s.ticker), 'KXNOTSIMULATED-1']);
    expect(warnings).toEqual([]);
    expect(markets.map((m) => m.ticker)).toEqual(specs.map((s) => s.ticker));
    const byTicker = new Map(markets.map((m) => [m.ticker, m]));
    for (const spec of specs) {
      const m = byTicker.get(spec.ticker);
      expect(m?.title).toBeTruthy();
      if (spec.settle) {
        expect(m).toMatchObject({
          status: 'finalized',
          result: spec.settle.priceYes >= 0.5 ? 'yes' : 'no',
          closeTime: new Date(Math.floor(spec.settle.atUs / 1000)).toISOString(),
        });
      } else {
        expect(m?.status).toBe('active');
        expect(m?.result).toBe('');
        expect(Date.parse(m?.closeTime ?? '')).toBeGreaterThan(NOW);
      }
    }
    const roles = (role: string) => byTicker.get(specs.find((s) => s.role === role)?.ticker ?? '');
    expect(roles('settles_disabled')?.result).toBe('yes');
    expect(roles('settles_enabled')?.result).toBe('no');
    const soon = markets.filter(
      (m) => m.status === 'active' && Date.parse(m.closeTime ?? '') - NOW <= 24 * 3_600_000,
    );
    expect(soon.length).toBeGreaterThan(0);
    expect(byTicker.get('KXFEDDECISION-26DEC-H25')?.title).toBe('Fed decision in December 2026: Hike 25bps');
  });

  it("one market by ticker; an unknown ticker is Kalshi's 404 (null)", async () => {
    const client = new MarketDataClient({ baseUrl: fake.url });
    expect((await client.market('KXNEXTCOACHOUTNFL-26-2-TB'))?.eventTicker).toBe('KXNEXTCOACHOUTNFL-26-2');
    expect(await client.market('KXNOTSIMULATED-1')).toBeNull();
  });

  it('pages with a cursor like Kalshi', async () => {
    const client = new MarketDataClient({ baseUrl: fake.url, batchSize: 5 });
    const tickers = state.markets.map((m) => m.spec.ticker);
    expect((await client.markets(tickers)).markets).toHaveLength(tickers.length);
  });

  it("the account's settlements need its key: with it, the settled markets the bot held", async () => {
    const signed = new MarketDataClient({ baseUrl: fake.url, credentials: fake.credentials });
    const { settlements } = await signed.settlements();
    const held = state.markets
      .map((m) => m.spec)
      .filter((s) => s.settle && Math.abs(state.positions[s.ticker]?.netYesQty ?? 0) > 1e-9);
    expect(settlements.length).toBeGreaterThan(0);
    expect(settlements.map((s) => s.ticker).sort()).toEqual(held.map((s) => s.ticker).sort());
    for (const s of settlements) {
      const spec = held.find((h) => h.ticker === s.ticker);
      expect(s.marketResult).toBe((spec?.settle?.priceYes ?? 0) >= 0.5 ? 'yes' : 'no');
      expect(s.revenueUsd).toBe(s.marketResult === 'yes' ? s.yesCount : s.noCount);
    }
    const other = new MarketDataClient({
      baseUrl: fake.url,
      credentials: { keyId: fake.credentials.keyId, privateKeyPem: otherPem() },
    });
    await expect(other.settlements()).rejects.toThrow('HTTP 401');
  });

  it('the source over the fake: titles and settlements with no network beyond loopback', async () => {
    const src = createMarketDataSource({
      envs: { prod: { baseUrl: fake.url, credentials: fake.credentials } },
      now: () => NOW,
    });
    const tickers = state.markets.map((m) => m.spec.ticker);
    src.view('prod', tickers);
    await src.settled();
    const v = src.view('prod', tickers);
    expect(v.unavailable).toBeNull();
    expect(v.markets.size).toBe(tickers.length);
    expect(v.settlements).not.toBeNull();
    src.close();
  });
});

function otherPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

describe('marketDataEnvs: which base URL each environment reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dora-kalshi-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const embedded = {
    kalshi: {
      prod: { url: 'http://127.0.0.1:1111', credentials: { keyId: 'e', privateKeyPem: 'pem-prod' } },
      demo: { url: 'http://127.0.0.1:2222', credentials: { keyId: 'e', privateKeyPem: 'pem-demo' } },
    },
  };
  it('embedded: the simulated Kalshi unless --kalshi-<env>-url (or its variable) is set', () => {
    const cfg = loadConfiguration(['--kalshi-demo-url', 'http://127.0.0.1:9999'], {}, dir);
    expect(marketDataEnvs(cfg.options, cfg.kalshi, embedded)).toEqual({
      prod: { baseUrl: 'http://127.0.0.1:1111', credentials: { keyId: 'e', privateKeyPem: 'pem-prod' } },
      demo: { baseUrl: 'http://127.0.0.1:9999', credentials: null },
    });
    const env = loadConfiguration([], { DORA_KALSHI_PROD_URL: 'http://127.0.0.1:8888' }, dir);
    expect(marketDataEnvs(env.options, env.kalshi, embedded).prod.baseUrl).toBe('http://127.0.0.1:8888');
  });
  it("aws: Kalshi's own API (the flag's default); no credentials needed", () => {
    const cfg = loadConfiguration(['--source', 'aws'], {}, dir);
    expect(marketDataEnvs(cfg.options, cfg.kalshi, null)).toEqual({
      prod: { baseUrl: cfg.options.kalshi.prod.url, credentials: null },
      demo: { baseUrl: cfg.options.kalshi.demo.url, credentials: null },
    });
  });
});
