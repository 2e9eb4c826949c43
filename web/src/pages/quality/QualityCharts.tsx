// The quality charts and their text: the markout curve (one line per market, plus "All"), the
// curve as a table (the chart's text alternative), the attribution identity and the stacked daily
// attribution. Used by the Quality page and the deep dive's Analytics tab.
import { useMemo } from 'react';
import { formatContracts, formatMoney } from '@core/format';
import { HORIZONS } from '@core/markouts';
import type { QualityAttribution, QualityDay } from '@api/types';
import { cssVar, pnlPalette, runMarkerColors } from '../../charts/palette';
import {
  ATTRIBUTION_COLORS,
  ATTRIBUTION_PARTS,
  attributionModel,
  attributionOptions,
  attributionTooltip,
  horizonLabel,
  markoutCurveData,
  markoutCurveOptions,
  markoutTooltip,
  type CurveLine,
} from '../../charts/quality-chart';
import { markerTooltip, type RunMarker } from '../../charts/run-markers';
import { markerAtCursor, runMarkersPlugin } from '../../charts/run-markers-plugin';
import { tooltipPlugin, useLatestCallback, useTooltipContent } from '../../charts/tooltip-plugin';
import { formatDateTime } from '../../format/time';
import { UPlotChart } from '../../charts/UPlotChart';
import { SignedFigure } from '../../components/Figure';
import { signedCents, signedMoney } from '../../format/figures';
import { useTheme } from '../../theme/theme';
import { attributionIdentity } from './quality-rows';

/** The colour of the "All" line: the page's text colour (reads on both themes). */
export const allColor = (): string => cssVar('--text', '#1b1f24');

