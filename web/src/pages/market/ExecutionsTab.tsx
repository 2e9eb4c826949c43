// Execution events of the range, newest first: filter by type and status, select one for its
// detail and the decision that caused it. Batch mode writes no order events (contract §6.13): when
// the range has decisions but no events, say so instead of showing an unexplained empty table.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { decisionLabelText, isSystemDecisionId } from '@core/decision-id';
import { formatContracts, NONE } from '@core/format';
import { DataBanners } from '../../components/DataBanners';
import { WarningsPanel } from '../../components/WarningsPanel';
import type { EnvChoice } from '../../router/view-params';
import { statusClass } from './ChainTables';
import { ExecutionDetail } from './ExecutionDetail';
import { csvHref, marketPath, useDecisionPages, useExecutionPages } from './market-queries';
import { CsvExcelLinks } from '../../components/CsvExcelLinks';
import type { ResolvedRange } from './market-params';
import {
  executionRows,
  filterChoices,
  matchesFilter,
  NO_STATUS,
  type ExecutionFilter,
  type ExecutionRow,
} from './rows';
import { tradeColumns } from './trade-columns';
import { DataTable, LONG_LIST } from '../../components/DataTable';
import { tableKit, type TableKit } from '../../components/table-features';

const col = createColumnHelper<TableKit, ExecutionRow>();

/** While a filter is on, pages load by themselves up to this many events (the API cannot filter). */
export const FILTER_LOAD_CAP = 50_000;

function executionColumns(tz: string) {
  const trade = tradeColumns<ExecutionRow>(tz);
  return col.columns([
    trade.time,
    col.accessor('eventType', {
      id: 'type',
      header: 'Type',
      cell: (c) => <span className="mono small">{c.getValue()}</span>,
    }),
    col.accessor('decisionId', {
      id: 'decision',
      header: 'Decision',
      cell: (c) =>
        isSystemDecisionId(c.getValue()) ? (
          // An "ALL" record's id: <run>:startup_cancel:<YYYYMMDD-HHMMSS> — the third part is a time.
          <span className="small system-decision" title={c.getValue()} data-system-decision="true">
            {decisionLabelText(c.getValue())}
          </span>
        ) : (
          <span className="mono small" title={c.getValue()}>
            {decisionLabelText(c.getValue())}
          </span>
        ),
      meta: {
        help: 'Loop number of the decision, or the system reason (startup, risk-halt or fatal-error cleanup cancel) of a cancel-all record; hover for the full id',
      },
    }),
    col.accessor('orderId', {
      id: 'orderId',
      header: 'Order',
      cell: (c) => (
        <span className="mono small" title={c.getValue() ?? ''}>
          {c.getValue()?.slice(0, 8) ?? NONE}
        </span>
      ),
    }),
    col.accessor('clientOrderId', {
      id: 'clientOrderId',
      header: 'Client order',
      cell: (c) => <span className="mono small">{c.getValue() ?? NONE}</span>,
    }),
    col.accessor('side', { id: 'side', header: 'Side', cell: (c) => c.getValue() ?? NONE }),
    trade.price,
    trade.size,
    col.accessor('status', {
      id: 'status',
      header: 'Status',
      cell: (c) => <span className={statusClass(c.getValue())}>{c.getValue() ?? NONE}</span>,
    }),
    col.accessor('latencyMs', {
      id: 'latency',
      header: 'Latency',
      cell: (c) => (c.getValue() === null ? NONE : `${formatContracts(c.getValue())} ms`),
      meta: { numeric: true },
    }),
    col.accessor((e) => e.errorCode ?? e.errorType, {
      id: 'errorCode',
      header: 'Error',
      cell: (c) => <span className="tone-neg small">{c.getValue() ?? ''}</span>,
    }),
    col.accessor('errorMsg', {
      id: 'errorMsg',
      header: 'Message',
      cell: (c) => (
        <span className="small ellipsis msg" title={c.getValue() ?? ''}>
          {c.getValue() ?? ''}
        </span>
      ),
    }),
  ]);
}

interface Props {
  env: EnvChoice | null;
  marketId: string;
  range: ResolvedRange;
  tz: string;
  onOpenDecision: (decisionId: string) => void;
}

