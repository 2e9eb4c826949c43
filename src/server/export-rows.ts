// The rows of a list export: every row of the range, not the one page the JSON list returns. A
// trader who exports a day of decisions expects the day, so the pages are read one after another
// and turned into rows as they come (the decoded items of a page die with it). An export is never
// cut short in silence: a file that stops early reads as complete.
import { csvHeader, csvLine } from './csv.js';
import { badParam } from './errors.js';

export interface Page<T> {
  items: readonly T[];
  nextCursor: string | null;
}

export interface ExportLimit {
  maxRows: number;
  /** The parameter to narrow (from, days) and what the rows are, for the message. */
  param: string;
  what: string;
}

function tooMany(limit: ExportLimit): string {
  return `the range holds more than ${limit.maxRows.toLocaleString('en-US')} ${limit.what}, more than one export carries: narrow it`;
}

/**
 * The pages from `first` on, following the cursors; past the limit, a 400 on the parameter (once
 * headers are out, that ends the transfer unfinished instead).
 */
async function* pagesWithin<T>(
  first: Page<T>,
  readPage: (cursor: string) => Promise<Page<T>>,
  limit: ExportLimit,
): AsyncGenerator<readonly T[]> {
  let page = first;
  let rows = 0;
  for (;;) {
    rows += page.items.length;
    if (rows > limit.maxRows) throw badParam(limit.param, tooMany(limit));
    yield page.items;
    if (page.nextCursor === null) return;
    page = await readPage(page.nextCursor);
  }
}

/** Every row, held (for a workbook, which is written whole): past the limit, a 400 on the parameter. */
export async function exportRows<T, R>(
  readPage: (cursor: string | null) => Promise<Page<T>>,
  toRow: (item: T) => R,
  limit: ExportLimit,
): Promise<R[]> {
  const rows: R[] = [];
  for await (const items of pagesWithin(await readPage(null), readPage, limit)) {
    for (const item of items) rows.push(toRow(item));
  }
  return rows;
}

/**
 * Every row as CSV text, a page at a time, after the first page (read by the caller, so that what
 * fails early is still an HTTP error). Past the limit the text stops with an error: the transfer is
 * left unfinished and the download fails, rather than ending as if complete.
 */
export async function* exportCsv<T>(
  first: Page<T>,
  readPage: (cursor: string) => Promise<Page<T>>,
  toRow: (item: T) => Readonly<Record<string, unknown>>,
  columns: readonly string[],
  limit: ExportLimit,
): AsyncGenerator<string> {
  yield csvHeader(columns);
  for await (const items of pagesWithin(first, readPage, limit)) {
    if (items.length > 0) yield items.map((item) => csvLine(toRow(item), columns)).join('');
  }
}
