// The nav's count of attention items (metrics.md `attention`): red when any is critical.
import type { OverviewResponse } from '@api/types';

export function AttentionCount({ items }: { items: OverviewResponse['attention'] | undefined }) {
  if (!items || items.length === 0) return null;
  const critical = items.some((a) => a.severity === 'critical');
  return (
    <span
      className={`nav-count ${critical ? 'nav-count-critical' : ''}`}
      data-testid="nav-attention-count"
      aria-label={`${items.length} item${items.length === 1 ? '' : 's'} need attention`}
      title={`${items.length} item${items.length === 1 ? '' : 's'} need attention`}
    >
      {items.length}
    </span>
  );
}
