// Stale Positions: open positions with no fill for H hours (default 48, in the URL as `hours`), in
// enabled and disabled markets alike — where forgotten inventory sits. Cards and TOTAL are the
// API's totals; the table is the API's rows.
import { useMemo, useState } from 'react';
import { formatContracts, formatMoney, formatPercent } from '@core/format';
import type { StaleResponse } from '@api/types';
import { DataBanners } from '../../components/DataBanners';
import { ExportLinks } from '../../components/ExportLinks';
import { SignedFigure } from '../../components/Figure';
import { MetricCard } from '../../components/MetricCard';
import { Panel } from '../../components/Panel';
import { DataTable, SORTED_LIST } from '../../components/DataTable';
import { sortFeatures } from '../../components/table-features';
import { WarningsPanel } from '../../components/WarningsPanel';
import { signedMoney } from '../../format/figures';
import { useViewParams } from '../../router/view-hooks';
import { useSearch, useSetPageParams } from '../common/page-hooks';
import { usePageQuery } from '../common/queries';
import { staleColumns } from './stale-columns';
import '../common/pages.css';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';

export const DEFAULT_HOURS = 48;
const PRESETS = [24, 48, 72, 168] as const;
const MAX_HOURS = 24 * 365;

export function readHours(search: string): number {
  const v = new URLSearchParams(search).get('hours');
  if (!v || !/^\d{1,4}$/.test(v)) return DEFAULT_HOURS;
  const n = Number(v);
  return n >= 1 && n <= MAX_HOURS ? n : DEFAULT_HOURS;
}

function HoursControl({ hours }: { hours: number }) {
  const set = useSetPageParams();
  const [text, setText] = useState(String(hours));
  // The URL's hours changed (a preset, back/forward): the field shows them.
  const [shown, setShown] = useState(hours);
  if (shown !== hours) {
    setShown(hours);
    setText(String(hours));
  }
  const commit = () => {
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_HOURS)
      set({ hours: n === DEFAULT_HOURS ? null : String(n) });
    else setText(String(hours));
  };
  return (
    <div className="controls" role="group" aria-label="Hours without a fill">
      <span className="muted">No fill for</span>
      <div className="seg">
        {PRESETS.map((h) => (
          <button
            key={h}
            type="button"
            className={hours === h ? 'active' : ''}
            aria-pressed={hours === h}
            onClick={() => set({ hours: h === DEFAULT_HOURS ? null : String(h) })}
          >
            {h % 24 === 0 && h > 48 ? `${h / 24}d` : `${h}h`}
          </button>
        ))}
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          commit();
        }}
      >
        <input
          type="number"
          className="hours-input"
          min={1}
          max={MAX_HOURS}
          step={1}
          aria-label="Hours"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
        />
        <span className="muted">hours</span>
      </form>
    </div>
  );
}

function StaleCards({ data }: { data: StaleResponse }) {
  const t = data.totals;
  return (
    <div className="cards" data-testid="stale-cards">
      <MetricCard
        label="Stale positions"
        testId="card-stale-count"
        state={t.count > 0 ? 'warn' : undefined}
        sub={
          <span className="muted">
            {t.enabled} enabled · {t.disabled} disabled
          </span>
        }
      >
        <span className="fig">{t.count}</span>
      </MetricCard>
      <MetricCard
        label="Stale exposure"
        testId="card-stale-exposure"
        title="Σ |net| of the stale positions, and what they can lose at settlement"
        sub={<span className="muted">capital at risk {formatMoney(t.capitalAtRisk)}</span>}
      >
        <span className="fig">{formatContracts(t.exposure)}</span>{' '}
        <span className="card-unit">contracts</span>
      </MetricCard>
      <MetricCard
        label="With exit order"
        testId="card-stale-with-exit"
        title="Long with an active ask, short with an active bid"
        sub={<span className="muted">{formatPercent(t.withExitOrderShare)} of stale positions</span>}
      >
        <span className="fig">{t.withExitOrder}</span>
      </MetricCard>
      <MetricCard
        label="Without exit order"
        testId="card-stale-without-exit"
        state={t.withoutExitOrder > 0 ? 'bad' : undefined}
        title="Nothing live would close these positions"
        sub={<span className="muted">nothing live closes them</span>}
      >
        <span className="fig">{t.withoutExitOrder}</span>
      </MetricCard>
      <MetricCard
        label="Unrealized (stale)"
        testId="card-stale-unrealized"
        sub={
          <span className="muted">
            best <SignedFigure value={signedMoney(t.unrealizedBest)} />
          </span>
        }
      >
        <SignedFigure value={signedMoney(t.unrealizedWorst)} /> <span className="card-unit">worst</span>
      </MetricCard>
    </div>
  );
}

export function StalePage() {
  const view = useViewParams();
  const hours = readHours(useSearch());
  const setParams = useSetPageParams();
  const q = usePageQuery<StaleResponse>('stale', view.env, '/api/v1/stale', { hours });
  const data = q.data;
  const env = data?.env ?? view.env ?? 'demo';
  const columns = useMemo(() => (data ? staleColumns(data.env, view.tz, data.totals) : []), [data, view.tz]);
  return (
    <div className="page stale-page">
      <DataBanners
        meta={data?.meta}
        error={q.error}
        dataUpdatedAtMs={q.dataUpdatedAt}
        what="stale positions"
      />
      {data ? (
        <StaleCards data={data} />
      ) : (
        <div className="cards cards-loading" aria-busy={q.isPending}>
          {q.isPending ? 'Loading…' : 'No figures: the stale positions could not be loaded.'}
        </div>
      )}
      <Panel
        title={
          <>
            Stale positions <span className="count">{data?.items.length ?? '…'}</span>
          </>
        }
        testId="stale-panel"
        actions={
          <div className="controls">
            <HoursControl hours={hours} />
            <TimeZoneSelect tz={view.tz} onChange={(tz) => setParams({ tz })} />
            <ExportLinks path="/api/v1/stale" params={{ env, hours }} testId="stale-export" />
          </div>
        }
      >
        <p className="note panel-note">
          Markets with a net position and no fill in the last {hours} hours (or never), enabled and disabled.
          Sorted by size; click a header to sort. Times in {view.tz}.
        </p>
        {data && (
          <DataTable
            {...SORTED_LIST}
            features={sortFeatures}
            columns={columns}
            data={data.items}
            getRowId={(r) => r.marketId}
            rowClass={(r) => `${r.enabled ? '' : 'row-disabled'} ${r.exitOrder ? '' : 'row-no-exit'}`}
            testId="stale-table"
            footerRows={
              data.items.length > 0
                ? [
                    {
                      key: 'total',
                      className: 'total-row',
                      testId: 'stale-table-total',
                      cellTestId: (id) => `stale-table-total-${id}`,
                      cell: (c) => c.columnDef.meta?.footer,
                    },
                  ]
                : []
            }
            empty={
              <>
                No open position has gone {hours} hours without a fill. Every market with net ≠ 0 is checked,
                enabled or not — try fewer hours, or check the Home page’s exposure.
              </>
            }
          />
        )}
        {!data && q.isPending && <p className="muted">Loading…</p>}
      </Panel>
      {data && <WarningsPanel warnings={data.warnings} />}
    </div>
  );
}
