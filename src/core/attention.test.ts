import { describe, expect, it } from 'vitest';
import { buildAttention, silence, type AttentionInput } from './attention.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

type Market = AttentionInput['markets'][number];
const market = (patch: Partial<Market> & { marketId: string }): Market => ({
  enabled: true,
  hasConfig: true,
  netPosition: 0,
  limitUse: 0,
  maxPosition: 10,
  decisionAt: iso(NOW - 5_000),
  ...patch,
});

function input(patch: Partial<AttentionInput> = {}): AttentionInput {
  return {
    nowMs: NOW,
    loopIntervalMs: 5_000,
    bot: { heartbeat: 'alive', lastDecisionAt: iso(NOW - 5_000), lastDecisionAgeMs: 5_000, runId: 'run-7' },
    risk: {
      tradingHalted: false,
      haltReason: null,
      lossLimitUse: 0,
      dailyPnl: 12,
      maxDailyLoss: 100,
      lastUpdatedAt: null,
    },
    exposure: { total: 40, totalLimitUse: 0.08 },
    maxTotalExposure: 500,
    markets: [market({ marketId: 'A' })],
    apiErrors: null,
    ...patch,
  };
}

const kinds = (i: AttentionInput) =>
  buildAttention(i).map((a) => `${a.kind}${a.marketId ? `:${a.marketId}` : ''}`);

describe('attention', () => {
  it('is empty ("all clear") when nothing needs a trader', () => {
    expect(buildAttention(input())).toEqual([]);
  });

  it('bot down: the age in minutes and the last run id, since the newest decision', () => {
    // 11 min 20 s without a decision ⇒ "11 min".
    const at = NOW - 11 * MIN - 20_000;
    const items = buildAttention(
      input({
        bot: { heartbeat: 'down', lastDecisionAt: iso(at), lastDecisionAgeMs: NOW - at, runId: 'run-7' },
      }),
    );
    expect(items).toEqual([
      {
        kind: 'bot_down',
        severity: 'critical',
        message: 'Bot down: no decision for 11 min (last run run-7)',
        since: iso(at),
      },
    ]);
  });

  it('bot late is a warning; while the bot is late no market is called dead on its own', () => {
    const at = NOW - 95_000; // 95 s: past 60 s (alive), under 10 min
    const items = buildAttention(
      input({
        bot: { heartbeat: 'late', lastDecisionAt: iso(at), lastDecisionAgeMs: 95_000, runId: null },
        markets: [market({ marketId: 'A', decisionAt: iso(at) })],
      }),
    );
    expect(items).toEqual([
      { kind: 'bot_late', severity: 'warning', message: 'Bot late: no decision for 95 s', since: iso(at) },
    ]);
  });

  it('an enabled market is dead after 10 loop intervals without a decision (10 × 5 s = 50 s)', () => {
    const m = (id: string, ageMs: number | null, enabled = true) =>
      market({ marketId: id, enabled, decisionAt: ageMs === null ? null : iso(NOW - ageMs) });
    expect(
      kinds(
        input({
          markets: [
            m('FRESH', 49_999),
            m('EDGE', 50_000),
            m('OLD', 7 * 60 * MIN),
            m('NEVER', null),
            m('DISABLED', 7 * 60 * MIN, false),
          ],
        }),
      ),
    ).toEqual(['no_recent_decision:EDGE', 'no_recent_decision:OLD', 'no_recent_decision:NEVER']);
    const [old] = buildAttention(input({ markets: [m('OLD', 7 * 60 * MIN)] }));
    expect(old).toMatchObject({
      message: 'OLD: enabled but no decision for 7 h',
      since: iso(NOW - 420 * MIN),
    });
  });

  it('limit ≥ 100 % is critical, 99 % is not; a position with no config is a warning', () => {
    expect(
      kinds(
        input({
          markets: [
            market({ marketId: 'NEAR', netPosition: 9.9, limitUse: 0.99 }),
            market({ marketId: 'AT', netPosition: -10, limitUse: 1 }),
            market({ marketId: 'ORPHAN', netPosition: 3, hasConfig: false, enabled: false, limitUse: null }),
          ],
        }),
      ),
    ).toEqual(['market_limit:AT', 'no_config:ORPHAN']);
    expect(
      buildAttention(input({ markets: [market({ marketId: 'AT', netPosition: -10, limitUse: 1 })] }))[0],
    ).toEqual({
      kind: 'market_limit',
      severity: 'critical',
      marketId: 'AT',
      message: 'AT: position -10 at 100% of its limit 10',
    });
  });

  it('most severe first: criticals (bot, halt, loss, exposure, markets) before warnings', () => {
    const at = NOW - 20 * MIN;
    const items = buildAttention(
      input({
        bot: { heartbeat: 'down', lastDecisionAt: iso(at), lastDecisionAgeMs: 20 * MIN, runId: null },
        risk: {
          tradingHalted: true,
          haltReason: 'daily loss',
          lossLimitUse: 1.2,
          dailyPnl: -120,
          maxDailyLoss: 100,
          lastUpdatedAt: iso(at),
        },
        exposure: { total: 600, totalLimitUse: 1.2 },
        markets: [
          market({ marketId: 'ORPHAN', netPosition: 2, hasConfig: false, limitUse: null }),
          market({ marketId: 'BIG', netPosition: 12, limitUse: 1.2 }),
        ],
      }),
    );
    expect(items.map((a) => `${a.severity}/${a.kind}`)).toEqual([
      'critical/bot_down',
      'critical/trading_halted',
      'critical/loss_limit',
      'critical/total_exposure',
      'critical/market_limit',
      'warning/no_config',
    ]);
    expect(items[1]).toMatchObject({ message: 'Trading halted: daily loss', since: iso(at) });
    // −120 of −100 ⇒ 120 %.
    expect(items[2]!.message).toBe(
      'Loss limit reached: daily_pnl -120.00 of −100.00 (120%); every restart halts until it is reset',
    );
    expect(items[3]!.message).toBe('Total exposure 600 contracts at 120% of max_total_exposure 500');
  });

  it('a silence reads in minutes, then hours, then days and hours', () => {
    expect(silence(11 * MIN + 20_000)).toBe('11 min');
    expect(silence(119 * MIN)).toBe('119 min');
    expect(silence(1920 * MIN)).toBe('32 h');
    expect(silence(76 * 60 * MIN)).toBe('3 d 4 h');
  });

  it('API-error burst: ≥ 10 errors this run with the newest within 15 min', () => {
    const e = (marketId: string, count: number, agoMs: number | null) => ({
      marketId,
      count,
      lastErrorAtMs: agoMs === null ? null : NOW - agoMs,
      lastErrorCode: 'rate_limited',
      lastStatusCode: 429,
      lastErrorMsg: null,
    });
    const items = buildAttention(
      input({
        apiErrors: {
          lastUpdatedMs: NOW,
          errors: [
            e('BURST', 12, 2 * MIN),
            e('FEW', 9, MIN),
            e('OLD', 40, 16 * MIN),
            e('EDGE', 10, 15 * MIN),
            e('NOTIME', 50, null),
          ],
        },
      }),
    );
    expect(items.map((a) => a.marketId)).toEqual(['BURST', 'EDGE']);
    expect(items[0]).toEqual({
      kind: 'api_errors',
      severity: 'warning',
      marketId: 'BURST',
      message: 'BURST: 12 API errors this run, last rate_limited 429',
      since: '2026-03-01T11:58:00.000Z',
    });
  });
});
