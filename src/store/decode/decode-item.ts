// Wraps a decoder so that any failure becomes a Warning naming the table and the item's key,
// never an exception that takes a page down nor a silently wrong number.
import type { Decoded, Warning } from '../../core/types.js';
import { FieldError, type Item, type OddFields } from './fields.js';

export function keyOf(item: Item, keyFields: readonly string[]): Record<string, unknown> {
  const key: Record<string, unknown> = {};
  for (const f of keyFields) key[f] = item[f];
  return key;
}

function keyText(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

export function undecodable(table: string, key: Record<string, unknown>, reason: string): Warning {
  return {
    code: 'undecodable_item',
    message: `${table}: item (${keyText(key)}) skipped: ${reason}`,
    detail: { table, key, reason },
  };
}

/** The item was kept, but these descriptive fields were of the wrong type and are shown empty. */
export function oddFields(table: string, key: Record<string, unknown>, fields: OddFields): Warning {
  return {
    code: 'odd_field',
    message: `${table}: item (${keyText(key)}) kept; shown empty or "invalid": ${fields.join('; ')}`.slice(
      0,
      600,
    ),
    detail: { table, key, fields: fields.slice(0, 20) },
  };
}

/**
 * Runs `decode`; a thrown FieldError (or anything else) becomes an `undecodable_item` warning. Odd
 * descriptive fields (`odd`, see fields.ts) keep the item and add one `odd_field` warning.
 */
export function decodeWith<T>(
  table: string,
  keyFields: readonly string[],
  raw: unknown,
  decode: (item: Item, warnings: Warning[], odd: OddFields) => T,
): Decoded<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, warning: undecodable(table, {}, 'not a map') };
  }
  const item = raw as Item;
  const warnings: Warning[] = [];
  const odd: OddFields = [];
  try {
    const value = decode(item, warnings, odd);
    if (odd.length) warnings.push(oddFields(table, keyOf(item, keyFields), odd));
    return { ok: true, value, warnings };
  } catch (err) {
    const reason = err instanceof FieldError ? err.message : `unexpected: ${String(err)}`;
    return { ok: false, warning: undecodable(table, keyOf(item, keyFields), reason) };
  }
}

/** Decodes a list, keeping the good items and collecting one warning per bad item. */
export function decodeAll<T>(
  raws: readonly unknown[],
  decodeOne: (raw: unknown) => Decoded<T>,
): { values: T[]; warnings: Warning[]; skipped: number } {
  const values: T[] = [];
  const warnings: Warning[] = [];
  let skipped = 0;
  for (const raw of raws) {
    const d = decodeOne(raw);
    if (d.ok) {
      values.push(d.value);
      warnings.push(...d.warnings);
    } else {
      skipped++;
      warnings.push(d.warning);
    }
  }
  return { values, warnings, skipped };
}

/** The same warning once (an item read twice — a re-read page, a retry — is reported once). */
export function dedupeWarnings(ws: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  return ws.filter((w) => (seen.has(w.message) ? false : (seen.add(w.message), true)));
}
