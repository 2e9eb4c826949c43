// Replay: a market's state at any past moment — book (depth ladder), our targets, inventory, fills so
// far and realized P&L so far — stepping decision by decision with a slider, play/pause and step
// buttons. The market (`m`), the moment (`t`) and the window (`start`/`end`) live in the URL.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { serverNowMs } from '../../api/server-clock';
import { ReplayMarker, replayData, replayOptions } from '../../charts/replay-chart';
import { useLatestCallback } from '../../charts/tooltip-plugin';
import { cssVar, pnlPalette } from '../../charts/palette';
import { UPlotChart } from '../../charts/UPlotChart';
import { DataBanners } from '../../components/DataBanners';
import { MarketSearch } from '../../components/MarketSearch';
import { Panel } from '../../components/Panel';
import { WarningsPanel } from '../../components/WarningsPanel';
import { formatDateTime } from '../../format/time';
import { useViewParams } from '../../router/view-hooks';
import { useTheme } from '../../theme/theme';
import { useMarketOptions } from '../common/market-options';
import { useSearch, useSetPageParams } from '../common/page-hooks';
import { utcToWall, wallToUtcMs } from '../common/lookback';
import { ReplayControls } from './ReplayControls';
import { ReplayState } from './ReplayState';
import { DECISION_CAP, useReplayData } from './replay-loader';
import { buildTimeline, frameAt, indexAtTime, type Timeline } from './replay-state';
import { iso, readReplayParams, resolveWindow, WINDOW_HOURS } from './replay-window';
import '../common/pages.css';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';

function WindowControls({ fromMs, toMs, tz }: { fromMs: number; toMs: number; tz: string }) {
  const set = useSetPageParams();
  const setWall = (key: 'start' | 'end', wall: string) => {
    const ms = wallToUtcMs(wall, tz);
    if (ms !== null) set({ [key]: iso(ms), t: null });
  };
  return (
    <div className="controls" role="group" aria-label="Window">
      <div className="seg" role="group" aria-label="Last hours">
        {WINDOW_HOURS.map((h) => (
          <button
            key={h}
            type="button"
            onClick={() => {
              const now = serverNowMs();
              set({ start: iso(now - h * 3_600_000), end: iso(now), t: null, hours: null });
            }}
            // The window's length picks its preset: the default (6 h) shows as chosen too.
            className={Math.abs(toMs - fromMs - h * 3_600_000) < 60_000 ? 'active' : ''}
            aria-pressed={Math.abs(toMs - fromMs - h * 3_600_000) < 60_000}
            title={`The last ${h} hours`}
          >
            {h < 24 ? `${h}h` : `${h / 24}d`}
          </button>
        ))}
      </div>
      <span className="dates">
        <input
          type="datetime-local"
          aria-label="Window start"
          value={utcToWall(fromMs, tz)}
          onChange={(e) => e.target.value && setWall('start', e.target.value)}
        />
        <span className="muted">to</span>
        <input
          type="datetime-local"
          aria-label="Window end"
          value={utcToWall(toMs, tz)}
          onChange={(e) => e.target.value && setWall('end', e.target.value)}
        />
        <span className="muted small">({tz})</span>
      </span>
      <TimeZoneSelect tz={tz} onChange={(z) => set({ tz: z })} />
      <span
        className="muted small"
        title="Decisions are paged through the API newest first; past the cap the newest are kept"
      >
        loads up to {DECISION_CAP.toLocaleString('en-US')} decisions
      </span>
    </div>
  );
}

