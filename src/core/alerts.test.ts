import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_THRESHOLDS, evaluateAlerts } from './alerts.js';
import type { Overview } from './overview.js';
import type { StaleResult } from './stale.js';

// Only the fields the rules read; each case sets the one condition it tests.
function overview(
  patch: {
    bot?: Partial<Overview['bot']>;
    risk?: Partial<Overview['risk']>;
    totalLimitUse?: number | null;
    markets?: Record<string, unknown>[];
  } = {},
): Overview {
  return {
    bot: {
      heartbeat: 'alive',
      lastDecisionAgeMs: 1000,
      aliveUnderMs: 60_000,
      lateUnderMs: 600_000,
      ...patch.bot,
    },
    risk: { tradingHalted: false, haltReason: null, lossLimitUse: 0, ...patch.risk },
    exposure: { totalLimitUse: patch.totalLimitUse ?? 0.1 },
    markets: (patch.markets ?? []).map((m) => ({
      marketId: 'M',
      enabled: true,
      limitUse: 0.1,
      netPosition: 1,
      replayedNetPosition: 1,
      positionDrift: 0,
      spread: 0.05,
      minSpread: 0.04,
      spreadHealth: 'ok',
      mismatch: { any: false, bid: 'ok', ask: 'ok' },
      ...m,
    })),
  } as unknown as Overview;
}
const noStale: StaleResult = { items: [], totals: {} as StaleResult['totals'] };
const keys = (o: Overview, stale = noStale, errors: { marketId: string; count: number }[] = []) =>
  evaluateAlerts(o, stale, {
    errors: errors.map((e) => ({
      ...e,
      lastErrorAtMs: null,
      lastErrorCode: 'not_found',
      lastStatusCode: 404,
      lastErrorMsg: null,
    })),
    lastUpdatedMs: null,
  }).map((a) => `${a.key}/${a.severity}`);

describe('alert rules', () => {
  it('quiet data raises nothing', () => expect(keys(overview())).toEqual([]));
  it('bot down is critical, late is a warning', () => {
    expect(keys(overview({ bot: { heartbeat: 'down', lastDecisionAgeMs: 900_000 } }))).toEqual([
      'bot_down/critical',
    ]);
    expect(keys(overview({ bot: { heartbeat: 'late', lastDecisionAgeMs: 90_000 } }))).toEqual([
      'bot_late/warning',
    ]);
  });
  it('a halt is critical', () =>
    expect(keys(overview({ risk: { tradingHalted: true, haltReason: 'manual' } }))).toEqual([
      'trading_halted/critical',
    ]));
  it('loss limit and total exposure warn from their thresholds and are critical from 100%', () => {
    expect(keys(overview({ risk: { lossLimitUse: 0.79 } }))).toEqual([]);
    expect(keys(overview({ risk: { lossLimitUse: 0.8 } }))).toEqual(['loss_limit/warning']);
    expect(keys(overview({ risk: { lossLimitUse: 1.2 } }))).toEqual(['loss_limit/critical']);
    expect(keys(overview({ totalLimitUse: 1 }))).toEqual(['total_exposure/critical']);
  });
  it('per market: limit use, spread below minimum (enabled only), mismatch, drift', () => {
    expect(keys(overview({ markets: [{ limitUse: 0.95 }] }))).toEqual(['market_limit:M/warning']);
    expect(keys(overview({ markets: [{ spreadHealth: 'below', spread: 0.03 }] }))).toEqual([
      'spread_below_min:M/warning',
    ]);
    expect(keys(overview({ markets: [{ spreadHealth: 'below', enabled: false }] }))).toEqual([]);
    expect(keys(overview({ markets: [{ mismatch: { any: true, bid: 'missing', ask: 'ok' } }] }))).toEqual([
      'order_mismatch:M/warning',
    ]);
    expect(keys(overview({ markets: [{ positionDrift: 2 }] }))).toEqual(['position_drift:M/warning']);
  });
  it('stale positions and API errors', () => {
    const stale = {
      items: [{ marketId: 'S', netPosition: -3, lastFillAgeMs: 50 * 3_600_000, exitOrder: false }],
      totals: {},
    } as unknown as StaleResult;
    expect(keys(overview(), stale)).toEqual(['stale_position:S/warning']);
    expect(keys(overview(), noStale, [{ marketId: 'E', count: 9 }])).toEqual([]);
    expect(keys(overview(), noStale, [{ marketId: 'E', count: 37 }])).toEqual(['api_errors:E/warning']);
  });
  it('a rule can be switched off', () => {
    const a = evaluateAlerts(overview({ bot: { heartbeat: 'down' } }), noStale, null, {
      ...DEFAULT_ALERT_THRESHOLDS,
      disabled: ['bot_down'],
    });
    expect(a).toEqual([]);
  });
});
