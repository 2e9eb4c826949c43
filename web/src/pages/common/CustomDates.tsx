// The from/to calendar-day inputs of a custom range (days in the display time zone). An empty "to"
// means "up to today"; an emptied "from" is ignored, since a range needs a start.
import type { ReactNode } from 'react';

interface Props {
  from: string | null;
  to: string | null;
  /** Today in the display time zone (`YYYY-MM-DD`): the latest day either input takes. */
  today: string;
  /** The earliest start the endpoint serves (`YYYY-MM-DD`). */
  earliest: string;
  onFrom: (date: string) => void;
  onTo: (date: string | null) => void;
  /** Shown after the inputs (e.g. the time zone). */
  note?: ReactNode;
}

export function CustomDates({ from, to, today, earliest, onFrom, onTo, note }: Props) {
  return (
    <span className="dates">
      <input
        type="date"
        aria-label="From date"
        value={from ?? ''}
        min={earliest}
        max={to ?? today}
        onChange={(e) => e.target.value && onFrom(e.target.value)}
      />
      <span className="muted">to</span>
      <input
        type="date"
        aria-label="To date"
        value={to ?? today}
        min={from ?? undefined}
        max={today}
        onChange={(e) => onTo(e.target.value || null)}
      />
      {note}
    </span>
  );
}
