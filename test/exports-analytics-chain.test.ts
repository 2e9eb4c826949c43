// Exports of the tables that had none: the analytics tab's Outcomes and Top error codes
// (/markets/:id/analytics, table=outcomes|errors) and a decision's chain (/decisions/:id,
// table=events|fills). Each file has its header, a row's numbers equal the JSON's (as the export
// rounds them), numbers stay numbers in a workbook, and a bad `table` is a 400 naming it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { toAwareIso } from '../src/core/time.js';
import { testApp } from './helpers/test-app.js';
import { roundAsShown } from '../src/server/export-values.js';
import { EXECUTION_EXPORT_COLUMNS, FILL_EXPORT_COLUMNS } from '../src/server/json.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { sheetXml } from './helpers/workbook.js';
import { NOW, putAll, RUN, tradeItem, writeHandWorkedDataset } from './helpers/fixtures.js';

let store: TestStore;
let app: FastifyInstance;
const DECISION = `${RUN}:KX-A:11`;
/** An error code a spreadsheet would run as a formula, were it not neutralised. */
const FORMULA_CODE = '=HYPERLINK("http://x")';

/** An order event of decision KX-A:11 (the hand-worked run), `agoMs` before now. */
function event(agoMs: number, fields: Record<string, unknown>) {
  const ts = toAwareIso(NOW - agoMs);
  return {
    bot_run_id: RUN,
    'decision_id#event_ts': `${DECISION}#${ts}`,
    decision_id: DECISION,
    event_ts: ts,
    market: 'KX-A',
    bot_version: 'ed4a2b3',
    env: 'demo',
    expires_at: Math.floor(NOW / 1000) + 30 * 86400,
    ...fields,
  };
}

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  // Besides the hand-worked ACCEPTED placement: a rejected placement (twice, one code), a cancel and
  // its result, and a result with neither side nor order id (no kind).
  await putAll(store.writer, 'dora_execution_log_demo', [
    event(19_000, {
      event_type: 'ORDER_RESULT',
      side: 'bid',
      price: 0.44,
      size: 5,
      status: 'REJECTED',
      error_code: FORMULA_CODE,
      latency_ms: 150,
    }),
    event(18_900, {
      event_type: 'ORDER_RESULT',
      side: 'bid',
      price: 0.44,
      size: 5,
      status: 'REJECTED',
      error_code: FORMULA_CODE,
      latency_ms: 170,
    }),
    event(18_000, { event_type: 'ORDER_CANCEL', order_id: 'o9' }),
    event(17_800, { event_type: 'ORDER_RESULT', order_id: 'o9', status: 'CANCELLED', latency_ms: 95 }),
    event(17_000, { event_type: 'ORDER_RESULT', status: 'PENDING' }),
  ]);
  // A fill while KX-A:11 is in force (it is the market's newest decision): selling 2 of the 6 held.
  await putAll(store.writer, 'dora_trade_log_demo', [
    tradeItem({
      ms: NOW - 10_000,
      market: 'KX-A',
      side: 'no',
      price: 0.47,
      size: 2,
      fees: 0.0123,
      fillId: 'f9',
      orderId: 'o9',
    }),
  ]);
  app = await testApp(store.reader, () => NOW);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

/** RFC 4180 rows: quoted cells may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    const cells: string[] = [];
    for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g))
      cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
    rows.push(cells);
  }
  return rows;
}

/** Rows of CSV cells keyed by the header. */
function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...rows] = parseCsv(text);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

/** A sheet's cells by reference (`B2`): numbers as numbers, text as text. */
function sheetCells(xml: string): Map<string, number | string> {
  const cells = new Map<string, number | string>();
  for (const m of xml.matchAll(
    /<c r="([A-Z]+\d+)"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g,
  )) {
    cells.set(m[1] as string, m[2] !== undefined ? Number(m[2]) : (m[3] as string));
  }
  return cells;
}

const ANALYTICS = '/api/v1/markets/KX-A/analytics?days=1';
const CHAIN = `/api/v1/decisions/${encodeURIComponent(DECISION)}`;

