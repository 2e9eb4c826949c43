// Range (1 d … 365 d, or custom dates) and display time zone of the P&L chart, kept in the URL.
import { useSetViewParams } from '../../router/view-hooks';
import type { RangeKey, ViewParams } from '../../router/view-params';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { CustomDates } from '../common/CustomDates';
import { useToday } from '../../api/use-now';
import { daysBefore } from './range';

const PRESETS: readonly Exclude<RangeKey, 'custom'>[] = ['1d', '7d', '30d', '90d', '365d'];

export function RangeControls({ view }: { view: ViewParams }) {
  const set = useSetViewParams();
  const today = useToday(view.tz);
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
        <CustomDates
          from={view.from}
          to={view.to}
          today={today}
          earliest={daysBefore(today, 364)}
          onFrom={(from) => set({ from })}
          onTo={(to) => set({ to })}
        />
      )}
      <TimeZoneSelect tz={view.tz} onChange={(tz) => set({ tz })} />
    </div>
  );
}
