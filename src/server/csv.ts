// format=csv on every list endpoint: RFC 4180 (CRLF, quotes doubled), a header row, the same full-
// precision figures as the JSON, nested values as JSON text, and a filename for the download.
import type { FastifyReply } from 'fastify';
import { toXlsx } from './xlsx.js';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
  const lines = [cols.map(cell).join(',')];
  for (const r of rows) lines.push(cols.map((c) => cell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function sendCsv(
  reply: FastifyReply,
  name: string,
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
) {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safe}.csv"`)
    .send(toCsv(rows, columns));
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
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${safe}.xlsx"`)
    .send(toXlsx(name, rows, columns));
}
