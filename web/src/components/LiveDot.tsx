// Whether live updates are flowing (the 10 s refresh continues either way).
import type { LiveStatus } from '../api/live';

const TEXT: Record<LiveStatus, string> = {
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting',
};

export function LiveDot({ status }: { status: LiveStatus }) {
  return (
    <span
      className={`live live-${status}`}
      title="Live updates (Server-Sent Events)"
      data-testid="live-status"
    >
      <i className="dot" aria-hidden="true" /> <span className="live-text">{TEXT[status]}</span>
    </span>
  );
}
