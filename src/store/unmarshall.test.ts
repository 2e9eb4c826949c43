// The lean unmarshall must give exactly what lib-dynamodb's does for every attribute type the SDK
// returns (property test against @aws-sdk/util-dynamodb), and not fail a page on an odd number.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { unmarshallItem } from './unmarshall.js';

const numText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom('0', '-0', '0.1', '1e-7', '9007199254740993', '0.5500000000000003'),
);

const attr: fc.Memo<AttributeValue> = fc.memo((depth) =>
  fc.oneof(
    { depthSize: 'small' },
    fc.string().map((S) => ({ S })),
    numText.map((N) => ({ N })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
    fc.uniqueArray(fc.integer().map(String), { minLength: 1, maxLength: 4 }).map((NS) => ({ NS })),
    fc.uint8Array({ maxLength: 6 }).map((B) => ({ B })),
    ...(depth > 0
      ? [
          fc.array(attr(depth - 1), { maxLength: 4 }).map((L) => ({ L })),
          fc.dictionary(fc.string({ maxLength: 6 }), attr(depth - 1), { maxKeys: 4 }).map((M) => ({ M })),
        ]
      : []),
  ),
);

describe('unmarshallItem', () => {
  it('equals lib-dynamodb’s unmarshall (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), attr(3), { maxKeys: 8 }), (item) => {
        let expected: unknown;
        try {
          expected = unmarshall(item);
        } catch {
          // lib-dynamodb fails on a large number that is no integer ("1e+21"); ours reads it.
          expect(() => unmarshallItem(item)).not.toThrow();
          return;
        }
        expect(unmarshallItem(item)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('turns a trade-log item into the values the decoders read', () => {
    const item = unmarshallItem({
      date: { S: '2026-01-05' },
      'timestamp#order_id': { S: '2026-01-05T10:00:00.123456+00:00#o-1' },
      price: { N: '0.42' },
      size: { N: '3' },
      recent: { L: [{ M: { p: { N: '0.5' } } }] },
      big: { N: '12345678901234567890' },
      none: { NULL: true },
    });
    expect(item).toEqual({
      date: '2026-01-05',
      'timestamp#order_id': '2026-01-05T10:00:00.123456+00:00#o-1',
      price: 0.42,
      size: 3,
      recent: [{ p: 0.5 }],
      big: 12345678901234567890n,
      none: null,
    });
  });

  it('gives a Number for a huge non-integer instead of failing the page', () => {
    expect(unmarshallItem({ x: { N: '1e400' } }).x).toBe(Infinity);
    expect(unmarshallItem({ x: { N: '1.5e300' } }).x).toBe(1.5e300);
  });
});
