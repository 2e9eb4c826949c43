// The deep dive's first screen as static HTML: the market's name and the decisions table's first
// rows, in the markup DecisionsTab renders through DataTable (web/src/pages/market/DecisionsTab.tsx,
// web/src/components/DataTable.tsx): the same classes, test ids and `data-row-id`, and the same
// texts from the same formatters (src/core), so the rows read the same when React replaces them.
// Only the table is the app's: its controls, the market's header and the charts come with the app.
import { decisionChanges } from '../../core/decision-diff.js';
import { shortDecisionId } from '../../core/decision-id.js';
import { formatDateTime } from '../../core/date-time-text.js';
import { formatContracts, formatPrice, NONE } from '../../core/format.js';
import type { Env } from '../../core/types.js';
import type { DecisionJson, DecisionsPage } from '../../api/types.js';
import { escapeHtml } from './html-text.js';

interface Column {
  header: string;
  numeric?: boolean;
  help?: string;
  /** The cell's content, already HTML. */
  cell: (d: DecisionJson, i: number) => string;
}

const text = (s: string) => escapeHtml(s);
const span = (cls: string, s: string, title?: string) =>
  `<span class="${cls}"${title === undefined ? '' : ` title="${escapeHtml(title)}"`}>${escapeHtml(s)}</span>`;

/** DecisionsTab's columns, in its order, with its headers and help. */
function columns(tz: string, changed: (i: number) => string): Column[] {
  return [
    { header: 'Time', cell: (d) => text(formatDateTime(d.time, tz)) },
    {
      header: 'Decision',
      cell: (d) => span('mono small', shortDecisionId(d.decisionId), d.decisionId ?? ''),
    },
    {
      header: 'Best bid',
      numeric: true,
      cell: (d) => span('bid-text', formatPrice(d.book?.bestBid ?? null)),
    },
    {
      header: 'Best ask',
      numeric: true,
      cell: (d) => span('ask-text', formatPrice(d.book?.bestAsk ?? null)),
    },
    { header: 'Spread', numeric: true, cell: (d) => text(formatPrice(d.book?.spread ?? null)) },
    { header: 'Mid', numeric: true, cell: (d) => text(formatPrice(d.book?.mid ?? null)) },
    {
      header: 'Inventory',
      numeric: true,
      help: 'net_yes_qty when deciding',
      cell: (d) => text(formatContracts(d.inventory, { plus: true })),
    },
    { header: 'Target bid', numeric: true, cell: (d) => text(formatPrice(d.targetBid)) },
    { header: 'Target ask', numeric: true, cell: (d) => text(formatPrice(d.targetAsk)) },
    { header: 'Fair value', numeric: true, cell: (d) => text(formatPrice(d.priceCalc?.fairValue ?? null)) },
    { header: 'Logic', cell: (d) => span('small', d.priceCalc?.logic ?? NONE) },
    {
      header: 'Quotes',
      numeric: true,
      help: 'Number of target quotes',
      cell: (d) => text(formatContracts(d.numTargets)),
    },
    {
      header: 'Changed',
      help: 'What changed from the decision before it (quotes first); — when that one is not loaded yet',
      cell: (_d, i) => changed(i),
    },
  ];
}

/** The row id DataTable writes (web/src/pages/market/rows.ts decisionRowId). */
export function decisionRowId(d: Pick<DecisionJson, 'decisionId' | 'date' | 'timestamp'>): string {
  return d.decisionId ?? `${d.date}|${d.timestamp}`;
}

/** The "Changed" cell: the decision before a row is the next one down, when it is on this page. */
function changedCell(items: readonly DecisionJson[], hasNextPage: boolean) {
  return (i: number): string => {
    const d = items[i] as DecisionJson;
    const prev = items[i + 1] ?? null;
    if (!prev && hasNextPage) return span('muted small', NONE);
    const list = decisionChanges(d, prev);
    if (list.length === 0) return span('muted small', 'nothing');
    return `<span class="small" data-testid="decision-changes">${escapeHtml(list.map((x) => x.text).join(' · '))}</span>`;
  };
}

function table(items: readonly DecisionJson[], hasNextPage: boolean, tz: string): string {
  const cols = columns(tz, changedCell(items, hasNextPage));
  const cls = (c: Column) => (c.numeric ? 'num' : '');
  const head = cols
    .map(
      (c) =>
        `<th class="${cls(c)}"${c.help ? ` title="${escapeHtml(c.help)}"` : ''}>${escapeHtml(c.header)}</th>`,
    )
    .join('');
  const rows = items
    .map(
      (d, i) =>
        `<tr data-row-id="${escapeHtml(decisionRowId(d))}" class="clickable" aria-selected="false" tabindex="0">${cols
          .map((c) => `<td class="${cls(c)}">${c.cell(d, i)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const n = cols.length;
  const body =
    items.length === 0
      ? `<tr><td colspan="${n}" class="muted empty">No decision in this range.</td></tr>`
      : `${rows}<tr class="vt-tail"><td colspan="${n}" class="muted">${hasNextPage ? 'Scroll for more' : 'Start of the range'}</td></tr>`;
  return (
    `<div class="table-scroll vt-scroll" data-testid="decisions-table-scroll">` +
    `<table class="grid vt" data-testid="decisions-table" aria-label="Decisions"><thead><tr>${head}</tr></thead>` +
    `<tbody>${body}</tbody></table></div>`
  );
}

/**
 * The market page's first screen: its name and the decisions tab with the first page. No tabs nor
 * controls: nothing a reader (or a test) could take for the app's working ones before it is there.
 */
export function decisionsScreen(a: { env: Env; marketId: string; tz: string; page: DecisionsPage }): string {
  const { items, nextCursor } = a.page;
  const hasNextPage = nextCursor !== null;
  const id = escapeHtml(a.marketId);
  const count = `${items.length.toLocaleString('en-US')} decisions loaded${hasNextPage ? ' · scroll for more' : ' · all of the range'}`;
  return (
    `<div class="market-page">` +
    `<section class="panel header-panel"><header class="panel-head"><h2>` +
    `<span class="mname mname-inline header-name" data-market-name="${id}"><span class="mname-line"><span class="mono mname-id">${id}</span></span></span>` +
    `</h2></header><div class="panel-body"><p class="muted">Loading the market…</p></div></section>` +
    `<div class="tabpanel"><div class="tab-body "><div class="tab-main">` +
    `<div class="tab-bar"><span class="muted small">${count}</span></div>` +
    table(items, hasNextPage, a.tz) +
    `</div></div></div></div>`
  );
}