describe('analytics exports', () => {
  it('table=outcomes (the default) is the Outcomes table: a row per status, then the total', async () => {
    const json = (await app.inject(ANALYTICS)).json();
    expect(json.outcomes.total).toBe(5);
    const res = await app.inject(`${ANALYTICS}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="outcomes-demo-KX-A.csv"');
    const { header, rows } = csvObjects(res.body);
    expect(header).toEqual(['status', 'count', 'placements', 'cancels', 'unclassified']);
    expect(rows.map((r) => r['status'])).toEqual([
      'ACCEPTED',
      'REJECTED',
      'ERROR',
      'CANCELLED',
      'ALREADY_GONE',
      'PENDING',
      'Total',
    ]);
    const byStatus = new Map(rows.map((r) => [r['status'], r]));
    expect(byStatus.get('REJECTED')).toEqual({
      status: 'REJECTED',
      count: String(json.outcomes.counts.REJECTED),
      placements: '2',
      cancels: '0',
      unclassified: '0',
    });
    expect(byStatus.get('CANCELLED')).toMatchObject({
      count: String(json.outcomes.counts.CANCELLED),
      placements: '0',
      cancels: '1',
    });
    expect(byStatus.get('PENDING')).toMatchObject({
      count: String(json.outcomes.other.PENDING),
      unclassified: '1',
    });
    expect(byStatus.get('Total')).toEqual({
      status: 'Total',
      count: String(json.outcomes.total),
      placements: '3',
      cancels: '1',
      unclassified: '1',
    });
  });

  it('table=errors is every error code with its statuses, the code neutralised as text', async () => {
    const json = (await app.inject(ANALYTICS)).json();
    const res = await app.inject(`${ANALYTICS}&format=csv&table=errors`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="error-codes-demo-KX-A.csv"');
    const { header, rows } = csvObjects(res.body);
    expect(header).toEqual(['code', 'count', 'statuses']);
    expect(json.outcomes.errorCodes).toEqual([{ code: FORMULA_CODE, count: 2, statuses: ['REJECTED'] }]);
    // A leading quote: a spreadsheet shows the code instead of running it.
    expect(rows).toEqual([{ code: `'${FORMULA_CODE}`, count: '2', statuses: 'REJECTED' }]);
  });

  it('as Excel keeps counts as numbers and text as text', async () => {
    const res = await app.inject(`${ANALYTICS}&format=xlsx&table=errors`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="error-codes-demo-KX-A.xlsx"');
    const cells = sheetCells(sheetXml(res.rawPayload));
    expect([cells.get('A1'), cells.get('B1'), cells.get('C1')]).toEqual(['code', 'count', 'statuses']);
    expect(cells.get('B2')).toBe(2);
    expect(cells.get('A2')).toBe(FORMULA_CODE.replace(/"/g, '&quot;'));
    const outcomes = sheetCells(sheetXml((await app.inject(`${ANALYTICS}&format=xlsx`)).rawPayload));
    expect(outcomes.get('A8')).toBe('Total');
    expect(outcomes.get('B8')).toBe(5);
  });

  it('a bad table is a 400 naming `table`', async () => {
    for (const format of ['csv', 'xlsx']) {
      const res = await app.inject(`${ANALYTICS}&format=${format}&table=latency`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'bad_parameter', param: 'table' });
      expect(res.json().error.message).toMatch(/^table: must be outcomes or errors/);
    }
    // The JSON has every table: `table` means nothing there.
    expect((await app.inject(`${ANALYTICS}&table=latency`)).statusCode).toBe(200);
  });
});

describe("a decision's chain exports", () => {
  it('table=events (the default) holds its order events with the executions export columns', async () => {
    const json = (await app.inject(CHAIN)).json();
    expect(json.executions).toHaveLength(7);
    const res = await app.inject(`${CHAIN}?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="decision-events-demo-${DECISION.replace(/:/g, '_')}.csv"`,
    );
    const { header, rows } = csvObjects(res.body);
    expect(header).toEqual([...EXECUTION_EXPORT_COLUMNS]);
    expect(rows).toHaveLength(json.executions.length);
    // The same events in the same order (oldest first), and a result's numbers as the JSON's.
    expect(rows.map((r) => r['time'])).toEqual(json.executions.map((e: { time: string }) => e.time));
    const i = json.executions.findIndex((e: { status: string | null }) => e.status === 'ACCEPTED');
    const e = json.executions[i];
    for (const col of ['priceYes', 'size', 'latencyMs'] as const)
      expect(Number(rows[i]?.[col]), col).toBe(roundAsShown(e[col], col));
    expect(rows[i]).toMatchObject({ decisionId: DECISION, eventType: 'ORDER_RESULT', orderId: 'o9' });
  });

  it('table=fills holds the fills it was in force for, with the fills export columns and figures', async () => {
    const json = (await app.inject(CHAIN)).json();
    expect(json.fills.map((f: { fillId: string }) => f.fillId)).toEqual(['f9']);
    const f = json.fills[0];
    // Selling 2 of 6 bought at 0.40 for 0.47, less the fee: the replay of the market's history.
    expect(f.realizedChange).toBeCloseTo(2 * 0.07 - 0.0123, 10);
    expect([f.netBefore, f.netAfter]).toEqual([6, 4]);
    const res = await app.inject(`${CHAIN}?format=csv&table=fills`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="decision-fills-demo-${DECISION.replace(/:/g, '_')}.csv"`,
    );
    const { header, rows } = csvObjects(res.body);
    expect(header).toEqual([...FILL_EXPORT_COLUMNS]);
    expect(rows).toHaveLength(1);
    for (const col of [
      'priceYes',
      'size',
      'feeUsd',
      'feeAppliedUsd',
      'realizedChange',
      'netBefore',
      'netAfter',
    ] as const) {
      expect(Number(rows[0]?.[col]), col).toBe(roundAsShown(f[col], col));
    }
    expect(rows[0]).toMatchObject({ fillId: 'f9', decisionId: DECISION, time: f.time });
  });

  it('as Excel keeps the figures whole and numeric', async () => {
    const json = (await app.inject(CHAIN)).json();
    const res = await app.inject(`${CHAIN}?format=xlsx&table=fills`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const cells = sheetCells(sheetXml(res.rawPayload));
    const col = (name: string) =>
      String.fromCharCode(65 + FILL_EXPORT_COLUMNS.indexOf(name as (typeof FILL_EXPORT_COLUMNS)[number]));
    expect(cells.get(`${col('fillId')}1`)).toBe('fillId');
    expect(cells.get(`${col('realizedChange')}2`)).toBeCloseTo(json.fills[0].realizedChange, 12);
    expect(cells.get(`${col('size')}2`)).toBe(2);
  });

  it('a bad table is a 400 naming `table`, before the store is read', async () => {
    const res = await app.inject(`${CHAIN}?format=csv&table=decisions`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'bad_parameter', param: 'table' });
    expect(res.json().error.message).toMatch(/^table: must be events or fills/);
    // Also for a decision that does not exist: the parameter is checked first.
    const missing = await app.inject(
      `/api/v1/decisions/${encodeURIComponent(`${RUN}:KX-A:999`)}?format=xlsx&table=x`,
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.param).toBe('table');
  });
});
