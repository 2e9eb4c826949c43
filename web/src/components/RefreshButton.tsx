// Refetches every query on screen now (the 10 s refresh and the live stream continue regardless).
import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { refreshAll } from '../api/overview-query';

export function RefreshButton() {
  const client = useQueryClient();
  const fetching = useIsFetching() > 0;
  return (
    <button
      type="button"
      className={`icon-btn ${fetching ? 'spinning' : ''}`}
      onClick={() => void refreshAll(client)}
      title="Refresh now"
      aria-label="Refresh"
    >
      ⟳
    </button>
  );
}
