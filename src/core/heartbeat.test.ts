import { describe, expect, it } from 'vitest';
import { heartbeat, newestDecision } from './heartbeat.js';
import { decision } from './test-fixtures.js';

const now = 1_000_000_000;

describe('bot heartbeat', () => {
  it('alive under max(3 × loop, 60 s), late under 10 min, else down', () => {
    // loop 5 s ⇒ 3 × 5 s = 15 s < 60 s ⇒ alive under 60 s.
    expect(heartbeat(now - 59_999, now, 5000).status).toBe('alive');
    expect(heartbeat(now - 60_000, now, 5000).status).toBe('late');
    expect(heartbeat(now - 599_999, now, 5000).status).toBe('late');
    expect(heartbeat(now - 600_000, now, 5000).status).toBe('down');
    // loop 40 s ⇒ alive under 120 s.
    expect(heartbeat(now - 119_000, now, 40_000)).toMatchObject({
      status: 'alive',
      ageMs: 119_000,
      aliveUnderMs: 120_000,
    });
  });
  it('no decision ⇒ down', () => {
    expect(heartbeat(null, now, 5000)).toMatchObject({ status: 'down', ageMs: null });
  });
  it('newestDecision picks the latest of any market, ALL included', () => {
    const a = decision({ market: 'A', at: '2026-01-03T10:00:00' });
    const all = decision({ market: 'ALL', at: '2026-01-03T10:05:00' });
    expect(newestDecision([a, null, all, undefined])?.marketId).toBe('ALL');
    expect(newestDecision([])).toBeNull();
  });
});