function ReplayChart({
  tl,
  timeMs,
  tz,
  onSeek,
}: {
  tl: Timeline;
  timeMs: number;
  tz: string;
  onSeek: (ms: number) => void;
}) {
  const theme = useTheme();
  const [marker] = useState(() => new ReplayMarker(timeMs / 1000));
  const seek = useLatestCallback((s: number) => onSeek(s * 1000));
  useEffect(() => marker.move(timeMs / 1000), [marker, timeMs]);
  const data = useMemo(
    () =>
      replayData(
        tl.decisions.map((d, i) => ({
          timeMs: tl.decisionMs[i] ?? 0,
          bestBid: d.book?.bestBid ?? null,
          bestAsk: d.book?.bestAsk ?? null,
          targetBid: d.targetBid,
          targetAsk: d.targetAsk,
        })),
      ),
    [tl],
  );
  const options = useMemo(() => {
    const p = pnlPalette();
    return replayOptions(
      { bid: p.pos, ask: p.neg, axis: p.axis, grid: p.grid, marker: cssVar('--accent', '#2563eb') },
      tz,
      marker,
      seek,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme` is not read but the palette (CSS variables) changes with it.
  }, [tz, theme, marker, seek]);
  return (
    <div className="replay-chart">
      <div className="legend small" aria-hidden="true">
        <span>
          <i className="sw sw-pos" /> best bid
        </span>
        <span>
          <i className="sw sw-neg" /> best ask
        </span>
        <span>dashed: our targets</span>
        <span>click to jump there</span>
      </div>
      <UPlotChart
        options={options}
        data={data}
        heightPx={150}
        label="Book and targets over the window"
        testId="replay-chart"
      />
    </div>
  );
}

export function ReplayPage() {
  const view = useViewParams();
  const search = useSearch();
  const set = useSetPageParams();
  const params = readReplayParams(search);
  const { options, loading } = useMarketOptions(view);
  // "Now" is read once per window, so a window ending now stays put while stepping.
  const [nowMs] = useState(() => serverNowMs());
  const win = resolveWindow(params, nowMs);
  const from = iso(win.fromMs);
  const to = iso(win.toMs);
  // A derived window is written into the URL, so the link reproduces it.
  useEffect(() => {
    if (params.marketId && !win.explicit) set({ start: from, end: to, hours: null }, { replace: true });
  }, [params.marketId, win.explicit, from, to, set]);

  const { decisions, fills } = useReplayData(view.env, params.marketId, from, to);
  const tl = useMemo(
    () => buildTimeline(decisions.data?.items ?? [], fills.data?.items ?? []),
    [decisions.data, fills.data],
  );
  const n = tl.decisions.length;

  // The step shown: from the URL's t (or the first step), then local while stepping/playing.
  // A new timeline starts at the URL's t: only when one arrives, not on every t the page writes itself.
  const [step, setStep] = useState<{ tl: Timeline | null; index: number }>({ tl: null, index: -1 });
  if (step.tl !== tl)
    setStep({ tl, index: n === 0 ? -1 : params.t === null ? 0 : indexAtTime(tl, params.t) });
  const index = step.tl === tl ? step.index : -1;
  const setIndex = useCallback((i: number) => setStep({ tl, index: i }), [tl]);
  const [playing, setPlaying] = useState(false);
  const frame = index >= 0 ? frameAt(tl, index) : null;

  // The moment goes into the URL once stepping settles (not on every step while playing).
  const frameTime = frame ? iso(frame.timeMs) : null;
  useEffect(() => {
    if (playing || frameTime === null || frameTime === (params.t === null ? null : iso(params.t))) return;
    const timer = setTimeout(() => set({ t: frameTime }, { replace: true }), 400);
    return () => clearTimeout(timer);
  }, [frameTime, playing, params.t, set]);

  const env = view.env ?? 'demo';
  const error = decisions.error ?? fills.error;
  return (
    <div className="page replay-page">
      <div className="toolbar panel" data-testid="replay-toolbar">
        <MarketSearch
          options={options}
          value={params.marketId}
          loading={loading}
          onPick={(h) => h.kind === 'market' && set({ m: h.option.marketId, t: null })}
          placeholder="Type to search a market…"
        />
        <WindowControls fromMs={win.fromMs} toMs={win.toMs} tz={view.tz} />
        {(decisions.isFetching || fills.isFetching) && <span className="muted small">loading…</span>}
      </div>
      <DataBanners
        meta={decisions.data ? fills.data?.meta : undefined}
        error={error}
        dataUpdatedAtMs={fills.dataUpdatedAt}
        what="replay"
      />
      {params.marketId === null ? (
        <Panel title="Replay" testId="replay-empty">
          <p className="empty-state">
            Pick a market above to replay its book, targets, inventory and fills decision by decision over a
            window (the last {params.hours} hours unless you choose one).
          </p>
        </Panel>
      ) : decisions.isPending || fills.isPending ? (
        <Panel title="Replay" testId="replay-loading">
          <p className="muted">Loading the decisions and fills of {params.marketId}…</p>
        </Panel>
      ) : n === 0 || !frame ? (
        <Panel title="Replay" testId="replay-empty">
          <p className="empty-state">
            {error
              ? 'The decisions could not be loaded.'
              : `No decision of ${params.marketId} between ${formatDateTime(from, view.tz)} and ${formatDateTime(to, view.tz)}. Was the market enabled then? Widen the window, or check the Market Deep Dive.`}
          </p>
        </Panel>
      ) : (
        <>
          {decisions.data?.truncated && (
            <div className="banner" role="status" data-testid="replay-cap">
              The window holds more than {DECISION_CAP.toLocaleString('en-US')} decisions: only the newest{' '}
              {DECISION_CAP.toLocaleString('en-US')} are loaded (from{' '}
              {formatDateTime(tl.decisions[0]?.time, view.tz)}). Narrow the window to replay earlier moments.
            </div>
          )}
          <ReplayControls
            tl={tl}
            index={index}
            playing={playing}
            onIndex={setIndex}
            onPlaying={setPlaying}
            tz={view.tz}
          />
          <ReplayChart
            tl={tl}
            timeMs={frame.timeMs}
            tz={view.tz}
            onSeek={(ms) => {
              setPlaying(false);
              setIndex(indexAtTime(tl, ms));
            }}
          />
          <ReplayState
            frame={frame}
            total={tl.fills.length}
            env={fills.data?.env ?? env}
            marketId={params.marketId}
            from={from}
            to={to}
            tz={view.tz}
          />
        </>
      )}
      <WarningsPanel warnings={[...(decisions.data?.warnings ?? []), ...(fills.data?.warnings ?? [])]} />
    </div>
  );
}
