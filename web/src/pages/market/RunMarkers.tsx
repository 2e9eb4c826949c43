// What the deep dive's price and P&L charts share about bot restarts and version changes: their
// legend entries, and the list of the range's restarts in words (the charts are images to a screen
// reader; the list is the same markers as text). Colours: runMarkerColors in charts/palette.ts.
import { markerSummary, type RunMarker } from '../../charts/run-markers';
import { formatDateTime } from '../../format/time';
import type { RunsResponse } from '@api/types';

/** The runs answer for exactly this market and range, else null (never another range's markers). */
export function runsFor(
  data: RunsResponse | undefined,
  marketId: string,
  range: { from: string; to: string },
): RunsResponse | null {
  if (!data || data.marketId !== marketId) return null;
  const same = (a: string, b: string) => Date.parse(a) === Date.parse(b);
  return same(data.from, range.from) && same(data.to, range.to) ? data : null;
}

/** Legend entries: only the kinds the range holds (a legend of no marker would suggest one). */
export function RunMarkerLegend({ markers }: { markers: readonly RunMarker[] }) {
  const restarts = markers.some((m) => m.kind === 'restart');
  const versions = markers.some((m) => m.kind === 'version');
  return (
    <>
      {restarts && (
        <span>
          <i className="sw sw-restart" /> bot restart (new run)
        </span>
      )}
      {versions && (
        <span>
          <i className="sw sw-version" /> version change (restart on a new version)
        </span>
      )}
    </>
  );
}

/** The range's restarts and version changes as a list (collapsed), or why there is none. */
export function RunMarkerList({
  markers,
  runs,
  error,
  tz,
  testId,
}: {
  markers: readonly RunMarker[];
  runs: RunsResponse | null;
  error: Error | null;
  tz: string;
  testId: string;
}) {
  if (error)
    return (
      <p className="note muted" data-testid={testId}>
        Restarts and version changes could not be loaded ({error.message}); none are marked.
      </p>
    );
  if (!runs) return null;
  if (markers.length === 0)
    return (
      <p className="note muted" data-testid={testId} data-count={0}>
        No bot restart in the range (runs seen in this market’s decisions and the bot’s startup records).
      </p>
    );
  const versions = markers.filter((m) => m.kind === 'version').length;
  return (
    <details className="run-marker-list" data-testid={testId} data-count={markers.length}>
      <summary>
        {markers.length} bot restart{markers.length === 1 ? '' : 's'} in the range
        {versions > 0 && `, ${versions} with a version change`} (dashed lines)
      </summary>
      <ul>
        {markers.map((m) => (
          <li key={m.start.runId} data-kind={m.kind} data-run-id={m.start.runId}>
            {formatDateTime(m.start.start, tz)} — {markerSummary(m)}: run{' '}
            <span className="mono">{m.start.runId}</span>
            {m.start.version !== null && m.kind === 'restart' && ` (version ${m.start.version})`}
            {m.start.previousRunId !== null && (
              <>
                , after run <span className="mono">{m.start.previousRunId}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="muted">
        Runs are seen in this market’s decisions and the bot’s startup records; a version change compares with
        the previous run seen.
      </p>
    </details>
  );
}
