// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { alertFigure, alertValueText, ruleLabel } from './alert-format';

describe('alert figures', () => {
  it('reads each rule’s value in its own unit', () => {
    expect(alertValueText('market_limit', 0.92, 0.9)).toBe('92% (alert from 90%)');
    expect(alertValueText('stale_position', 280_164_635, 172_800_000)).toBe('3d 5h (alert from 2d 0h)');
    expect(alertValueText('spread_below_min', 0.01, 0.05)).toBe('$0.010 (min $0.050)');
    expect(alertValueText('position_drift', -10, 0)).toBe('\u221210');
    expect(alertValueText('api_errors', 11, 10)).toBe('11 (alert from 10)');
    expect(alertValueText('order_mismatch', 'ask', null)).toBe('ask');
    expect(alertFigure('trading_halted', null)).toBe('—');
    expect(ruleLabel('spread_below_min')).toBe('spread below min');
  });
});
