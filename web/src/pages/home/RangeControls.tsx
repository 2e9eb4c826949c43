// Range (1 d … 365 d, or custom dates) and display time zone of the P&L chart, kept in the URL.
import { useSetViewParams } from '../../router/view-hooks';
import type { RangeKey, ViewParams } from '../../router/view-params';
import { browserTimeZone, timeZoneChoices } from '../../format/time';
import { todayIn } from './range';

const PRESETS: readonly Exclude<RangeKey, 'custom'>[] = ['1d', '7d', '30d', '90d', '365d'];

function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

export function RangeControls({ view }: { view: ViewParams }) {
  const set = useSetViewParams();
  const today = todayIn(view.tz, Date.now());
  const browser = browserTimeZone();
  return (
    <div className="controls" role="group" aria-label="Chart range and time zone">
      <div className="seg" role="group" aria-label="Range">
        {PRESETS.map((r) => (
          <button
            key={r}
            type="button"
            className={view.range === r ? 'active' : ''}
            aria-pressed={view.range === r}
            onClick={() => set({ range: r, from: null, to: null })}
          >
            {r}
          </button>
        ))}
        <button
          type="button"
          className={view.range === 'custom' ? 'active' : ''}
          aria-pressed={view.range === 'custom'}
          onClick={() =>
            set({ range: 'custom', from: view.from ?? daysBefore(today, 29), to: view.to ?? today })
          }
        >
          Custom
        </button>
      </div>
      {view.range === 'custom' && (
        <span className="dates">
          <input
            type="date"
            aria-label="From date"
            value={view.from ?? ''}
            min={daysBefore(today, 364)}
            max={view.to ?? today}
            onChange={(e) => e.target.value && set({ from: e.target.value })}
          />
          <span className="muted">to</span>
          <input
            type="date"
            aria-label="To date"
            value={view.to ?? today}
            min={view.from ?? undefined}
            max={today}
            onChange={(e) => set({ to: e.target.value || null })}
          />
        </span>
      )}
      <label className="tz">
        <span className="muted">Time zone</span>
        <select value={view.tz} onChange={(e) => set({ tz: e.target.value })} aria-label="Time zone">
          {timeZoneChoices(view.tz, browser).map((z) => (
            <option key={z} value={z}>
              {z === browser && z !== 'UTC' ? `${z} (browser)` : z}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
