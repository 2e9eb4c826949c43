// AttributeValue → plain values, as lib-dynamodb's unmarshall does (S → string, N → number, BOOL,
// NULL → null, M → object, L → array, SS/NS/BS → Set, B → Uint8Array), for the one read whose size
// grows with the account's age: the trade-log Scan. lib-dynamodb walks every item with reduce and
// Object.entries — about a third of all memory allocated by a cold start on a 40k-fill log — where
// plain loops allocate only the result. One difference, on purpose: a number that is neither a safe
// integer nor a BigInt ("1e400") becomes a Number instead of failing the whole page; the decoders
// then report the item by its key.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

function num(text: string): number | bigint {
  const n = Number(text);
  if (Number.isFinite(n) && !Number.isSafeInteger(Math.trunc(n)) && /^-?\d+$/.test(text)) return BigInt(text);
  return n;
}

export function nativeOf(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return num(value.N);
  if (value.M !== undefined) return unmarshallItem(value.M);
  if (value.L !== undefined) {
    const out = new Array<unknown>(value.L.length);
    for (let i = 0; i < value.L.length; i++) out[i] = nativeOf(value.L[i] as AttributeValue);
    return out;
  }
  if (value.NULL !== undefined) return null;
  if (value.BOOL !== undefined) return Boolean(value.BOOL);
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map(num));
  if (value.B !== undefined) return value.B;
  if (value.BS !== undefined) return new Set(value.BS);
  throw new Error(`unsupported attribute value: ${Object.keys(value).join(', ')}`);
}

export function unmarshallItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in item) {
    const v = item[key];
    if (v !== undefined) out[key] = nativeOf(v);
  }
  return out;
}
