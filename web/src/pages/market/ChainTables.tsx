// Small tables of a decision's reconciliation chain: the execution events and fills that followed
// it (GET /api/v1/decisions/:id), and the public trades it saw.
import { formatContracts, formatMoney, formatPrice, NONE } from '@core/format';
import { SignedFigure } from '../../components/Figure';
import { signedMoney } from '../../format/figures';
import { formatDateTime } from '../../format/time';
import type { DecisionJson, ExecutionJson, FillJson } from '@api/types';
import { withMillis } from './rows';

const timeMs = (iso: string, tz: string) => withMillis(formatDateTime(iso, tz), iso);

export function EventsTable({
  events,
  tz,
  testId,
}: {
  events: ExecutionJson[];
  tz: string;
  testId?: string;
}) {
  if (events.length === 0) return <p className="muted small">No execution event.</p>;
  return (
    <div className="mini-scroll">
      <table className="grid compact" data-testid={testId}>
        <thead>
          <tr>
            <th>Time</th>
            <th>Type</th>
            <th>Side</th>
            <th className="num">Price</th>
            <th className="num">Size</th>
            <th>Status</th>
            <th className="num">Latency</th>
            <th>Order</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={`${e.time}-${e.eventType}-${i}`}>
              <td>{timeMs(e.time, tz)}</td>
              <td className="mono">{e.eventType}</td>
              <td>{e.side ?? NONE}</td>
              <td className="num">{formatPrice(e.priceYes)}</td>
              <td className="num">{formatContracts(e.size)}</td>
              <td className={statusClass(e.status)}>{e.status ?? NONE}</td>
              <td className="num">{e.latencyMs === null ? NONE : `${formatContracts(e.latencyMs)} ms`}</td>
              <td className="mono small" title={e.orderId ?? ''}>
                {e.orderId ? e.orderId.slice(0, 8) : NONE}
              </td>
              <td className="small" title={e.errorMsg ?? ''}>
                {e.errorCode ?? e.errorType ?? (e.errorMsg ? 'message' : NONE)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function statusClass(status: string | null): string {
  if (status === 'REJECTED' || status === 'ERROR') return 'tone-neg';
  if (status === 'ACCEPTED' || status === 'CANCELLED') return 'tone-pos';
  if (status === 'ALREADY_GONE') return 'warn-text';
  return '';
}

export function FillsMiniTable({ fills, tz, testId }: { fills: FillJson[]; tz: string; testId?: string }) {
  if (fills.length === 0) return <p className="muted small">No fill while this decision was in force.</p>;
  return (
    <div className="mini-scroll">
      <table className="grid compact" data-testid={testId}>
        <thead>
          <tr>
            <th>Time</th>
            <th>Side</th>
            <th className="num">Price</th>
            <th className="num">Size</th>
            <th className="num">Fee</th>
            <th className="num" title="The bot's stored pnl_realized">
              Bot P&L
            </th>
          </tr>
        </thead>
        <tbody>
          {fills.map((f) => (
            <tr key={f.fillId ?? f.sortKey}>
              <td>{timeMs(f.time, tz)}</td>
              <td>
                <span className={`side side-${f.type}`}>{f.type}</span>
              </td>
              <td className="num">{formatPrice(f.priceYes)}</td>
              <td className="num">{formatContracts(f.size)}</td>
              <td className="num">{formatMoney(f.feeUsd)}</td>
              <td className="num">
                <SignedFigure value={signedMoney(f.pnlRealizedStoredUsd)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RecentTradesTable({ d, tz }: { d: DecisionJson; tz: string }) {
  if (d.recentTrades.length === 0) return <p className="muted small">No recent public trade recorded.</p>;
  return (
    <table className="grid compact">
      <thead>
        <tr>
          <th className="num">Price</th>
          <th className="num">Size</th>
          <th>Time</th>
        </tr>
      </thead>
      <tbody>
        {d.recentTrades.map((t, i) => (
          <tr key={i}>
            <td className="num">{formatPrice(t.priceYes)}</td>
            <td className="num">{formatContracts(t.size)}</td>
            <td title={t.timestampRaw}>{t.time ? formatDateTime(t.time, tz) : t.timestampRaw || NONE}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
