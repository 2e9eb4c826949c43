// Signed figures for display: the text comes from src/core/format.ts (the only rounding), the
// colour from that text's sign — so a value that rounds to $0.00 is neither green nor red.
import { formatContracts, formatMoney, MINUS, NONE } from '@core/format';

export type Tone = 'pos' | 'neg' | 'flat';

export interface Signed {
  text: string;
  tone: Tone;
}

export function toneOf(text: string): Tone {
  if (text.startsWith('+')) return 'pos';
  if (text.startsWith(MINUS)) return 'neg';
  return 'flat';
}

/** P&L in dollars: `+$1.23` green, `−$4.56` red, `$0.00` plain. */
export function signedMoney(usd: number | null | undefined): Signed {
  const text = formatMoney(usd, { plus: true });
  return { text, tone: toneOf(text) };
}

/** A signed contract count (net position, position change): `+5`, `−12`, `0`. */
export function signedContracts(n: number | null | undefined): Signed {
  const text = formatContracts(n, { plus: true });
  return { text, tone: toneOf(text) };
}

/**
 * True when the bot's own figure should be shown beside ours: both known and at least a cent
 * apart (a difference that size always shows once both are rounded to cents).
 */
export function differsByCent(ours: number | null | undefined, bots: number | null | undefined): boolean {
  if (ours === null || ours === undefined || bots === null || bots === undefined) return false;
  return Math.abs(ours - bots) >= 0.01 - 1e-9;
}

/**
 * Cents per contract (markouts, edge, distance to touch): one decimal, `+1.3¢`, `−0.5¢`; a value
 * that rounds to zero shows no sign. null is the dash.
 */
export function formatCents(cents: number | null | undefined, options: { plus?: boolean } = {}): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return NONE;
  const text = Math.abs(cents).toFixed(1);
  if (text === '0.0') return '0.0¢';
  if (cents < 0) return `${MINUS}${text}¢`;
  return `${options.plus ? '+' : ''}${text}¢`;
}

/** Signed cents per contract, green/red by the shown sign. */
export function signedCents(cents: number | null | undefined): Signed {
  const text = formatCents(cents, { plus: true });
  return { text, tone: toneOf(text) };
}
