// What an exported cell holds, for CSV and workbooks alike: numbers without binary noise (0.47, never
// 0.47000000000000003), nested values as short readable text (never a JSON blob), and each column's
// kind by its name — money, price, time, date, percent — so a workbook can give times real date cells
// and money a dollar format.

export type ColumnKind = 'money' | 'price' | 'time' | 'timeMs' | 'date' | 'percent' | 'count' | 'plain';

const PRICE =
  /^(best|our|target|avg)?(bid|ask)(price)?$|^mid$|^spread$|^minspread$|^avgspread$|priceyes|fairvalue|^avgcost$|^price$/i;
const MONEY = /pnl|usd$|^fees?\b|fee$|capital|realized|unrealized|^cost$|balance|cash|exposureusd|change$/i;
const PERCENT = /^limitUse$|Rate$|Pct$/;
const COUNT =
  /^(size|fills|contracts|inventory|netPosition|netAtEnd|positionDrift|quoteSize|filled24h|pos24h|fills24h|exposure|latencyMs|latencyP95Ms|lastFillAgeMs)$/;

/** The kind of an export column, from its name (the API's field names are regular). */
export function columnKind(name: string): ColumnKind {
  if (name === 'time' || name === 'expiresAt' || (/At$/.test(name) && !/Ms$/.test(name))) return 'time';
  if (/AtMs$/.test(name)) return 'timeMs';
  if (name === 'date') return 'date';
  if (PERCENT.test(name) && name !== 'fillRatePerDay') return 'percent';
  if (PRICE.test(name)) return 'price';
  if (MONEY.test(name)) return 'money';
  if (COUNT.test(name)) return 'count';
  return 'plain';
}

/** A number without binary noise: 12 significant digits (0.47000000000000003 → 0.47). */
export function cleanNumber(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  return Number.parseFloat(v.toPrecision(12));
}

function toDecimals(v: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * A number of a CSV cell, rounded as the dashboard shows it: money to the cent (fees to a hundredth
 * of a cent, which they carry), prices to a tenth of a cent, limit use to 0.01 %, the rest without
 * noise. A workbook keeps the full figure under a number format instead, so its sums stay exact.
 */
export function roundAsShown(v: number, column: string): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  switch (columnKind(column)) {
    case 'money':
      return toDecimals(v, /fee/i.test(column) ? 4 : 2);
    case 'price':
      return toDecimals(v, 3);
    case 'percent':
      return toDecimals(v, 4);
    default:
      return cleanNumber(v);
  }
}

function flatText(v: unknown, prefix = ''): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) {
    const parts = v.flatMap((x) => flatText(x)).filter((s) => s !== '');
    return parts.length ? [prefix ? `${prefix}=${parts.join(', ')}` : parts.join(', ')] : [];
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) =>
      flatText(x, prefix ? `${prefix}.${k}` : k),
    );
  }
  const text = typeof v === 'number' ? String(cleanNumber(v)) : String(v);
  return [prefix ? `${prefix}=${text}` : text];
}

/**
 * A cell's value for an export: numbers rounded as shown (for a column) or without noise, nested
 * values (objects, arrays) as `key=value; …` text, everything else unchanged.
 */
export function exportValue(v: unknown, column?: string): unknown {
  if (typeof v === 'number') return column === undefined ? cleanNumber(v) : roundAsShown(v, column);
  if (v !== null && typeof v === 'object') return flatText(v).join('; ');
  return v;
}
