// @vitest-environment node
// The DOM the browser tests select by (test ids, row ids, aria-sort, the tail and footer rows), from
// the server renderer: no browser DOM is installed for unit tests.
import { createColumnHelper } from '@tanstack/react-table';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataTable, LONG_LIST, SORTED_LIST } from './DataTable';
import { sortColumnHelper, sortFeatures, tableKit } from './table-features';

interface Row {
  id: string;
  n: number;
}
const rows: Row[] = [
  { id: 'a', n: 1 },
  { id: 'b', n: 3 },
  { id: 'c', n: 2 },
];

const rowIds = (html: string) => [...html.matchAll(/<tr data-row-id="([^"]+)"/g)].map((m) => m[1]);

describe('DataTable', () => {
  it('a sorted list: sort buttons with aria-sort, rows in sort order with their ids, a TOTAL row', () => {
    const col = sortColumnHelper<Row>();
    const columns = [
      col.accessor('id', { header: 'Id' }),
      col.accessor('n', { header: 'N', meta: { numeric: true, footer: 'six' } }),
    ];
    const html = renderToStaticMarkup(
      <DataTable
        {...SORTED_LIST}
        features={sortFeatures}
        columns={columns}
        data={rows}
        getRowId={(r) => r.id}
        testId="t"
        initialSorting={[{ id: 'n', desc: true }]}
        empty="none"
        footerRows={[
          {
            key: 'total',
            className: 'total-row',
            testId: 't-total',
            cellTestId: (id) => `t-total-${id}`,
            cell: (c) => c.columnDef.meta?.footer,
          },
        ]}
      />,
    );
    expect(html).toContain('<div class="table-scroll dtable-scroll" data-testid="t-scroll">');
    expect(html).toContain('<table class="grid dtable" data-testid="t">');
    expect(html).toContain('<th class="" aria-sort="none"><button type="button" class="sort">Id');
    expect(html).toContain(
      '<th class="num" aria-sort="descending"><button type="button" class="sort">N<span class="sort-mark" aria-hidden="true">▼</span>',
    );
    expect(rowIds(html)).toEqual(['b', 'c', 'a']);
    expect(html).toContain(
      '<tfoot><tr class="total-row" data-testid="t-total"><td class="" data-testid="t-total-id"></td><td class="num" data-testid="t-total-n">six</td>',
    );
  });

  afterEach(() => vi.unstubAllGlobals());

  it('a long list: selectable rows, aria-selected, the tail row, no sort marks; empty says so', () => {
    // The box's first size comes from the viewport's (initialRect) until it is measured.
    vi.stubGlobal('window', { innerWidth: 1000, innerHeight: 1000 });
    const col = createColumnHelper<typeof tableKit, Row>();
    const props = {
      ...LONG_LIST,
      features: tableKit,
      columns: [col.accessor('id', { header: 'Id' })],
      getRowId: (r: Row) => r.id,
      testId: 'fills-table',
      label: 'Fills',
      selectedId: 'c',
      onRowActivate: () => {},
      empty: 'No fill in this range.',
      tail: 'end of range',
    };
    const html = renderToStaticMarkup(<DataTable {...props} data={rows} />);
    expect(html).toContain('<div class="table-scroll vt-scroll" data-testid="fills-table-scroll">');
    expect(html).toContain('<table class="grid vt" data-testid="fills-table" aria-label="Fills">');
    expect(html).not.toContain('aria-sort');
    expect(html).toContain(
      '<tr data-row-id="c" class="selected clickable" aria-selected="true" tabindex="0">',
    );
    expect(rowIds(html)).toEqual(['a', 'b', 'c']);
    expect(html).toMatch(/<tr class="vt-tail"><td colspan="1" class="muted">end of range<\/td><\/tr>/i);
    const empty = renderToStaticMarkup(<DataTable {...props} data={[]} />);
    expect(empty).toMatch(/<td colspan="1" class="muted empty">No fill in this range.<\/td>/i);
    expect(empty).not.toContain('vt-tail');
  });
});
