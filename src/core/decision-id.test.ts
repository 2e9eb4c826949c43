import { describe, expect, it } from 'vitest';
import {
  decisionLabel,
  decisionLabelText,
  isSystemDecisionId,
  parseDecisionId,
  runStartMs,
  systemReasonText,
} from './decision-id.js';

describe('parseDecisionId', () => {
  it('reads a market decision id', () => {
    expect(parseDecisionId('20260103-131502-a1b2c3:KXNEXTCOACHOUTNFL-26-2-TB:412')).toEqual({
      kind: 'market',
      runId: '20260103-131502-a1b2c3',
      runStartMs: Date.UTC(2026, 0, 3, 13, 15, 2),
      marketId: 'KXNEXTCOACHOUTNFL-26-2-TB',
      loop: 412,
    });
  });
  it('reads the three system forms the bot writes (§6.18): the third part is a time', () => {
    const s = parseDecisionId('20260103-131502-a1b2c3:startup_cancel:20260103-131509');
    expect(s).toMatchObject({
      kind: 'system',
      reason: 'startup_cancel',
      stampMs: Date.UTC(2026, 0, 3, 13, 15, 9),
    });
    expect(parseDecisionId('20260103-131502-a1b2c3:halt_cancel:20260104-000001')).toMatchObject({
      kind: 'system',
      reason: 'risk_halt_cancel',
    });
    expect(parseDecisionId('20260103-131502-a1b2c3:fatal_cleanup_cancel:20260104-000001')).toMatchObject({
      kind: 'system',
      reason: 'fatal_error_cleanup_cancel',
    });
  });
  it('refuses ids of other shapes', () => {
    for (const bad of ['', 'a:b', 'a:b:c:d', ':X:1', 'r::1', 'r:X:']) expect(parseDecisionId(bad)).toBeNull();
    expect(runStartMs('not-a-run')).toBeNull();
  });
  it('labels a decision by loop, a system decision by its reason', () => {
    expect(decisionLabel('20260103-131502-a1b2c3:KX-A:7')).toBe('7');
    expect(decisionLabel('20260103-131502-a1b2c3:startup_cancel:20260103-131509')).toBe('startup_cancel');
  });
});

describe('decision labels in words', () => {
  it('shows the loop of a market decision and the system reason of an ALL record', () => {
    expect(decisionLabelText('20260103-131502-a1b2c3:KX-A:412')).toBe('412');
    expect(decisionLabelText('20260103-131502-a1b2c3:startup_cancel:20260103-131509')).toBe('startup cancel');
    expect(decisionLabelText('20260103-131502-a1b2c3:halt_cancel:20260104-000001')).toBe('risk-halt cancel');
    expect(decisionLabelText('20260103-131502-a1b2c3:fatal_cleanup_cancel:20260104-000001')).toBe(
      'fatal-error cleanup cancel',
    );
    // Never the time in the third part read as a loop.
    expect(decisionLabelText('20260103-131502-a1b2c3:startup_cancel:20260103-131509')).not.toContain(
      '131509',
    );
    expect(decisionLabelText('not an id')).toBe('not an id');
  });
  it('tells system ids from market ids, and words any reason', () => {
    expect(isSystemDecisionId('20260103-131502-a1b2c3:startup_cancel:20260103-131509')).toBe(true);
    expect(isSystemDecisionId('20260103-131502-a1b2c3:KX-A:7')).toBe(false);
    expect(isSystemDecisionId(null)).toBe(false);
    expect(systemReasonText('risk_halt_cancel')).toBe('risk-halt cancel');
    expect(systemReasonText('some_new_reason')).toBe('some new reason');
  });
});
