// Lookback presets (1 d, 7 d, …) or custom calendar days in the display time zone, kept in the URL.
import { useToday } from '../../api/use-now';
import { daysBefore } from '../home/range';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { CustomDates } from './CustomDates';
import type { Lookback } from './lookback';
import { useSetPageParams } from './page-hooks';

interface Props {
  value: Lookback;
  choices: readonly number[];
  tz: string;
  /** Longest custom range the endpoint takes, in days. */
  maxDays?: number;
}

export function LookbackControls({ value, choices, tz, maxDays = 365 }: Props) {
  const set = useSetPageParams();
  const today = useToday(tz);
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
        <CustomDates
          from={value.from}
          to={value.to}
          today={today}
          earliest={daysBefore(value.to ?? today, maxDays - 1)}
          onFrom={(from) => set({ from })}
          onTo={(to) => set({ to })}
          note={<span className="muted small">({tz})</span>}
        />
      )}
      <TimeZoneSelect tz={tz} onChange={(z) => set({ tz: z })} />
    </div>
  );
}
