// "updated 4s ago": how old the figures on screen are (the response's time minus the age of the
// data it served, on the server's clock), with cache and DynamoDB cost on hover.
import { formatAge } from '../../../src/core/format';
import type { Meta } from '../api/types';
import { useNow } from '../api/use-now';

export function UpdatedAgo({ meta }: { meta: Meta | undefined }) {
  const now = useNow();
  if (!meta) return <span className="muted small">not loaded</span>;
  const dataAt = Date.parse(meta.generatedAt) - (meta.dataAgeMs ?? 0);
  const title = `generated ${meta.generatedAt} · cache ${meta.cache} · DynamoDB ${meta.dynamo.requests} requests, ${meta.dynamo.rcu} RCU, ${Math.round(meta.dynamo.ms)} ms`;
  return (
    <span
      className={`muted small ${meta.cache === 'stale' ? 'warn-text' : ''}`}
      title={title}
      data-testid="updated-ago"
    >
      updated {formatAge(dataAt, now)}
    </span>
  );
}
