// format=csv on every list endpoint: RFC 4180 (CRLF, quotes doubled), a header row, the same full-
// precision figures as the JSON, nested values as JSON text, and a filename for the download.
// Text from the bot's tables can hold anything: a text cell a spreadsheet would run as a formula is
// neutralised (see csvText).
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { exportValue } from './export-values.js';
import { toXlsx } from './xlsx.js';

/** A text cell beginning with one of these is a formula (or DDE) to Excel, LibreOffice and Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number written as text: a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One cell's text, per OWASP's CSV-injection guidance: a text value beginning with = + - @ tab or
 * CR gets a leading single quote, so a spreadsheet shows it as text instead of evaluating it; then
 * RFC 4180 quoting. Numbers (negative ones too) are written as numbers, untouched.
 */
export function csvText(v: unknown): string {
  if (v === null || v === undefined) return '';
  let text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const cell = csvText;

/**
 * The export columns of a list, in its JSON rows' order. The compiler checks that every field of
 * the row type is named, and nothing else, so an export with no rows still has its full header.
 */
export function columnsOf<T extends object>(fields: {
  readonly [K in keyof Required<T>]: true;
}): readonly string[] {
  return Object.keys(fields);
}

export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return csvHeader(cols) + rows.map((r) => csvLine(r, cols)).join('');
}

/** The header line of a CSV with these columns (CRLF-terminated). */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(cell).join(',')}\r\n`;
}

/** One row's line (CRLF-terminated), its cells in the columns' order. */
export function csvLine(row: Readonly<Record<string, unknown>>, columns: readonly string[]): string {
  return `${columns.map((c) => cell(exportValue(row[c], c))).join(',')}\r\n`;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

/**
 * A CSV written as its text comes (a long export is never held whole). The status and headers go
 * out with the first chunk, so the caller reads what can fail with a clear error before this; a
 * failure later ends the transfer unfinished, which a browser shows as a failed download.
 */
export function sendCsvStream(reply: FastifyReply, name: string, text: AsyncIterable<string>) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safeName(name)}.csv"`)
    .send(Readable.from(text));
}

export function sendCsv(
  reply: FastifyReply,
  name: string,
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safeName(name)}.csv"`)
    .send(toCsv(rows, columns));
}

/** The workbook's time zone: the request's `tz` when it is a zone the runtime knows, else UTC. */
function exportTz(query: unknown): string {
  const tz = (query as Record<string, unknown> | null | undefined)?.['tz'];
  if (typeof tz !== 'string' || tz === '' || tz.length > 64) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

/** A list endpoint's rows as CSV or as an Excel workbook (typed cells), named for download. */
export function sendTable(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  name: string,
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
) {
  if (format === 'csv') return sendCsv(reply, name, rows, columns);
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${safeName(name)}.xlsx"`)
    .send(toXlsx(name, rows, columns, { tz: exportTz(reply.request.query) }));
}
