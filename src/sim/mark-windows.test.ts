// The mark windows (mark-windows.ts): the default history keeps a decision recent enough for
// mid(t) at the start of the Quality page's 7-day range, for every market the bot holds and still
// decides for, from the moment the demo starts until 12 h later.
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionAtFromList, midAt, midMaxAgeMs } from '../core/mid-at.js';
import { replayFills, type ReplayStep } from '../core/replay.js';
import { decodeAll } from '../store/decode/decode-item.js';
import { decodeDecision } from '../store/decode/decision.js';
import { decodeFill } from '../store/decode/fill.js';
import { DAY_US, HOUR_US, MINUTE_US, msToUs } from './format.js';
import { generateHistory, type GenerateResult } from './generate.js';
import { markWindows } from './mark-windows.js';
import { isEnabledAt } from './markets.js';

const NOW_MS = Date.UTC(2026, 10, 20, 15, 30);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SEED = Number(process.env.SIM_TEST_SEED ?? 42);
/** The simulated bot's loop_interval_ms is 5000: mid(t) is known while its decision is ≤ 60 s old. */
const MAX_AGE_MS = midMaxAgeMs(5000);

describe('markWindows', () => {
  const base = { historyStartUs: 0, endUs: 30 * DAY_US, beforeUs: 10 * MINUTE_US, afterUs: 12 * HOUR_US };

  it('puts a window around now − days for each lookback, oldest first', () => {
    expect(markWindows({ ...base, lookbackDays: [7, 1] })).toEqual([
      { fromUs: 23 * DAY_US - 10 * MINUTE_US, toUs: 23 * DAY_US + 12 * HOUR_US },
      { fromUs: 29 * DAY_US - 10 * MINUTE_US, toUs: 29 * DAY_US + 12 * HOUR_US },
    ]);
  });

  it('clips to the history and merges overlapping windows', () => {
    // 29.995 days: the range starts 7.2 min into the history, the window at its first instant.
    expect(markWindows({ ...base, lookbackDays: [29.995, 0.25] })).toEqual([
      { fromUs: 0, toUs: 432_000_000 + 12 * HOUR_US },
      { fromUs: 29.75 * DAY_US - 10 * MINUTE_US, toUs: 30 * DAY_US },
    ]);
    expect(markWindows({ ...base, lookbackDays: [7, 7.2] })).toEqual([
      { fromUs: 22.8 * DAY_US - 10 * MINUTE_US, toUs: 23 * DAY_US + 12 * HOUR_US },
    ]);
    expect(markWindows({ ...base, lookbackDays: [] })).toEqual([]);
  });

  it('gives none to a lookback reaching the history start (its range starts flat)', () => {
    expect(markWindows({ ...base, lookbackDays: [30, 40] })).toEqual([]);
  });
});

describe('the default history marks the 7-day range start (issue 19)', () => {
  const histories: [string, GenerateResult][] = [];
  beforeAll(() => {
    for (const env of ['demo', 'prod'] as const)
      histories.push([env, generateHistory({ seed: SEED, env, nowMs: NOW_MS })]);
  });

  /** Decoded as the store decodes them, so the check is the dashboard's own mid(t). */
  function decoded(g: GenerateResult) {
    const decisions = decodeAll(g.items.dora_decision_log, (r) => decodeDecision(r)).values;
    const fills = decodeAll(g.items.dora_trade_log, (r) => decodeFill(r)).values;
    return { decisionAt: decisionAtFromList(decisions), steps: replayFills(fills).steps };
  }

  /** Net YES position per market after every fill before tMs (the whole-history replay). */
  function netBefore(steps: readonly ReplayStep[], tMs: number): Map<string, number> {
    const net = new Map<string, number>();
    for (const s of steps) if (s.fill.fillTimeMs < tMs) net.set(s.fill.marketId, s.after.net);
    return net;
  }

  it('knows mid(now − 7 d) for every held market the bot decides for, from start-up to 12 h later', () => {
    for (const [env, g] of histories) {
      const { decisionAt, steps } = decoded(g);
      const running = (ms: number) =>
        g.runs.some((r) => r.startMs + 60_000 < ms && (r.endMs === null || ms < r.endMs));
      const checked = new Set<string>();
      // The range start when the demo has just started, and as the wall clock moves it forward.
      for (const afterMs of [0, 0.5, 3, 7.5, 11.9].map((h) => h * HOUR_MS)) {
        const tMs = NOW_MS - 7 * DAY_MS + afterMs;
        // A restart may fall in the window: no decisions while the bot is down (as the real bot's).
        if (afterMs > 0 && !running(tMs)) continue;
        expect(running(tMs), `${env}: the bot runs at now − 7 d`).toBe(true);
        for (const [market, net] of netBefore(steps, tMs)) {
          if (net === 0) continue;
          const spec = g.state.markets.find((m) => m.spec.ticker === market)?.spec;
          const tUs = msToUs(tMs);
          // Disabled, settled and never-configured markets get no decisions: their mark is unknown
          // in the bot's own tables too.
          if (!spec || !isEnabledAt(spec, tUs) || (spec.settle !== null && tUs >= spec.settle.atUs)) continue;
          const mid = midAt(decisionAt, market, tMs, MAX_AGE_MS);
          expect(mid, `${env} ${market} at now − 7 d + ${afterMs / HOUR_MS} h`).toMatchObject({
            unknown: null,
          });
          checked.add(market);
        }
      }
      // Most markets hold a position a week back: the check is not vacuous.
      expect(checked.size, env).toBeGreaterThanOrEqual(15);
    }
  });

  it('is dense only in the 12 h after now − 7 d (the seed stays small)', () => {
    for (const [env, g] of histories) {
      const times = g.items.dora_decision_log
        .filter((d) => d['market_id'] !== 'ALL')
        .map((d) => Date.parse(`${String(d['timestamp']).slice(0, 23)}Z`));
      const count = (fromMs: number, toMs: number) => times.filter((t) => t >= fromMs && t < toMs).length;
      const weekAgoMs = NOW_MS - 7 * DAY_MS;
      // 12 h just before the window: the 30-min sampling; inside: every 45 s, ≈ 60 times as many.
      const before = count(weekAgoMs - 13 * HOUR_MS, weekAgoMs - HOUR_MS);
      const inside = count(weekAgoMs, weekAgoMs + 12 * HOUR_MS);
      const after = count(weekAgoMs + 13 * HOUR_MS, weekAgoMs + 25 * HOUR_MS);
      expect(before, env).toBeLessThanOrEqual(25 * 25);
      expect(after, env).toBeLessThanOrEqual(25 * 25);
      expect(inside, env).toBeGreaterThan(40 * before);
    }
  });
});
