// Whatever goes wrong, say so and keep showing what we have: a store outage with cached data is a
// "stale" banner with the data's age; a failed refresh keeps the last figures under a banner; no
// data at all is an error banner (the page around it still renders).
import { formatDuration } from '@core/format';
import { ApiRequestError } from '../api/client';
import type { Meta } from '@api/types';
import { serverNowMs } from '../api/server-clock';
import { useNow } from '../api/use-now';
import { navigate, useLocation } from '../router/location';
import { withoutParams } from './BadLinkBanner';

interface Props {
  meta: Meta | undefined;
  error: Error | null;
  /** When the data on screen was received (browser clock), for the age under a failed refresh. */
  dataUpdatedAtMs: number;
  what: string;
}

function describe(error: Error): string {
  if (error instanceof ApiRequestError) return `${error.status} ${error.code}: ${error.message}`;
  return error.message || 'network error';
}

/**
 * No data: a refusal that will not change (a bad parameter in the link, an unknown item) says what
 * to fix and offers the page without that parameter, or Back; anything else is retried.
 */
function LoadError({ error, what }: { error: Error; what: string }) {
  const { pathname, search } = useLocation();
  if (error instanceof ApiRequestError && error.permanent) {
    const param = error.param;
    const fixed =
      param && new URLSearchParams(search).has(param) ? withoutParams(pathname, search, [param]) : null;
    return (
      <div className="banner banner-error" role="alert" data-testid="load-error">
        <strong>Cannot load the {what}</strong>: {describe(error)}.{' '}
        {param ? `The link’s “${param}” is not one the server accepts. ` : ''}
        <span className="bad-link-actions">
          {fixed && (
            <a
              className="btn"
              href={fixed}
              onClick={(e) => {
                e.preventDefault();
                navigate(fixed, { replace: true });
              }}
              data-testid="load-error-fix"
            >
              Open without “{param}”
            </a>
          )}
          <a className="btn" href="/" data-testid="load-error-home">
            Home
          </a>
        </span>
      </div>
    );
  }
  return (
    <div className="banner banner-error" role="alert" data-testid="load-error">
      <strong>Cannot load the {what}</strong>: {describe(error)}. Retrying every 10 s.
    </div>
  );
}

export function DataBanners({ meta, error, dataUpdatedAtMs, what }: Props) {
  // Re-renders each second: the ages below move. `now` is on the server's clock, so the time the
  // data came in (the browser's) is put on it too.
  const now = useNow();
  return (
    <>
      {meta?.cache === 'stale' && (
        <div className="banner banner-warn" role="status" data-testid="stale-banner">
          <strong>DynamoDB is failing;</strong> showing data from {formatDuration(meta.dataAgeMs ?? 0)} ago.
        </div>
      )}
      {error && meta && (
        <div className="banner banner-warn" role="status" data-testid="refresh-error">
          <strong>Refresh failed</strong> ({describe(error)}); showing the {what} from{' '}
          {formatDuration(Math.max(0, now - serverNowMs(dataUpdatedAtMs)) + (meta.dataAgeMs ?? 0))} ago.
          Retrying every 10 s.
        </div>
      )}
      {error && !meta && <LoadError error={error} what={what} />}
    </>
  );
}
