// The one place a list route's answer becomes a download: a route hands in its JSON body and says
// which table of it an export holds (rows, columns, file name); format=json answers the body, csv
// and xlsx that table (csv.ts writes both).
import type { FastifyReply } from 'fastify';
import { sendTable } from './csv.js';
import type { Format } from './params.js';

export interface TableExport {
  /** The download's file name, without its extension. */
  name: string;
  rows: readonly object[];
  /** The header, in order (see columnsOf); without it, every key the rows have. */
  columns?: readonly string[];
}

/**
 * The answer to a list route: the body for JSON, else the route's table as CSV or a workbook. The
 * table is made only for an export.
 */
export function replyWith<T>(
  reply: FastifyReply,
  format: Format,
  body: T,
  table: () => TableExport,
): T | FastifyReply {
  if (format === 'json') return body;
  return sendExport(reply, format, table());
}

/** A table as CSV or a workbook, for an export made without a JSON body (the decisions stream). */
export function sendExport(reply: FastifyReply, format: 'csv' | 'xlsx', table: TableExport): FastifyReply {
  return sendTable(
    reply,
    format,
    table.name,
    table.rows as readonly Record<string, unknown>[],
    table.columns,
  );
}
