// Whether live updates are flowing (the 10 s refresh continues either way).
import type { LiveStatus } from '../api/live';

const TEXT: Record<LiveStatus, string> = {
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting',
};

/**
 * "live" means live data: connected and the bot writing. Connected to a bot that is late or down
 * is "stale" — the stream flows, but nothing new is in it.
 */
export function LiveDot({ status, botStale = false }: { status: LiveStatus; botStale?: boolean }) {
  const stale = status === 'live' && botStale;
  return (
    <span
      className={`live live-${stale ? 'stale' : status}`}
      title={
        stale
          ? 'Connected, but the bot writes nothing new: the data is as old as its newest decision'
          : 'Live updates (Server-Sent Events)'
      }
      data-testid="live-status"
    >
      <i className="dot" aria-hidden="true" />{' '}
      <span className="live-text">{stale ? 'stale' : TEXT[status]}</span>
    </span>
  );
}
