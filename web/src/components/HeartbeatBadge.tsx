// Is the bot running? The API's verdict (alive / late / down, from the newest decision's age) and
// that age, ticking.
import { formatAge, formatDuration } from '@core/format';
import type { OverviewResponse } from '@api/types';
import { useNow } from '../api/use-now';

export function HeartbeatBadge({ bot }: { bot: OverviewResponse['bot'] | undefined }) {
  const now = useNow();
  if (!bot) return <span className="badge badge-muted">bot …</span>;
  const age = bot.lastDecisionAt ? formatAge(Date.parse(bot.lastDecisionAt), now) : 'no decision';
  const title =
    `Newest decision ${bot.lastDecisionAt ?? 'never'}; alive under ${formatDuration(bot.aliveUnderMs)}, ` +
    `late under ${formatDuration(bot.lateUnderMs)}` +
    (bot.runId ? `; run ${bot.runId}${bot.version ? ` (${bot.version})` : ''}` : '');
  return (
    <span className={`badge badge-${bot.heartbeat}`} title={title} data-testid="heartbeat">
      <i className="dot" aria-hidden="true" /> Bot {bot.heartbeat} · {age}
    </span>
  );
}
