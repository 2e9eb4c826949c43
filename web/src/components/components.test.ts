// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toCsvText } from './client-csv';
import { exportHref } from './ExportLinks';
import { searchMarkets, type MarketOption } from './MarketSearch';
import { pngName } from '../charts/png-export';

describe('exportHref', () => {
  it('keeps the table’s parameters and adds the format', () => {
    expect(exportHref('/api/v1/stale', { env: 'demo', hours: 72, x: null }, 'xlsx')).toBe(
      '/api/v1/stale?env=demo&hours=72&format=xlsx',
    );
    expect(exportHref('/api/v1/compare', { markets: 'A,B' }, 'csv')).toBe(
      '/api/v1/compare?markets=A%2CB&format=csv',
    );
  });
});

describe('toCsvText', () => {
  it('quotes what needs quoting and leaves null empty', () => {
    expect(
      toCsvText(
        [
          { a: 'x,y', b: null, c: 'say "hi"' },
          { a: 1, b: 2.5, c: '' },
        ],
        ['a', 'b', 'c'],
      ),
    ).toBe('a,b,c\r\n"x,y",,"say ""hi"""\r\n1,2.5,\r\n');
  });
});

describe('searchMarkets', () => {
  const options: MarketOption[] = [
    { marketId: 'KXFED-26DEC-H0', eventTicker: 'KXFED-26DEC', enabled: true },
    { marketId: 'KXFED-26DEC-H25', eventTicker: 'KXFED-26DEC', enabled: false },
    { marketId: 'KXGDP-T3', eventTicker: 'KXGDP', enabled: true },
  ];
  it('matches every word in ticker or event, any case', () => {
    expect(
      searchMarkets(options, 'fed h25', false).map((h) =>
        h.kind === 'market' ? h.option.marketId : h.event,
      ),
    ).toEqual(['KXFED-26DEC-H25']);
    expect(searchMarkets(options, '', false)).toHaveLength(3);
  });
  it('offers an event with several markets as one choice, first', () => {
    const hits = searchMarkets(options, 'kxfed', true);
    expect(hits[0]).toMatchObject({ kind: 'event', event: 'KXFED-26DEC' });
    expect(hits[0]?.kind === 'event' && hits[0].markets.map((m) => m.marketId)).toEqual([
      'KXFED-26DEC-H0',
      'KXFED-26DEC-H25',
    ]);
    // An event with one market is just that market.
    expect(searchMarkets(options, 'gdp', true).map((h) => h.kind)).toEqual(['market']);
  });
});

describe('pngName', () => {
  it('makes a safe file name', () => {
    expect(pngName(['dora-pnl', 'demo', '2026-11-01', '2026-11-25'])).toBe(
      'dora-pnl-demo-2026-11-01-2026-11-25.png',
    );
    expect(pngName(['a b/c'])).toBe('a_b_c.png');
  });
});
