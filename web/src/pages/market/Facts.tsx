// A labelled list of figures (label → value), the deep dive's basic building block.
import type { ReactNode } from 'react';

export type Fact = [label: string, value: ReactNode, help?: string];

export function Facts({
  items,
  testId,
  className = '',
}: {
  items: Fact[];
  testId?: string;
  className?: string;
}) {
  return (
    <dl className={`mini facts-list ${className}`} data-testid={testId}>
      {items.map(([label, value, help]) => (
        <div key={label} className="fact" title={help}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
