// Bot late or down (metrics.md heartbeat): the whole page says so, on every page — how long since
// the bot's newest decision, when that was, and its last run. Everything below is as of then: open
// orders rest on the exchange with nobody managing them.
import { formatDuration } from '@core/format';
import type { OverviewResponse } from '@api/types';
import { useNow } from '../api/use-now';
import { formatDateTime } from '../format/time';

export function BotBanner({ bot, tz }: { bot: OverviewResponse['bot'] | undefined; tz: string }) {
  const now = useNow();
  if (!bot || bot.heartbeat === 'alive') return null;
  const down = bot.heartbeat === 'down';
  const at = bot.lastDecisionAt ? Date.parse(bot.lastDecisionAt) : null;
  return (
    <div
      className={`banner bot-banner ${down ? 'banner-error' : 'banner-warn'}`}
      role="alert"
      data-testid="bot-banner"
    >
      <strong>Bot {down ? 'down' : 'late'}</strong>
      {at === null ? (
        <>: the bot has logged no decision.</>
      ) : (
        <>
          : no decision for{' '}
          <strong data-testid="bot-banner-age">{formatDuration(Math.max(0, now - at))}</strong> (newest{' '}
          <span className="nowrap">{formatDateTime(bot.lastDecisionAt, tz)}</span>)
        </>
      )}
      {bot.runId && (
        <>
          {' '}
          · last run <code data-testid="bot-banner-run">{bot.runId}</code>
        </>
      )}
      . Figures are as of then; open orders rest unmanaged.
    </div>
  );
}
