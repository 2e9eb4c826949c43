// The cash balance is not in DynamoDB (contract §0.8): it comes from Kalshi's portfolio balance
// endpoint, which needs the account's API key. Requests are signed as Kalshi specifies
// (src/store/kalshi/sign.ts). The private key stays in this process; nothing of it reaches a
// response or a log.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { signedHeaders } from '../store/kalshi/sign.js';

export interface KalshiConfig {
  keyId: string;
  privateKeyPem: string;
  /** e.g. https://api.elections.kalshi.com (prod) or https://demo-api.kalshi.co (demo). */
  baseUrl: string;
}

export interface Balance {
  balanceUsd: number;
  portfolioValueUsd: number | null;
  fetchedAt: string;
}

const PATH = '/trade-api/v2/portfolio/balance';

export class KalshiBalance {
  private readonly key: KeyObject;
  constructor(
    private readonly config: KalshiConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createPrivateKey(config.privateKeyPem);
  }

  async fetch(): Promise<Balance> {
    const res = await fetch(new URL(PATH, this.config.baseUrl), {
      headers: {
        ...signedHeaders(this.key, this.config.keyId, this.now(), 'GET', PATH),
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(5_000),
      // A redirect would carry the signed headers to wherever it points (fetch keeps custom headers
      // across origins): the balance endpoint never redirects, so any redirect is an error.
      redirect: 'error',
    });
    if (!res.ok) throw new Error(`Kalshi balance: HTTP ${res.status}`);
    const body = (await res.json()) as { balance?: unknown; portfolio_value?: unknown };
    if (typeof body.balance !== 'number') throw new Error('Kalshi balance: no balance in the response');
    // Kalshi's API speaks cents; everything in this dashboard is dollars.
    return {
      balanceUsd: body.balance / 100,
      portfolioValueUsd: typeof body.portfolio_value === 'number' ? body.portfolio_value / 100 : null,
      fetchedAt: new Date(this.now()).toISOString(),
    };
  }
}
