// The market flows of markets.ts (MarketFlow, issue 19) show in the market-making quality figures
// core computes from the written items (metrics.md §"Market-making quality"): the informed market
// is adversely selected, the uninformed one earns the spread, the one-way one rarely quotes
// two-sided. Two days finely sampled (a decision every 45 s, so mid(t) is known at nearly every
// fill and 5 m later), decoded the way the store decodes them.
import { describe, expect, it } from 'vitest';
import { attribution, type MarketAttribution } from '../core/attribution.js';
import { fillMarkouts, markoutSummary, type HorizonSummary, type MarkoutSummary } from '../core/markouts.js';
import { decisionAtFromList } from '../core/mid-at.js';
import { quoteHealth, type QuoteHealth } from '../core/quote-health.js';
import { replayFills } from '../core/replay.js';
import { decodeAll } from '../store/decode/decode-item.js';
import { decodeDecision } from '../store/decode/decision.js';
import { decodeFill } from '../store/decode/fill.js';
import { generateHistory } from './generate.js';

const NOW = Date.UTC(2026, 10, 20, 15, 30);
const DAYS = 2;
const FROM = NOW - DAYS * 86_400_000;
const LOOP_MS = 5000;

const UNINFORMED = 'KXNEXTCOACHOUTNFL-26-2-TB';
const INFORMED = 'KXNEXTCOACHOUTNFL-26-2-NYJ';
const ONE_WAY = 'KXFEDDECISION-26DEC-H0';

const history = generateHistory({
  seed: 7,
  env: 'demo',
  nowMs: NOW,
  markets: 8,
  days: DAYS,
  eras: false,
  recentWindowMs: DAYS * 86_400_000,
  recentCadenceMs: 45_000,
});
const decisions = decodeAll(history.items.dora_decision_log, (r) => decodeDecision(r)).values;
const fills = decodeAll(history.items.dora_trade_log, (r) => decodeFill(r)).values;
const decisionAt = decisionAtFromList(decisions);
const report = attribution(replayFills(fills).steps, decisionAt, {
  fromMs: FROM,
  toMs: NOW,
  loopIntervalMs: LOOP_MS,
});

interface Figures {
  fills: number;
  markouts: MarkoutSummary;
  at5m: HorizonSummary;
  health: QuoteHealth;
  attribution: MarketAttribution;
}

function figures(ticker: string): Figures {
  const mine = fills.filter((f) => f.marketId === ticker);
  const markouts = markoutSummary(fillMarkouts(mine, decisionAt, { nowMs: NOW, loopIntervalMs: LOOP_MS }));
  const at5m = markouts.horizons.find((h) => h.h === '5m');
  const health = quoteHealth(
    decisions.filter((d) => d.marketId === ticker),
    { fromMs: FROM, toMs: NOW, loopIntervalMs: LOOP_MS },
  );
  const att = report.markets.find((m) => m.marketId === ticker);
  if (!at5m || !att) throw new Error(`${ticker}: no 5 m markout or attribution`);
  return { fills: mine.length, markouts, at5m, health, attribution: att };
}

const uninformed = figures(UNINFORMED);
const informed = figures(INFORMED);
const oneWay = figures(ONE_WAY);

/** Cents per contract, or NaN (which fails every comparison) when there is nothing to average. */
function cents(x: number | null): number {
  return x ?? Number.NaN;
}

describe('market flows (issue 19)', () => {
  it('gives the three flows to the tickers the docs name', () => {
    const flowOf = new Map(history.state.markets.map((m) => [m.spec.ticker, m.spec.flow]));
    expect(flowOf.get(UNINFORMED)).toBe('uninformed');
    expect(flowOf.get(INFORMED)).toBe('informed');
    expect(flowOf.get(ONE_WAY)).toBe('one_way');
    expect([...flowOf.values()].filter((f) => f === 'mixed')).toHaveLength(5);
    // The flow is the simulator's own: the manager's config items do not carry it.
    for (const c of history.items.dora_market_config) expect(Object.keys(c)).not.toContain('flow');
  });

  it('has enough fills with a known mid at the fill and 5 m later to judge by', () => {
    for (const f of [uninformed, informed]) {
      expect(f.markouts.edge.count).toBeGreaterThanOrEqual(15);
      expect(f.at5m.adverseCount).toBeGreaterThanOrEqual(15);
    }
    expect(oneWay.at5m.adverseCount).toBeGreaterThanOrEqual(1);
  });

  it('the informed market is adversely selected: the 5 m markout is cents below the edge at fill', () => {
    const edge = cents(informed.markouts.edge.perContractCents);
    const markout = cents(informed.at5m.perContractCents);
    expect(edge).toBeGreaterThan(1); // it still quotes around the mid…
    expect(markout).toBeLessThan(0); // …but 5 m later the mid has run through its fills
    expect(cents(informed.at5m.adverseCents)).toBeGreaterThan(2.5);
    expect(edge - markout).toBeGreaterThan(2.5);
    // The position loses what the spread earned back to the mid's moves.
    expect(informed.attribution.inventoryUsd ?? Number.NaN).toBeLessThan(
      -0.2 * informed.attribution.spreadCaptureUsd,
    );
  });

  it('the uninformed market earns the spread: positive edge, flat markouts, little inventory P&L', () => {
    const edge = cents(uninformed.markouts.edge.perContractCents);
    expect(edge).toBeGreaterThan(1.5);
    expect(Math.abs(cents(uninformed.at5m.adverseCents))).toBeLessThan(0.5);
    for (const h of uninformed.markouts.horizons.filter((x) => x.seconds <= 3_600))
      expect(Math.abs(edge - cents(h.perContractCents)), h.h).toBeLessThan(0.75);
    expect(uninformed.attribution.spreadCaptureUsd).toBeGreaterThan(1);
    expect(Math.abs(uninformed.attribution.inventoryUsd ?? Number.NaN)).toBeLessThan(
      0.1 * uninformed.attribution.spreadCaptureUsd,
    );
    expect(cents(informed.at5m.adverseCents) - cents(uninformed.at5m.adverseCents)).toBeGreaterThan(2);
  });

  it('the one-way market rarely quotes two-sided while the others almost always do', () => {
    expect(oneWay.health.quotedPct ?? 0).toBeGreaterThan(0.5);
    expect(oneWay.health.twoSidedPct ?? 1).toBeLessThan(0.3);
    expect(uninformed.health.twoSidedPct ?? 0).toBeGreaterThan(0.7);
    expect(informed.health.twoSidedPct ?? 0).toBeGreaterThan(0.7);
  });
});
