// Decisions of the range, newest first, loaded page by page (cursor API) as the table scrolls.
// Selecting a row opens its detail beside the table.
import { useCallback, useMemo, useState } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { decisionChanges, quoteChanged, type DecisionChange } from '@core/decision-diff';
import { shortDecisionId } from '@core/decision-id';
import { formatContracts, formatPrice, NONE } from '@core/format';
import { DataBanners } from '../../components/DataBanners';
import { WarningsPanel } from '../../components/WarningsPanel';
import { formatDateTime } from '../../format/time';
import type { EnvChoice } from '../../router/view-params';
import { DecisionDetail } from './DecisionDetail';
import { csvHref, DECISIONS_PAGE_SIZE, marketPath, useDecisionPages } from './market-queries';
import { CsvExcelLinks } from '../../components/CsvExcelLinks';
import type { ResolvedRange } from './market-params';
import type { DecisionJson } from '@api/types';
import { decisionRowId, flattenPages } from './rows';
import { DataTable, LONG_LIST } from '../../components/DataTable';
import { tableKit, type TableKit } from '../../components/table-features';

const col = createColumnHelper<TableKit, DecisionJson>();

function decisionColumns(tz: string, changes: ReadonlyMap<string, DecisionChange[] | null>) {
  return col.columns([
    col.accessor('time', { id: 'time', header: 'Time', cell: (c) => formatDateTime(c.getValue(), tz) }),
    col.accessor('decisionId', {
      id: 'decisionId',
      header: 'Decision',
      cell: (c) => (
        <span className="mono small" title={c.getValue() ?? ''}>
          {shortDecisionId(c.getValue())}
        </span>
      ),
    }),
    col.accessor((d) => d.book?.bestBid ?? null, {
      id: 'bestBid',
      header: 'Best bid',
      cell: (c) => <span className="bid-text">{formatPrice(c.getValue())}</span>,
      meta: { numeric: true },
    }),
    col.accessor((d) => d.book?.bestAsk ?? null, {
      id: 'bestAsk',
      header: 'Best ask',
      cell: (c) => <span className="ask-text">{formatPrice(c.getValue())}</span>,
      meta: { numeric: true },
    }),
    col.accessor((d) => d.book?.spread ?? null, {
      id: 'spread',
      header: 'Spread',
      cell: (c) => formatPrice(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor((d) => d.book?.mid ?? null, {
      id: 'mid',
      header: 'Mid',
      cell: (c) => formatPrice(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor('inventory', {
      id: 'inventory',
      header: 'Inventory',
      cell: (c) => formatContracts(c.getValue(), { plus: true }),
      meta: { numeric: true, help: 'net_yes_qty when deciding' },
    }),
    col.accessor('targetBid', {
      id: 'targetBid',
      header: 'Target bid',
      cell: (c) => formatPrice(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor('targetAsk', {
      id: 'targetAsk',
      header: 'Target ask',
      cell: (c) => formatPrice(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor((d) => d.priceCalc?.fairValue ?? null, {
      id: 'fairValue',
      header: 'Fair value',
      cell: (c) => formatPrice(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor((d) => d.priceCalc?.logic ?? null, {
      id: 'logic',
      header: 'Logic',
      cell: (c) => <span className="small">{c.getValue() ?? NONE}</span>,
    }),
    col.accessor('numTargets', {
      id: 'numTargets',
      header: 'Quotes',
      cell: (c) => formatContracts(c.getValue()),
      meta: { numeric: true, help: 'Number of target quotes' },
    }),
    col.display({
      id: 'changed',
      header: 'Changed',
      cell: (c) => {
        const list = changes.get(decisionRowId(c.row.original));
        // null: the decision before it is on a page not loaded yet.
        if (list === null || list === undefined) return <span className="muted small">{NONE}</span>;
        if (list.length === 0) return <span className="muted small">nothing</span>;
        return (
          <span className="small" data-testid="decision-changes">
            {list.map((x) => x.text).join(' · ')}
          </span>
        );
      },
      meta: {
        help: 'What changed from the decision before it (quotes first); — when that one is not loaded yet',
      },
    }),
  ]);
}

interface Props {
  env: EnvChoice | null;
  marketId: string;
  range: ResolvedRange;
  tz: string;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

export function DecisionsTab({ env, marketId, range, tz, selectedId, onSelect }: Props) {
  const q = useDecisionPages(env, marketId, range);
  const { items, duplicates } = useMemo(() => flattenPages(q.data?.pages, decisionRowId), [q.data]);
  const [onlyChanges, setOnlyChanges] = useState(false);
  // Newest first: the decision before items[i] is items[i + 1]; the oldest loaded one's is known
  // only once the next page is (or when the range has no more).
  const changes = useMemo(() => {
    const out = new Map<string, DecisionChange[] | null>();
    items.forEach((d, i) => {
      const prev = items[i + 1] ?? null;
      out.set(decisionRowId(d), prev || !q.hasNextPage ? decisionChanges(d, prev) : null);
    });
    return out;
  }, [items, q.hasNextPage]);
  const shown = useMemo(
    () => (onlyChanges ? items.filter((d, i) => quoteChanged(d, items[i + 1] ?? null)) : items),
    [items, onlyChanges],
  );
  const columns = useMemo(() => decisionColumns(tz, changes), [tz, changes]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const warnings = useMemo(() => q.data?.pages.flatMap((p) => p.warnings) ?? [], [q.data]);
  const selected = selectedId ? (items.find((d) => decisionRowId(d) === selectedId) ?? null) : null;
  const lastPage = q.data?.pages[q.data.pages.length - 1];
  const href = csvHref(marketPath(marketId, '/decisions'), {
    env: env ?? undefined,
    from: range.from,
    to: range.to,
  });

  return (
    <div className={`tab-body ${selectedId ? 'split' : ''}`}>
      <div className="tab-main">
        <div className="tab-bar">
          <span className="muted small" data-testid="decisions-count">
            {items.length.toLocaleString('en-US')} decisions loaded
            {hasNextPage ? ' · scroll for more' : q.data ? ' · all of the range' : ''}
          </span>
          {duplicates > 0 && <span className="warn-text small">{duplicates} repeated rows dropped</span>}
          <label
            className="small"
            title="Show only the decisions whose target quotes differ from the decision before"
          >
            <input
              type="checkbox"
              checked={onlyChanges}
              onChange={(e) => setOnlyChanges(e.target.checked)}
              data-testid="decisions-only-changes"
            />{' '}
            Only quote changes{onlyChanges ? ` (${shown.length.toLocaleString('en-US')} of the loaded)` : ''}
          </label>
          {onlyChanges && hasNextPage && (
            <button
              type="button"
              className="btn small"
              onClick={loadMore}
              disabled={isFetchingNextPage}
              data-testid="decisions-load-more"
            >
              {isFetchingNextPage ? 'Loading…' : `Load ${DECISIONS_PAGE_SIZE} more`}
            </button>
          )}
          <CsvExcelLinks
            csvHref={href}
            testId="csv-decisions"
            title="Every decision of the range, newest first (CSV up to 600,000; Excel up to 100,000)"
          />
        </div>
        <DataBanners
          meta={lastPage?.meta}
          error={q.error}
          dataUpdatedAtMs={q.dataUpdatedAt}
          what="decisions"
        />
        <WarningsPanel warnings={warnings} />
        <DataTable
          {...LONG_LIST}
          features={tableKit}
          columns={columns}
          data={shown}
          getRowId={decisionRowId}
          selectedId={selectedId}
          onRowActivate={(d) => onSelect(decisionRowId(d) === selectedId ? null : decisionRowId(d))}
          onNearEnd={loadMore}
          testId="decisions-table"
          label="Decisions"
          empty={
            q.isPending
              ? 'Loading decisions…'
              : q.error
                ? 'Decisions could not be loaded.'
                : onlyChanges && items.length > 0
                  ? 'No quote change among the decisions loaded.'
                  : 'No decision in this range.'
          }
          tail={
            isFetchingNextPage
              ? `Loading the next ${DECISIONS_PAGE_SIZE} decisions…`
              : hasNextPage
                ? 'Scroll for more'
                : 'Start of the range'
          }
        />
      </div>
      {selectedId && (
        <DecisionDetail
          env={env}
          id={selectedId}
          fromList={selected}
          tz={tz}
          onClose={() => onSelect(null)}
        />
      )}
    </div>
  );
}