export function ExecutionsTab({ env, marketId, range, tz, onOpenDecision }: Props) {
  const q = useExecutionPages(env, marketId, range);
  const decisions = useDecisionPages(env, marketId, range);
  const [filter, setFilter] = useState<ExecutionFilter>({ type: '', status: '' });
  const [selected, setSelected] = useState<string | null>(null);
  const all = useMemo(() => executionRows(q.data?.pages.flatMap((p) => p.items) ?? []), [q.data]);
  const rows = useMemo(
    () => (filter.type || filter.status ? all.filter((e) => matchesFilter(e, filter)) : all),
    [all, filter],
  );
  const choices = useMemo(() => filterChoices(all), [all]);
  const columns = useMemo(() => executionColumns(tz), [tz]);
  const total = q.data?.pages[0]?.total ?? null;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const filtering = filter.type !== '' || filter.status !== '';
  // The API has no type/status filter: to filter the whole range, load the rest of it.
  useEffect(() => {
    if (filtering && all.length < FILTER_LOAD_CAP) loadMore();
  }, [filtering, all.length, loadMore]);
  const warnings = useMemo(() => q.data?.pages.flatMap((p) => p.warnings) ?? [], [q.data]);
  const event = selected ? (all.find((e) => e.rowId === selected) ?? null) : null;
  const hasDecisions = (decisions.data?.pages[0]?.items.length ?? 0) > 0;
  const batchNotice = total === 0 && hasDecisions;
  const href = csvHref(marketPath(marketId, '/executions'), {
    env: env ?? undefined,
    from: range.from,
    to: range.to,
  });

  return (
    <div className={`tab-body ${event ? 'split' : ''}`}>
      <div className="tab-main">
        <div className="tab-bar">
          <label className="tz">
            <span className="muted">Type</span>
            <select
              aria-label="Event type"
              value={filter.type}
              onChange={(e) => setFilter((f) => ({ ...f, type: e.target.value }))}
            >
              <option value="">all</option>
              {choices.types.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="tz">
            <span className="muted">Status</span>
            <select
              aria-label="Status"
              value={filter.status}
              onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value }))}
            >
              <option value="">all</option>
              {choices.statuses.map((s) => (
                <option key={s} value={s}>
                  {s === NO_STATUS ? 'no status (place, cancel, fill)' : s}
                </option>
              ))}
            </select>
          </label>
          <span className="muted small" data-testid="executions-count">
            {filtering
              ? `${rows.length.toLocaleString('en-US')} matching of ${all.length.toLocaleString('en-US')} loaded`
              : `${all.length.toLocaleString('en-US')} loaded`}
            {total !== null && ` · ${total.toLocaleString('en-US')} events in the range`}
            {filtering && hasNextPage && all.length < FILTER_LOAD_CAP && ' · loading the rest to filter…'}
            {filtering &&
              hasNextPage &&
              all.length >= FILTER_LOAD_CAP &&
              ` · filter covers the newest ${FILTER_LOAD_CAP.toLocaleString('en-US')}`}
          </span>
          <CsvExcelLinks
            csvHref={href}
            testId="csv-executions"
            title="Every order event of the range, newest first (before the filters on screen)"
          />
        </div>
        <DataBanners
          meta={q.data?.pages[0]?.meta}
          error={q.error}
          dataUpdatedAtMs={q.dataUpdatedAt}
          what="execution events"
        />
        {batchNotice && (
          <div className="banner" role="status" data-testid="batch-notice">
            <strong>No order events in this range, but the bot made decisions in it.</strong> In batch
            execution mode the bot writes no ORDER_PLACE / ORDER_RESULT / ORDER_CANCEL events (only FILLs with
            a known decision and halt/cleanup cancels), and the execution log keeps 30 days. Fills are in the
            Fills tab.
          </div>
        )}
        <WarningsPanel warnings={warnings} />
        <DataTable
          {...LONG_LIST}
          features={tableKit}
          columns={columns}
          data={rows}
          getRowId={(e) => e.rowId}
          selectedId={selected}
          onRowActivate={(e) => setSelected((s) => (s === e.rowId ? null : e.rowId))}
          onNearEnd={loadMore}
          rowClass={(e) => (e.status === 'REJECTED' || e.status === 'ERROR' ? 'row-error' : '')}
          testId="executions-table"
          label="Execution events"
          empty={
            q.isPending
              ? 'Loading execution events…'
              : q.error
                ? 'Execution events could not be loaded.'
                : filtering
                  ? hasNextPage
                    ? 'Loading more events to filter…'
                    : 'No event matches the filter.'
                  : 'No execution event in this range.'
          }
          tail={isFetchingNextPage ? 'Loading more…' : hasNextPage ? 'Scroll for more' : 'Start of the range'}
        />
      </div>
      {event && (
        <ExecutionDetail
          env={env}
          event={event}
          tz={tz}
          onClose={() => setSelected(null)}
          onOpenDecision={onOpenDecision}
        />
      )}
    </div>
  );
}
