// One headline figure: a muted label, the value large, optional detail lines beneath.
import type { ReactNode } from 'react';

interface Props {
  label: string;
  children: ReactNode;
  sub?: ReactNode;
  /** Emphasis for the whole card (a breached limit, a halted bot). */
  state?: 'ok' | 'warn' | 'bad';
  title?: string;
  testId?: string;
}

export function MetricCard({ label, children, sub, state, title, testId }: Props) {
  return (
    <div className={`card ${state ? `card-${state}` : ''}`} data-testid={testId} title={title}>
      <div className="card-label">{label}</div>
      <div className="card-value">{children}</div>
      {sub && <div className="card-sub">{sub}</div>}
    </div>
  );
}
