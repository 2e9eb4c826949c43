// Lookback presets (1 d, 7 d, …) or custom calendar days in the display time zone, kept in the URL.
import { todayIn } from '../home/range';
import type { Lookback } from './lookback';
import { useSetPageParams } from './page-hooks';

function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

interface Props {
  value: Lookback;
  choices: readonly number[];
  tz: string;
  /** Longest custom range the endpoint takes, in days. */
  maxDays?: number;
}

export function LookbackControls({ value, choices, tz, maxDays = 365 }: Props) {
  const set = useSetPageParams();
  const today = todayIn(tz, Date.now());
  const custom = value.days === null;
  return (
    <div className="controls" role="group" aria-label="Range">
      <div className="seg" role="group" aria-label="Lookback">
        {choices.map((d) => (
          <button
            key={d}
            type="button"
            className={value.days === d ? 'active' : ''}
            aria-pressed={value.days === d}
            onClick={() => set({ range: `${d}d`, from: null, to: null })}
          >
            {d}d
          </button>
        ))}
        <button
          type="button"
          className={custom ? 'active' : ''}
          aria-pressed={custom}
          onClick={() =>
            set({
              range: 'custom',
              from: value.from ?? daysBefore(today, Math.max(0, (value.days ?? 1) - 1)),
              to: value.to ?? today,
            })
          }
        >
          Custom
        </button>
      </div>
      {custom && (
        <span className="dates">
          <input
            type="date"
            aria-label="From date"
            value={value.from ?? ''}
            min={daysBefore(value.to ?? today, maxDays - 1)}
            max={value.to ?? today}
            onChange={(e) => e.target.value && set({ from: e.target.value })}
          />
          <span className="muted">to</span>
          <input
            type="date"
            aria-label="To date"
            value={value.to ?? today}
            min={value.from ?? undefined}
            max={today}
            onChange={(e) => set({ to: e.target.value || null })}
          />
          <span className="muted small">({tz})</span>
        </span>
      )}
    </div>
  );
}
