// Reconciliation: (a) a market's decision → order → fill chains for a range, broken ones highlighted;
// (b) the P&L sources side by side per market with the explanation of each difference; (c) position
// drift. The market (`m`), range and "only broken" live in the URL.
import type { ReconciliationResponse } from '@api/types';
import { DataBanners } from '../../components/DataBanners';
import { ExportLinks } from '../../components/ExportLinks';
import { MarketSearch } from '../../components/MarketSearch';
import { Panel } from '../../components/Panel';
import { WarningsPanel } from '../../components/WarningsPanel';
import { useViewParams } from '../../router/view-hooks';
import { useToday } from '../../api/use-now';
import { describeLookback, lookbackParams, readLookback } from '../common/lookback';
import { LookbackControls } from '../common/LookbackControls';
import { useMarketOptions } from '../common/market-options';
import { useSearch, useSetPageParams } from '../common/page-hooks';
import { usePageQuery } from '../common/queries';
import { ChainsPanel } from './ChainsPanel';
import { DriftTable } from './DriftTable';
import { differs, PnlSourcesTable } from './PnlSourcesTable';
import '../common/pages.css';
import { PRESET_DAYS } from '../../router/view-params';

/** The presets of every page (view-params.ts). */
const CHOICES = PRESET_DAYS;

export function ReconciliationPage() {
  const view = useViewParams();
  const search = useSearch();
  const set = useSetPageParams();
  const p = new URLSearchParams(search);
  const m = p.get('m');
  const marketId = m && m.length <= 200 ? m : null;
  const onlyBroken = p.get('broken') === '1';
  const lookback = readLookback(search, 1, 366);
  const range = lookbackParams(lookback, view.tz, useToday(view.tz));
  const { options, loading } = useMarketOptions(view);
  const q = usePageQuery<ReconciliationResponse>(
    'reconciliation',
    view.env,
    '/api/v1/reconciliation',
    { ...(marketId ? { market: marketId, ...range } : {}), broken: onlyBroken ? 'true' : undefined },
    { refetchMs: 30_000 },
  );
  const data = q.data;
  const env = data?.env ?? view.env ?? 'demo';
  const differing = data ? data.pnlSources.filter(differs).length : 0;
  // The chains on screen must be the chosen market's (the previous one's stay only while loading).
  const chains = data?.chains && data.chains.marketId === marketId ? data.chains : null;
  return (
    <div className="page recon-page">
      <div className="toolbar panel" data-testid="recon-toolbar">
        <MarketSearch
          options={options}
          value={marketId}
          loading={loading}
          onPick={(h) => h.kind === 'market' && set({ m: h.option.marketId })}
          placeholder="Type to search a market…"
        />
        <LookbackControls value={lookback} choices={CHOICES} tz={view.tz} maxDays={366} />
        <span className="muted small">
          chains of {describeLookback(lookback, view.tz)}
          {q.isFetching && ' · loading…'}
        </span>
      </div>
      <DataBanners
        meta={data?.meta}
        error={q.error}
        dataUpdatedAtMs={q.dataUpdatedAt}
        what="reconciliation"
      />
      {marketId === null ? (
        <Panel title="Decision → order → fill chains" testId="chains-panel">
          <p className="empty-state">
            Pick a market above to trace each of its decisions to the orders it placed and the fills they got.
          </p>
        </Panel>
      ) : chains ? (
        <ChainsPanel
          chains={chains}
          tz={view.tz}
          onlyBroken={onlyBroken}
          onOnlyBroken={(v) => set({ broken: v ? '1' : null })}
          exportParams={{ env, ...range }}
        />
      ) : (
        <Panel title="Decision → order → fill chains" testId="chains-panel">
          <p className="muted">
            {q.isFetching ? `Loading the chains of ${marketId}…` : 'Chains could not be loaded.'}
          </p>
        </Panel>
      )}
      <Panel
        title={
          <>
            Realized P&amp;L by source <span className="count">{data?.pnlSources.length ?? '…'}</span>
            {differing > 0 && <span className="count count-warn"> {differing} differ</span>}
          </>
        }
        testId="pnl-sources-panel"
        actions={<ExportLinks path="/api/v1/reconciliation" params={{ env }} testId="pnl-sources-export" />}
      >
        <p className="note panel-note">
          All history, per market. Replay is the dashboard’s figure; the bot’s realized_pnl and the stored Σ
          pnl_realized come from its own items. Largest difference first.
        </p>
        {data ? <PnlSourcesTable rows={data.pnlSources} env={env} /> : <p className="muted">Loading…</p>}
      </Panel>
      <Panel
        title={
          <>
            Position drift{' '}
            <span className={`count ${data?.drift.length ? 'count-warn' : ''}`}>
              {data?.drift.length ?? '…'}
            </span>
          </>
        }
        testId="drift-panel"
        actions={
          <ExportLinks
            path="/api/v1/reconciliation"
            params={{ env }}
            testId="drift-export"
            title="The P&L sources export: botNet, replayedNet and positionDrift for every market"
          />
        }
      >
        {data ? <DriftTable rows={data.drift} env={env} /> : <p className="muted">Loading…</p>}
      </Panel>
      {data && <WarningsPanel warnings={data.warnings} />}
    </div>
  );
}
