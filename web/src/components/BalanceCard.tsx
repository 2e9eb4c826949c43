// Cash on the Kalshi account (GET /api/v1/balance): balance and portfolio value in dollars when the
// server has Kalshi credentials, a muted "not configured" when it has none, and "unavailable" with
// the reason when Kalshi does not answer.
import { useQuery } from '@tanstack/react-query';
import { formatAge, formatMoney } from '@core/format';
import { ApiRequestError } from '../api/client';
import { balanceOptions } from '../api/queries';
import { useNow } from '../api/use-now';
import { MetricCard } from './MetricCard';

export function BalanceCard({ env }: { env: string }) {
  const now = useNow();
  const q = useQuery(balanceOptions(env));
  const b = q.data;
  if (!b) {
    const reason =
      q.error instanceof ApiRequestError ? `${q.error.status} ${q.error.code}` : q.error?.message;
    return (
      <MetricCard
        label="Cash balance"
        testId="card-balance"
        state={q.error ? 'warn' : undefined}
        title={q.error?.message}
        sub={<span className="muted">{q.error ? reason : 'Kalshi account'}</span>}
      >
        <span className="muted">{q.error ? 'unavailable' : '…'}</span>
      </MetricCard>
    );
  }
  if (!b.configured) {
    return (
      <MetricCard
        label="Cash balance"
        testId="card-balance"
        title="Give the server Kalshi API credentials to show the account's cash balance and portfolio value"
        sub={<span className="muted">no Kalshi credentials</span>}
      >
        <span
          className="muted"
          style={{ fontSize: 14, fontWeight: 500 }}
          data-testid="balance-not-configured"
        >
          not configured
        </span>
      </MetricCard>
    );
  }
  return (
    <MetricCard
      label="Cash balance"
      testId="card-balance"
      title={`From Kalshi at ${b.fetchedAt}`}
      sub={
        <span className="muted">
          portfolio {formatMoney(b.portfolioValueUsd)} · {formatAge(Date.parse(b.fetchedAt), now)}
        </span>
      }
    >
      <span className="fig" data-testid="balance-usd">
        {formatMoney(b.balanceUsd)}
      </span>
    </MetricCard>
  );
}
