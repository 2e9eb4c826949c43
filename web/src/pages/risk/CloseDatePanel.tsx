// Exposure and capital at risk by close date (metrics.md §"Market lifecycle": Σ capital at risk
// grouped by the UTC date of the close time): which days the book's risk resolves on. The API's
// groups, earliest first and the unknown date last; a bar per date scaled to the largest.
import { formatContracts, formatMoney } from '@core/format';
import type { RiskResponse } from '@api/types';
import { Panel } from '../../components/Panel';
import { lifecycleNote } from '../../format/lifecycle';
import { closeDateLabel } from './close-dates';

export function CloseDatePanel({ data, nowMs }: { data: RiskResponse; nowMs: number }) {
  const groups = data.exposure.byCloseDate;
  const max = Math.max(0, ...groups.map((g) => g.capitalAtRisk));
  const note = lifecycleNote(data.lifecycle);
  return (
    <Panel
      title={
        <>
          Capital at risk by close date <span className="count">{groups.length}</span>
        </>
      }
      testId="close-date-panel"
    >
      {note && (
        <p className="note warn-text" data-testid="close-date-unavailable">
          {note}
          {data.lifecycle.available ? '' : ' — every position is under “close date unknown”.'}
        </p>
      )}
      {groups.length === 0 ? (
        <p className="muted">No open position.</p>
      ) : (
        <div className="close-dates-scroll">
          <table className="grid compact close-dates" data-testid="close-date-table">
            <thead>
              <tr>
                <th title="The UTC date of Kalshi's close time">Closes (UTC)</th>
                <th className="num">Markets</th>
                <th className="num" title="Σ |net position|">
                  Exposure
                </th>
                <th className="num">Capital at risk</th>
                <th className="cd-bar-col" aria-hidden="true" />
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.date ?? 'unknown'} data-testid="close-date-row" data-date={g.date ?? ''}>
                  <td title={g.marketIds.join(', ')}>{closeDateLabel(g.date, nowMs)}</td>
                  <td className="num">{formatContracts(g.markets)}</td>
                  <td className="num">{formatContracts(g.exposure)}</td>
                  <td className="num fig" data-testid="close-date-capital">
                    {formatMoney(g.capitalAtRisk)}
                  </td>
                  <td className="cd-bar-col" aria-hidden="true">
                    <span
                      className="cd-bar"
                      style={{ width: `${max > 0 ? (g.capitalAtRisk / max) * 100 : 0}%` }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>
                  <strong>Held markets</strong>
                </td>
                <td className="num">{formatContracts(groups.reduce((n, g) => n + g.markets, 0))}</td>
                <td className="num">{formatContracts(data.exposure.total)}</td>
                <td className="num fig" data-testid="close-date-total">
                  {formatMoney(data.exposure.capitalAtRisk)}
                </td>
                <td className="cd-bar-col" />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </Panel>
  );
}
