// Display formatters: the only place where figures are rounded. The API keeps full precision.
// Negative numbers use the typographic minus (U+2212), which lines up with digits in tables;
// null (no value) renders as an em dash.

export const MINUS = '\u2212';
export const NONE = '—';

const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function signed(magnitudeText: string, negative: boolean, plus: boolean, isZero: boolean): string {
  if (isZero) return magnitudeText;
  if (negative) return `${MINUS}${magnitudeText}`;
  return plus ? `+${magnitudeText}` : magnitudeText;
}

/**
 * Dollars to cents: `$1,234.56`, `−$0.42`; `{ plus: true }` adds `+` to gains (P&L deltas).
 * A value that rounds to zero shows no sign (never `−$0.00`).
 */
export function formatMoney(usd: number | null | undefined, options: { plus?: boolean } = {}): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return NONE;
  const text = cents.format(Math.abs(usd));
  return signed(`$${text}`, usd < 0, options.plus ?? false, text === '0.00');
}

/** A YES price: `$0.350` (3 dp, the old UI) or `35¢` / `35.5¢` (cents). */
export function formatPrice(
  priceYes: number | null | undefined,
  style: 'dollars' | 'cents' = 'dollars',
): string {
  if (priceYes === null || priceYes === undefined || !Number.isFinite(priceYes)) return NONE;
  if (style === 'cents') {
    const c = Math.round(Math.abs(priceYes) * 1000) / 10;
    return `${priceYes < 0 && c !== 0 ? MINUS : ''}${Number.isInteger(c) ? c : c.toFixed(1)}¢`;
  }
  const text = Math.abs(priceYes).toFixed(3);
  return `${priceYes < 0 && text !== '0.000' ? MINUS : ''}$${text}`;
}

/** Contracts: `1,234`, `−7`; `{ plus: true }` for deltas (`+5`). */
export function formatContracts(n: number | null | undefined, options: { plus?: boolean } = {}): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NONE;
  const text = integers.format(Math.abs(n));
  return signed(text, n < 0, options.plus ?? false, text === '0');
}

/** A fraction as a percentage: 0.456 → `46%` (digits = decimals shown). */
export function formatPercent(fraction: number | null | undefined, digits = 0): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NONE;
  const text = Math.abs(fraction * 100).toFixed(digits);
  return `${fraction < 0 && Number(text) !== 0 ? MINUS : ''}${text}%`;
}

const UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** The largest whole unit: 3m, 2h, 5d (for "x ago"); under 1 s is `0s`. */
function coarse(ms: number): string {
  for (const [unit, size] of UNITS) if (ms >= size) return `${Math.floor(ms / size)}${unit}`;
  return '0s';
}

/** Relative age: `just now` (< 5 s), `45s ago`, `3m ago`, `2h ago`, `4d ago`; future: `in 3m`. */
export function formatAge(thenMs: number | null | undefined, nowMs: number): string {
  if (thenMs === null || thenMs === undefined || !Number.isFinite(thenMs)) return NONE;
  const delta = nowMs - thenMs;
  if (Math.abs(delta) < 5000) return 'just now';
  return delta > 0 ? `${coarse(delta)} ago` : `in ${coarse(-delta)}`;
}

/** A duration in its two largest units: `2d 3h`, `3h 5m`, `4m 10s`, `12s` (the stale page's "Time Since"). */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NONE;
  const sign = ms < 0 ? MINUS : '';
  let rest = Math.floor(Math.abs(ms) / 1000) * 1000;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (parts.length === 0 && rest < size && unit !== 's') continue;
    parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
    if (parts.length === 2) break;
  }
  return sign + parts.join(' ');
}
