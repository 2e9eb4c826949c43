// A titled panel (Grafana-like): a header with a title and optional controls, then the body.
import type { ReactNode } from 'react';

interface Props {
  title: ReactNode;
  actions?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Panel({ title, actions, className = '', testId, children }: Props) {
  return (
    <section className={`panel ${className}`} data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        {actions}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
