// The deep dive's controls: market, lookback or custom date-time range, time zone and refresh.
// Everything but the refresh lives in the URL.
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { formatDateTime } from '../../format/time';
import { MarketPicker } from './MarketPicker';
import type { SetMarketParams } from './market-hooks';
import {
  LOOKBACK_DAYS,
  toWallInput,
  urlInstant,
  wallTimeToUtcMs,
  type MarketView,
  type ResolvedRange,
} from './market-params';
import type { PickerOption } from './picker-options';

interface Props {
  view: MarketView;
  range: ResolvedRange;
  options: PickerOption[];
  optionsLoading: boolean;
  set: SetMarketParams;
  onRefresh: () => void;
  refreshing: boolean;
}

/** A datetime-local value (`YYYY-MM-DDTHH:mm`, wall time in tz) as the URL's UTC instant. */
function wallToUrl(value: string, tz: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number);
  return urlInstant(
    wallTimeToUtcMs({ year: y ?? 1970, month: mo ?? 1, day: d ?? 1, hour: h ?? 0, minute: mi ?? 0 }, tz),
  );
}

export function MarketControls({ view, range, options, optionsLoading, set, onRefresh, refreshing }: Props) {
  const presets: number[] = [...LOOKBACK_DAYS];
  if (!view.custom && !presets.includes(view.lookbackDays)) presets.push(view.lookbackDays);
  return (
    <section className="panel market-controls" aria-label="Market and range">
      <div className="controls">
        <MarketPicker
          options={options}
          value={view.marketId}
          loading={optionsLoading}
          onPick={(m) => set({ m, d: null })}
        />
        <div className="seg" role="group" aria-label="Lookback">
          {presets.map((n) => {
            const on = !view.custom && view.lookbackDays === n;
            return (
              <button
                key={n}
                type="button"
                className={on ? 'active' : ''}
                aria-pressed={on}
                onClick={() => set({ range: `${n}d`, from: null, to: null })}
              >
                {n}d
              </button>
            );
          })}
          <button
            type="button"
            className={view.custom ? 'active' : ''}
            aria-pressed={view.custom !== null}
            onClick={() =>
              view.custom ||
              set({ range: 'custom', from: urlInstant(range.fromMs), to: urlInstant(range.toMs) })
            }
          >
            Custom
          </button>
        </div>
        {view.custom && (
          <span className="dates">
            <input
              type="datetime-local"
              aria-label="From time"
              value={toWallInput(range.fromMs, view.tz)}
              onChange={(e) => {
                const v = wallToUrl(e.target.value, view.tz);
                if (v) set({ from: v });
              }}
            />
            <span className="muted">to</span>
            <input
              type="datetime-local"
              aria-label="To time"
              value={toWallInput(range.toMs, view.tz)}
              onChange={(e) => set({ to: e.target.value ? wallToUrl(e.target.value, view.tz) : null })}
            />
          </span>
        )}
        <TimeZoneSelect tz={view.tz} onChange={(tz) => set({ tz })} />
        <span className="range-caption muted small" data-testid="range-caption">
          {formatDateTime(range.from, view.tz)} → {formatDateTime(range.to, view.tz)}
          {range.adjusted && (
            <span className="warn-text"> (adjusted: at most 366 days, start before end)</span>
          )}
        </span>
        <button
          type="button"
          className="btn"
          onClick={onRefresh}
          disabled={refreshing}
          title={view.custom ? 'Reload the range' : 'Move the range to end now and reload'}
          data-testid="market-refresh"
        >
          {refreshing ? 'Refreshing…' : view.custom ? 'Reload' : 'Update to now'}
        </button>
      </div>
    </section>
  );
}
