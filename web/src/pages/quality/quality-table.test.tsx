// @vitest-environment node
// The quality table's DOM as the browser tests select it (test ids, pinned market column, aria-sort,
// the dash with its reason, the All footer), from the server renderer with a hand-made body.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { DataTable, SORTED_LIST } from '../../components/DataTable';
import { blocks } from './fixtures';
import { FIGURES, FigureCell, MARKET_COLUMN, qualityColumns, qualityFeatures } from './quality-columns';
import { qualityRow } from './quality-rows';

vi.mock('../../components/MarketLink', () => ({
  MarketLink: ({ marketId }: { marketId: string }) => <a href={`/market?m=${marketId}`}>{marketId}</a>,
}));

describe('quality table', () => {
  it('pins the market column, sorts by total with unknown totals last, and shows All in the footer', () => {
    const rows = [
      qualityRow(
        'KXLOW',
        blocks({ attribution: { total: -1, spreadCapture: 0.5, inventory: -1.3, fees: 0.2 } }),
      ),
      qualityRow(
        'KXNULL',
        blocks({ attribution: { total: null, spreadCapture: 0.5, inventory: null, fees: 0.2 } }),
      ),
      qualityRow('KXHIGH', blocks()),
    ];
    const all = qualityRow(
      'All markets',
      blocks({ attribution: { total: 0.25, spreadCapture: 0.95, inventory: -0.3, fees: 0.4 } }),
    );
    const html = renderToStaticMarkup(
      <DataTable
        {...SORTED_LIST}
        features={qualityFeatures}
        columns={qualityColumns('demo', (id) => (id === 'KXHIGH' ? 0 : -1))}
        data={rows}
        getRowId={(r) => r.marketId}
        initialSorting={[{ id: 'total', desc: true }]}
        options={{ state: { columnPinning: { start: [MARKET_COLUMN], end: [] }, columnSizing: {} } }}
        testId="quality-table"
        empty="none"
        footerRows={[
          {
            key: 'all',
            className: 'total-row',
            testId: 'quality-table-all',
            cellTestId: (id) => `quality-all-${id}`,
            cell: (c) => {
              if (c.id === MARKET_COLUMN) return 'All markets';
              const spec = FIGURES.find((f) => f.field === c.id);
              return spec ? <FigureCell spec={spec} row={all} /> : null;
            },
          },
        ]}
      />,
    );
    const ids = [...html.matchAll(/<tr data-row-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['KXHIGH', 'KXLOW', 'KXNULL']);
    expect(html).toMatch(
      /<th class="pinned" style="position:sticky;left:0;width:200px[^"]*" aria-sort="none">/,
    );
    expect(html).toMatch(/aria-sort="descending" title="[^"]*"><button type="button" class="sort">Total \$/);
    expect(html).toContain('title="A mark (mid) is unknown while a position is held: never guessed"');
    expect(html).toContain('data-testid="quality-all-total"><span class="fig tone-pos ">+$0.25</span>');
    expect(html).toContain('data-testid="quality-all-market">All markets</td>');
    expect(html).toContain('data-testid="quality-all-edgeCents"><span class="fig tone-pos ">+1.5¢</span>');
  });
});
