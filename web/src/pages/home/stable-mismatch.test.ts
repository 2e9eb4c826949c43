import { describe, expect, it } from 'vitest';
import { EMPTY_STABLE, foldMismatch, type StableState } from './stable-mismatch';

const run = (steps: string[][]): string[][] => {
  let s: StableState = EMPTY_STABLE;
  return steps.map((missing, i) => {
    s = foldMismatch(s, missing, `t${i}`);
    return [...s.shown].sort();
  });
};

describe('stable mismatch (issue 16 item 9)', () => {
  it('a market missing in one overview only never shows', () => {
    expect(run([[], ['A'], [], ['A'], []])).toEqual([[], [], [], [], []]);
  });
  it('enters on the second overview in a row, leaves after two without it', () => {
    // t0 A, t1 A ⇒ shown; t2 clear (one) ⇒ still shown; t3 clear (two) ⇒ gone.
    expect(run([['A'], ['A'], [], [], []])).toEqual([[], ['A'], ['A'], [], []]);
  });
  it('a shown market that flickers clear for one overview stays shown', () => {
    expect(run([['A'], ['A'], [], ['A'], []])).toEqual([[], ['A'], ['A'], ['A'], ['A']]);
  });
  it('the same body twice (a live patch, a re-render) changes nothing', () => {
    let s = foldMismatch(EMPTY_STABLE, ['A'], 't0');
    s = foldMismatch(s, ['A'], 't0');
    expect([...s.shown]).toEqual([]);
    s = foldMismatch(s, ['A'], 't1');
    expect([...s.shown]).toEqual(['A']);
  });
});
