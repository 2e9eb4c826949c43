// Opaque page cursors. A cursor is the LastEvaluatedKey of the previous page, checked on the way
// back in: it must name the same market (and table kind) as the request, with string attributes
// only, so a forged cursor cannot move a read to another market or table.
export class CursorError extends Error {}

export function encodeCursor(kind: string, key: Record<string, unknown> | undefined): string | null {
  if (!key) return null;
  return Buffer.from(JSON.stringify({ v: 1, kind, key }), 'utf8').toString('base64url');
}

export function decodeCursor(
  cursor: string,
  kind: string,
  expected: { attributes: readonly string[]; equal?: Record<string, string> },
): Record<string, string> {
  let parsed: unknown;
  try {
    if (cursor.length > 2048) throw new Error('too long');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('cursor is not one this server issued');
  }
  const p = parsed as { v?: unknown; kind?: unknown; key?: unknown };
  if (p.v !== 1 || p.kind !== kind || typeof p.key !== 'object' || p.key === null) {
    throw new CursorError('cursor is not one this server issued for this list');
  }
  const key = p.key as Record<string, unknown>;
  const names = Object.keys(key).sort();
  if (names.join() !== [...expected.attributes].sort().join())
    throw new CursorError('cursor has unexpected attributes');
  for (const n of names)
    if (typeof key[n] !== 'string') throw new CursorError('cursor has unexpected values');
  for (const [n, v] of Object.entries(expected.equal ?? {})) {
    if (key[n] !== v) throw new CursorError(`cursor belongs to another ${n}`);
  }
  return key as Record<string, string>;
}
