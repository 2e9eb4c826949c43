// What the market looked like at the step: the book with our targets, the bot's inventory beside the
// trade log's, the fair value and logic, the fills so far and the realized P&L so far.
import { formatContracts, formatMoney, formatPrice } from '@core/format';
import { ExportLinks } from '../../components/ExportLinks';
import { SignedFigure } from '../../components/Figure';
import { Panel } from '../../components/Panel';
import { signedContracts, signedMoney } from '../../format/figures';
import { formatDateTime } from '../../format/time';
import { ReplayLadder } from './ReplayLadder';
import type { Frame } from './replay-state';

interface Props {
  frame: Frame;
  total: number;
  env: string;
  marketId: string;
  from: string;
  to: string;
  tz: string;
}

export function ReplayState({ frame, total, env, marketId, from, to, tz }: Props) {
  const d = frame.decision;
  const path = `/api/v1/markets/${encodeURIComponent(marketId)}`;
  const drift = frame.tradeLogNet !== null && d.inventory !== null && frame.tradeLogNet !== d.inventory;
  return (
    <div className="replay-grid">
      <Panel title="Book and our targets" testId="replay-book">
        <ReplayLadder decision={d} />
      </Panel>
      <Panel title="State" testId="replay-state">
        <dl className="facts replay-facts">
          <dt>Inventory (bot)</dt>
          <dd data-testid="replay-inventory">
            <SignedFigure value={signedContracts(d.inventory)} />
          </dd>
          <dt>Trade-log net</dt>
          <dd data-testid="replay-net">
            <SignedFigure value={signedContracts(frame.tradeLogNet)} />
            {drift && <span className="beside warn-text"> differs from the bot’s</span>}
          </dd>
          <dt>Realized so far</dt>
          <dd data-testid="replay-realized">
            <SignedFigure value={signedMoney(frame.realized)} />{' '}
            <span className="muted small">since {formatDateTime(from, tz)}</span>
          </dd>
          <dt>Fills so far</dt>
          <dd data-testid="replay-fills">
            {frame.fillCount} <span className="muted">of {total} in the window</span> ·{' '}
            {formatContracts(frame.contracts)} contracts
          </dd>
          <dt>Targets</dt>
          <dd>
            bid {formatPrice(d.targetBid)} · ask {formatPrice(d.targetAsk)}
          </dd>
          <dt>Fair value</dt>
          <dd>
            {formatPrice(d.priceCalc?.fairValue)}
            {d.priceCalc?.logic && <span className="muted"> · {d.priceCalc.logic}</span>}
          </dd>
          <dt>Decision</dt>
          <dd className="mono small">{d.decisionId ?? '—'}</dd>
          {d.haltReason && (
            <>
              <dt>Halt</dt>
              <dd className="warn-text">{d.haltReason}</dd>
            </>
          )}
        </dl>
      </Panel>
      <Panel
        title={
          <>
            Fills so far <span className="count">{frame.fillCount}</span>
          </>
        }
        testId="replay-fills-panel"
        actions={
          <ExportLinks
            path={`${path}/fills`}
            params={{ env, from, to, context: 'false' }}
            testId="replay-fills-export"
            title="Every fill of the window, with realized change and net after"
          />
        }
      >
        {frame.recentFills.length === 0 ? (
          <p className="muted">No fill yet in the window at this moment.</p>
        ) : (
          <table className="grid compact dtable" data-testid="replay-fill-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Side</th>
                <th className="num">Size</th>
                <th className="num">Price</th>
                <th className="num">Realized</th>
                <th className="num">Net after</th>
              </tr>
            </thead>
            <tbody>
              {frame.recentFills.map((f) => (
                <tr key={f.fillId ?? f.sortKey}>
                  <td className="mono small">{formatDateTime(f.time, tz)}</td>
                  <td>
                    <span className={`side side-${f.type}`}>{f.type === 'bid' ? 'bought' : 'sold'}</span>
                  </td>
                  <td className="num">{formatContracts(f.size)}</td>
                  <td className="num">{formatPrice(f.priceYes)}</td>
                  <td className="num">
                    <SignedFigure value={signedMoney(f.realizedChange)} />
                  </td>
                  <td className="num">{formatContracts(f.netAfter, { plus: true })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {frame.fillCount > frame.recentFills.length && (
          <p className="note">
            The newest {frame.recentFills.length} shown; the export holds every fill of the window.
          </p>
        )}
        <p className="note">
          Realized so far = Σ realized change of these fills: {formatMoney(frame.realized, { plus: true })}.
        </p>
      </Panel>
    </div>
  );
}
