// The rows of a list export: every row of the range, not the one page the JSON list returns. A
// trader who exports a day of decisions expects the day, so the pages are read one after another
// and turned into rows as they come (the decoded items of a page die with it). A range with more
// rows than one export should carry is refused with a 400 naming the parameter to narrow, never
// cut short: a file that silently stops is worse than no file.
import { badParam } from './errors.js';

export interface Page<T> {
  items: readonly T[];
  nextCursor: string | null;
}

export async function exportRows<T, R>(
  readPage: (cursor: string | null) => Promise<Page<T>>,
  toRow: (item: T) => R,
  limit: { maxRows: number; param: string; what: string },
): Promise<R[]> {
  const rows: R[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await readPage(cursor);
    for (const item of page.items) rows.push(toRow(item));
    if (rows.length > limit.maxRows) {
      throw badParam(
        limit.param,
        `the range holds more than ${limit.maxRows.toLocaleString('en-US')} ${limit.what}, more than one export carries: narrow it`,
      );
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}
