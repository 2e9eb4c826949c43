// The bot's API errors per market in its current run (the api_errors state item): count, the last
// error with its code, HTTP status and message. The endpoint has no CSV, so the export is built here.
import { Fragment } from 'react';
import { formatAge } from '@core/format';
import type { ApiErrorRow } from '@api/types';
import { useNow } from '../../api/use-now';
import { ExportLinks } from '../../components/ExportLinks';
import { Panel } from '../../components/Panel';
import { formatDateTime } from '../../format/time';
import { MarketName } from '../../components/MarketName';

export function ApiErrorsPanel({
  errors,
  updatedAt,
  env,
  tz,
  warnAt,
}: {
  errors: ApiErrorRow[];
  updatedAt: string | null;
  env: string;
  tz: string;
  warnAt: number | undefined;
}) {
  const now = useNow();
  const total = errors.reduce((a, e) => a + e.count, 0);
  return (
    <Panel
      title={
        <>
          API errors this run <span className={`count ${total > 0 ? 'count-warn' : ''}`}>{total}</span>
        </>
      }
      testId="api-errors-panel"
      actions={
        <div className="controls">
          <span className="muted small" title={formatDateTime(updatedAt, tz)}>
            item updated {updatedAt ? formatAge(Date.parse(updatedAt), now) : 'never'}
          </span>
          <ExportLinks
            path="/api/v1/risk"
            params={{ env, table: 'apiErrors' }}
            testId="api-errors-export"
            title="The bot's API error counts per market, most first"
          />
        </div>
      }
    >
      <div className="table-scroll">
        <table className="grid dtable" data-testid="api-errors-table">
          <thead>
            <tr>
              <th>Market</th>
              <th className="num">Errors</th>
              <th>Last error</th>
              <th>Code</th>
              <th className="num">HTTP</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e) => (
              <Fragment key={e.marketId}>
                <tr
                  className={`err-row ${warnAt !== undefined && e.count >= warnAt ? 'row-problem' : ''}`}
                  data-testid="api-error-row"
                >
                  <td>
                    <MarketName marketId={e.marketId} env={env} />
                  </td>
                  <td className="num fig" data-testid="api-error-count">
                    {e.count}
                  </td>
                  <td title={formatDateTime(e.lastErrorAt, tz)}>
                    {e.lastErrorAt ? formatAge(Date.parse(e.lastErrorAt), now) : '—'}
                  </td>
                  <td className="mono">{e.lastErrorCode ?? '—'}</td>
                  <td className="num">{e.lastStatusCode ?? '—'}</td>
                </tr>
                <tr className={`err-msg ${warnAt !== undefined && e.count >= warnAt ? 'row-problem' : ''}`}>
                  <td colSpan={5} className="msg muted small">
                    {e.lastErrorMsg ?? 'no message'}
                  </td>
                </tr>
              </Fragment>
            ))}
            {errors.length === 0 && (
              <tr>
                <td colSpan={5} className="muted empty">
                  No API errors recorded in the bot’s current run (the api_errors state item is reset at each
                  start).
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
