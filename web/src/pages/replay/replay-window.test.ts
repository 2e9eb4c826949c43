// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DECISION_CAP, loadDecisions } from './replay-loader';
import { readReplayParams, resolveWindow } from './replay-window';
import type { DecisionJson, DecisionsPage } from '@api/types';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const H = 3_600_000;

describe('readReplayParams / resolveWindow', () => {
  it('uses the URL’s window when it has one', () => {
    const p = readReplayParams(
      '?m=KX-1&start=2026-11-25T01:00:00Z&end=2026-11-25T02:00:00Z&t=2026-11-25T01:30:00Z',
    );
    expect(p.marketId).toBe('KX-1');
    expect(resolveWindow(p, NOW)).toEqual({
      fromMs: Date.parse('2026-11-25T01:00:00Z'),
      toMs: Date.parse('2026-11-25T02:00:00Z'),
      explicit: true,
    });
  });

  it('centres `hours` on t, never past now', () => {
    const t = Date.parse('2026-11-25T06:00:00Z');
    expect(resolveWindow(readReplayParams('?m=A&t=2026-11-25T06:00:00Z&hours=2'), NOW)).toEqual({
      fromMs: t - H,
      toMs: t + H,
      explicit: false,
    });
    const late = resolveWindow(readReplayParams('?m=A&t=2026-11-25T11:30:00Z'), NOW);
    expect(late.toMs).toBe(NOW);
    expect(late.fromMs).toBe(NOW - 6 * H);
  });

  it('falls back to the last 6 hours, ignoring a reversed or over-long window and bad values', () => {
    const last = { fromMs: NOW - 6 * H, toMs: NOW, explicit: false };
    expect(resolveWindow(readReplayParams(''), NOW)).toEqual(last);
    expect(
      resolveWindow(readReplayParams('?start=2026-11-25T02:00:00Z&end=2026-11-25T01:00:00Z'), NOW),
    ).toEqual(last);
    expect(
      resolveWindow(readReplayParams('?start=2026-11-01T00:00:00Z&end=2026-11-25T00:00:00Z'), NOW),
    ).toEqual(last);
    expect(readReplayParams('?t=soon&hours=9999')).toMatchObject({ t: null, hours: 6 });
  });
});

describe('loadDecisions', () => {
  const page = (n: number, next: string | null): DecisionsPage =>
    ({
      items: Array.from({ length: n }, () => ({}) as DecisionJson),
      nextCursor: next,
      warnings: [],
      meta: {},
    }) as unknown as DecisionsPage;

  it('follows the cursor until the last page', async () => {
    const cursors: (string | null)[] = [];
    const r = await loadDecisions(async (c) => {
      cursors.push(c);
      return c === null ? page(1000, 'p2') : page(10, null);
    });
    expect(cursors).toEqual([null, 'p2']);
    expect(r).toMatchObject({ truncated: false, pages: 2 });
    expect(r.items).toHaveLength(1010);
  });

  it('stops at the cap and says the window was cut', async () => {
    let calls = 0;
    const r = await loadDecisions(async () => {
      calls++;
      return page(1000, 'more');
    });
    expect(calls).toBe(DECISION_CAP / 1000);
    expect(r.items).toHaveLength(DECISION_CAP);
    expect(r.truncated).toBe(true);
  });
});
