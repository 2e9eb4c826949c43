// "updated 4s ago": how old the figures on screen are (the response's time minus the age of the
// data it served, on the server's clock), with cache and DynamoDB cost on hover.
import { formatAge } from '@core/format';
import type { Meta, OverviewResponse } from '@api/types';
import { useNow } from '../api/use-now';

export function UpdatedAgo({
  meta,
  bot,
}: {
  meta: Meta | undefined;
  bot?: OverviewResponse['bot'] | undefined;
}) {
  const now = useNow();
  if (!meta) return <span className="muted small">not loaded</span>;
  const readAt = Date.parse(meta.generatedAt) - (meta.dataAgeMs ?? 0);
  // The data is as new as the bot's newest write: a stopped bot's figures are as old as its newest
  // decision however fresh the request was.
  const botAt =
    bot && bot.heartbeat !== 'alive' && bot.lastDecisionAt ? Date.parse(bot.lastDecisionAt) : null;
  const dataAt = botAt === null ? readAt : Math.min(readAt, botAt);
  const title =
    (botAt !== null ? `newest bot data ${bot?.lastDecisionAt} · ` : '') +
    `generated ${meta.generatedAt} · cache ${meta.cache} · DynamoDB ${meta.dynamo.requests} requests, ${meta.dynamo.rcu} RCU, ${Math.round(meta.dynamo.ms)} ms`;
  return (
    <span
      className={`muted small ${meta.cache === 'stale' ? 'warn-text' : ''} ${botAt !== null ? 'updated-stale' : ''}`}
      title={title}
      data-testid="updated-ago"
    >
      {botAt !== null ? 'data from' : 'updated'} {formatAge(dataAt, now)}
    </span>
  );
}