export function MarkoutCurveChart({
  lines,
  label,
  testId,
}: {
  lines: CurveLine[];
  label: string;
  testId: string;
}) {
  const theme = useTheme();
  const layoutKey = lines.map((l) => `${l.label}:${l.color}`).join(',');
  const tooltip = useTooltipContent((_u, idx) => markoutTooltip(lines, idx));
  const options = useMemo(() => {
    const p = pnlPalette();
    const heads = layoutKey
      ? layoutKey.split(',').map((s) => {
          const cut = s.lastIndexOf(':');
          return { label: s.slice(0, cut), color: s.slice(cut + 1) };
        })
      : [];
    return {
      ...markoutCurveOptions(heads, { axis: p.axis, grid: p.grid }),
      plugins: [tooltipPlugin(tooltip)],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme` is not read but the palette (CSS variables) changes with it.
  }, [layoutKey, theme, tooltip]);
  const data = useMemo(() => markoutCurveData(lines), [lines]);
  return <UPlotChart options={options} data={data} heightPx={220} label={label} testId={testId} />;
}

/** The curve as a table: one row per line, one column per horizon (¢ per contract, fills counted). */
export function MarkoutTable({ lines, testId }: { lines: CurveLine[]; testId: string }) {
  return (
    <div className="table-scroll">
      <table className="grid compact markout-table" data-testid={testId}>
        <caption className="sr-only">Markout per horizon, cents per contract, with the fills counted</caption>
        <thead>
          <tr>
            <th scope="col">Markout ¢ (fills)</th>
            {HORIZONS.map(({ h }) => (
              <th scope="col" className="num" key={h}>
                {horizonLabel(h)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.label}>
              <th scope="row" className="mono">
                {l.label}
              </th>
              {HORIZONS.map(({ h }) => {
                const p = l.horizons.find((x) => x.h === h);
                return (
                  <td className="num" key={h} data-testid={`${testId}-${l.label}-${h}`}>
                    <SignedFigure value={signedCents(p?.perContractCents)} />{' '}
                    <span className="muted small">({formatContracts(p?.count ?? 0)})</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `Total $X = spread capture $A + inventory $B − fees $C`, to the cent. */
export function IdentityLine({
  attribution,
  testId,
  note,
}: {
  attribution: QualityAttribution;
  testId: string;
  note?: string;
}) {
  const id = attributionIdentity(attribution);
  return (
    <p className="identity" data-testid={testId}>
      <span className="fig" data-testid={`${testId}-text`}>
        {id.text}
      </span>
      {!id.holds && (
        <span className="muted small" data-testid={`${testId}-unknown`}>
          {' '}
          {attribution.total === null
            ? '(a mark is unknown while a position is held: total and inventory are not guessed)'
            : '(the figures do not add up to the cent: report it)'}
        </span>
      )}
      {note && <span className="muted small"> {note}</span>}
    </p>
  );
}

export function AttributionDailyChart({
  days,
  tz,
  testId,
  markers = [],
}: {
  days: QualityDay[];
  tz: string;
  testId: string;
  /** Bot restarts and version changes placed in their day's slot (run-markers.ts dayX); the deep dive's. */
  markers?: readonly RunMarker[];
}) {
  const theme = useTheme();
  const model = useMemo(() => attributionModel(days), [days]);
  const tooltip = useTooltipContent((u, idx) => {
    const m = markerAtCursor(u, markers);
    if (m) return markerTooltip(m, tz, formatDateTime);
    return attributionTooltip(days, idx, tz);
  });
  const markerList = useLatestCallback(() => markers);
  const key = markers.map((m) => `${m.start.runId}:${m.kind}:${m.x}`).join(',');
  const options = useMemo(() => {
    const p = pnlPalette();
    return {
      ...attributionOptions(model, { axis: p.axis, grid: p.grid, total: allColor() }),
      plugins: [runMarkersPlugin(markerList, runMarkerColors()), tooltipPlugin(tooltip)],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme` is not read but the palette (CSS variables) changes with it; the draw order is fixed; `key`: new markers make a new chart.
  }, [theme, tooltip, markerList, key]);
  return (
    <>
      <ul className="chart-legend" aria-hidden="true">
        {ATTRIBUTION_PARTS.map((p) => (
          <li key={p.key}>
            <i className="sw sw-bar" style={{ background: ATTRIBUTION_COLORS[p.key] }} /> {p.label}
          </li>
        ))}
        <li>
          <i className="sw sw-dot" style={{ background: allColor() }} /> Total
        </li>
        {markers.some((m) => m.kind === 'restart') && (
          <li>
            <i className="sw sw-restart" /> bot restart (at its time of day)
          </li>
        )}
        {markers.some((m) => m.kind === 'version') && (
          <li>
            <i className="sw sw-version" /> version change
          </li>
        )}
      </ul>
      <UPlotChart
        options={options}
        data={model.data}
        heightPx={220}
        label={`P&L attribution per day (${tz}): spread capture, inventory and fees stacked, total as a dot. The figures are in the table of days below.`}
        testId={testId}
      />
    </>
  );
}

/** The days as a table (the daily chart's text alternative). */
export function AttributionDaysTable({
  days,
  tz,
  testId,
}: {
  days: QualityDay[];
  tz: string;
  testId: string;
}) {
  return (
    <div className="table-scroll attribution-days">
      <table className="grid compact" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Day ({tz})</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Spread capture
            </th>
            <th scope="col" className="num">
              Inventory
            </th>
            <th scope="col" className="num">
              Fees
            </th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => {
            const id = attributionIdentity(d);
            return (
              <tr key={d.date} title={id.text}>
                <th scope="row" className="mono">
                  {d.date}
                </th>
                <td className="num">
                  <SignedFigure value={signedMoney(d.total)} />
                </td>
                <td className="num">
                  <SignedFigure value={signedMoney(d.spreadCapture)} />
                </td>
                <td className="num">
                  <SignedFigure value={signedMoney(d.inventory)} />
                </td>
                <td className="num">{formatMoney(d.fees)}</td>
              </tr>
            );
          })}
          {days.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No day in the range.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
