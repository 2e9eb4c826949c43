import { describe, expect, it } from 'vitest';
import { groupWarnings, INFORMATIONAL_CODES, splitMessage } from './WarningsPanel';

describe('warnings (issue 16 item 8)', () => {
  it('a message splits into its own first sentence and the explanation it shares', () => {
    expect(
      splitMessage(
        'KX-A: replay realized $1.0000 vs bot $0.9000 (difference $0.1000). The bot replays every fill. More.',
      ),
    ).toEqual([
      'KX-A: replay realized $1.0000 vs bot $0.9000 (difference $0.1000).',
      'The bot replays every fill. More.',
    ]);
    expect(splitMessage('one sentence only')).toEqual(['one sentence only', '']);
  });
  it('fee-era drift and the running daily_pnl are informational; a position drift is not', () => {
    expect(INFORMATIONAL_CODES.has('realized_drift')).toBe(true);
    expect(INFORMATIONAL_CODES.has('daily_pnl_running_total')).toBe(true);
    expect(INFORMATIONAL_CODES.has('position_drift')).toBe(false);
    expect(INFORMATIONAL_CODES.has('missing_gsi')).toBe(false);
  });
  it('groups by code in first-seen order with every item', () => {
    const w = (code: string, message = code) => ({ code, message });
    expect(groupWarnings([w('a', '1'), w('b'), w('a', '2')]).map(([c, l]) => [c, l.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});
