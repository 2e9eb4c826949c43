// CSV built in the browser, for the few tables whose endpoint has no format=csv (see the report of
// API gaps): RFC 4180 like the server's (CRLF, quotes doubled), full-precision values, null empty,
// and text that a spreadsheet would run as a formula neutralised the same way (src/server/csv.ts;
// test/csv-injection.test.ts holds both to the same cells).

/** A text cell beginning with one of these is a formula (or DDE) to Excel, LibreOffice and Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number written as text: a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One cell (OWASP CSV injection: a leading single quote on formula-like text; numbers untouched). */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsvText<T extends object>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
): string {
  const cell = csvCell;
  const lines = [columns.map(cell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
