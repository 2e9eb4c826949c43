// Compare's first screen as static HTML: the per-market statistics table in the markup ComparePage
// renders (web/src/pages/compare/ComparePage.tsx, compare-columns.tsx, components/DataTable.tsx with
// SORTED_LIST): the same classes, test ids, `data-row-id`, swatch colours and texts from the same
// formatters (src/core); above it the page's frame (chips, the charts' panels and legends), so the
// table does not move when the app takes over. The charts themselves come with the app.
import { formatContracts, formatMoney, formatPrice, MINUS, NONE } from '../../core/format.js';
import { seriesColor } from '../../core/series-colors.js';
import type { CompareResponse, CompareRow } from '../../api/types.js';
import { escapeHtml } from './html-text.js';
import { viewHref } from '../../api/pages.js';

/** SignedFigure's markup: green/red by the sign the text shows (web/src/format/figures.ts). */
function signed(textValue: string): string {
  const tone = textValue.startsWith('+') ? 'pos' : textValue.startsWith(MINUS) ? 'neg' : 'flat';
  return `<span class="fig tone-${tone} ">${escapeHtml(textValue)}</span>`;
}

interface Column {
  header: string;
  numeric?: boolean;
  help?: string;
  cell: (r: CompareRow) => string;
}

/** compare-columns.tsx's columns, in its order, with its headers and help. */
function columns(marketCell: (id: string) => string): Column[] {
  const t = (s: string) => escapeHtml(s);
  return [
    { header: 'Market', cell: (r) => marketCell(r.marketId) },
    {
      header: 'Realized',
      numeric: true,
      help: 'Σ realized change of the range’s fills (fees included)',
      cell: (r) => signed(formatMoney(r.realized, { plus: true })),
    },
    { header: 'Fills', numeric: true, cell: (r) => t(formatContracts(r.fills)) },
    { header: 'Contracts', numeric: true, cell: (r) => t(formatContracts(r.contracts)) },
    {
      header: 'Volume',
      numeric: true,
      help: 'Σ size × price of the fills (YES notional, dollars)',
      cell: (r) => t(formatMoney(r.volumeUsd)),
    },
    { header: 'Fees', numeric: true, cell: (r) => t(formatMoney(r.feesUsd)) },
    { header: 'Fills / day', numeric: true, cell: (r) => t(r.fillRatePerDay.toFixed(1)) },
    {
      header: 'Avg spread',
      numeric: true,
      help: 'Mean book spread over 40 samples of the range (two-sided books only)',
      cell: (r) => t(formatPrice(r.avgSpread)),
    },
    {
      header: 'Latency p95',
      numeric: true,
      help: 'p95 of order placement and cancel latency in the range',
      cell: (r) => t(r.latencyP95Ms === null ? NONE : `${Math.round(r.latencyP95Ms)} ms`),
    },
    {
      header: 'Net at end',
      numeric: true,
      help: 'Trade-log net position at the end of the range',
      cell: (r) => signed(formatContracts(r.netAtEnd, { plus: true })),
    },
  ];
}

/**
 * Compare's first screen: the page as the app draws it once its data is in — the toolbar's place,
 * the chips, the charts' panels and legends (not the charts) and the statistics table — so the table
 * is where the app will keep it.
 */
export function compareScreen(a: { search: string; body: CompareResponse }): string {
  const { body } = a;
  const order = body.series.map((s) => s.marketId);
  const swatch = (id: string) =>
    `<i class="sw" style="background: ${seriesColor(order.indexOf(id))}" aria-hidden="true"></i>`;
  const marketCell = (id: string) => {
    const e = escapeHtml(id);
    return (
      `<span class="swatch-name">${swatch(id)}<span class="mname  " data-market-name="${e}"><span class="mname-line">` +
      `<a class="market-link mono" title="Open ${e}" href="${escapeHtml(viewHref('/market', a.search, { m: id, env: body.env }))}">${e}</a>` +
      `</span></span></span>`
    );
  };
  const cols = columns(marketCell);
  const cls = (c: Column) => (c.numeric ? 'num' : '');
  const head = cols
    .map(
      (c) =>
        `<th class="${cls(c)}" aria-sort="none"${c.help ? ` title="${escapeHtml(c.help)}"` : ''}>` +
        `<button type="button" class="sort">${escapeHtml(c.header)}<span class="sort-mark" aria-hidden="true"></span></button></th>`,
    )
    .join('');
  const rows = body.items
    .map(
      (r) =>
        `<tr data-row-id="${escapeHtml(r.marketId)}">${cols.map((c) => `<td class="${cls(c)}">${c.cell(r)}</td>`).join('')}</tr>`,
    )
    .join('');
  // The two charts' panels with their legends (each market's last value); the charts themselves come
  // with the app, into a host the page's styles hold at the chart's height.
  const chart = (title: string, pick: (p: CompareResponse['series'][number]['points'][number]) => string) =>
    `<section class="panel "><header class="panel-head"><h2>${escapeHtml(title)}</h2>` +
    `<button type="button" class="btn">PNG</button></header><div class="panel-body">` +
    `<ul class="chart-legend">${body.series
      .map((s) => {
        const last = s.points.at(-1);
        return (
          `<li>${swatch(s.marketId)}<span class="mono">${escapeHtml(s.marketId)}</span> ` +
          `<span class="fig muted">${last ? escapeHtml(pick(last)) : ''}</span></li>`
        );
      })
      .join('')}</ul><div><div class="uplot-host"></div></div></div></section>`;
  // The toolbar's controls come with the app: its place is held (first-screen.css) so nothing moves.
  const chips = order
    .map(
      (id) =>
        `<li class="chip">${swatch(id)}<span class="mono">${escapeHtml(id)}</span>` +
        `<button type="button" class="chip-x" aria-label="Remove ${escapeHtml(id)}">×</button></li>`,
    )
    .join('');
  return (
    `<div class="page compare-page">` +
    `<div class="toolbar panel first-screen-toolbar"></div>` +
    `<ul class="chips" aria-label="Compared markets">${chips}</ul>` +
    `<div class="compare-charts">` +
    chart('Cumulative realized P&L in the range', (p) => formatMoney(p.cumulativeRealized, { plus: true })) +
    chart('Net position', (p) => formatContracts(p.net, { plus: true })) +
    `</div>` +
    `<section class="panel "><header class="panel-head"><h2>Per-market statistics <span class="count">${body.items.length}</span></h2></header>` +
    `<div class="panel-body"><div class="table-scroll dtable-scroll" data-testid="compare-table-scroll">` +
    `<table class="grid dtable" data-testid="compare-table"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>` +
    `</div></div></section></div>`
  );
}
