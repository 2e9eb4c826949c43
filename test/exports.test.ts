// List exports carry every row of the range, not the JSON list's page: decisions are read page by
// page (here 1,203 in a day, two store pages of 1,000), executions come from the whole range; a
// range with more rows than an export carries is refused with a 400 naming the parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { exportCsv, exportRows } from '../src/server/export-rows.js';
import { ApiError } from '../src/server/errors.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { sheetXml } from './helpers/workbook.js';
import { decisionItem, NOW, putAll, writeHandWorkedDataset } from './helpers/fixtures.js';

const EXTRA = 1_201;
let store: TestStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  // One decision every 30 s over the 10 hours before the hand-worked ones (loops 1000…2200).
  await putAll(
    store.writer,
    'dora_decision_log_demo',
    Array.from({ length: EXTRA }, (_, i) =>
      decisionItem({ ms: NOW - 120_000 - i * 30_000, market: 'KX-A', loop: 1000 + i, bid: 0.4, ask: 0.5 }),
    ),
  );
  app = await testApp(store.reader, () => NOW);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const csvLines = (body: string) => body.split('\r\n').filter((l) => l !== '');

describe('decisions export', () => {
  it('holds every decision of the range, newest first, whatever limit says', async () => {
    const json = (await app.inject('/api/v1/markets/KX-A/decisions?days=1&limit=1000')).json();
    expect(json.items).toHaveLength(1000);
    expect(json.nextCursor).not.toBeNull();
    const res = await app.inject('/api/v1/markets/KX-A/decisions?days=1&limit=5&format=csv');
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = csvLines(res.body);
    expect(header).toBe(
      'time,decisionId,bestBid,bestAsk,spread,mid,inventory,targetBid,targetAsk,fairValue,logic,numTargets',
    );
    expect(rows).toHaveLength(EXTRA + 2); // the two hand-worked decisions of KX-A, and the extra ones
    const ids = rows.map((r) => r.split(',')[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const times = rows.map((r) => Date.parse(r.split(',')[0]!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(ids[0]).toMatch(/:KX-A:11$/);
    expect(ids.at(-1)).toMatch(new RegExp(`:KX-A:${1000 + EXTRA - 1}$`));
  });

  it('of an empty range is the header alone', async () => {
    const res = await app.inject('/api/v1/markets/KX-A/decisions?from=2025-06-01&to=2025-06-02&format=csv');
    expect(res.statusCode).toBe(200);
    expect(csvLines(res.body)).toEqual([
      'time,decisionId,bestBid,bestAsk,spread,mid,inventory,targetBid,targetAsk,fairValue,logic,numTargets',
    ]);
  });

  it('as Excel carries the same rows', async () => {
    const res = await app.inject('/api/v1/markets/KX-A/decisions?days=1&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const xml = sheetXml(res.rawPayload);
    expect(xml.match(/<row /g)).toHaveLength(EXTRA + 2 + 1); // the header row, then every decision
    expect(xml).toContain(`:KX-A:${1000 + EXTRA - 1}<`);
  });
});

describe('executions export', () => {
  it('holds every event of the range, not the page', async () => {
    const json = (await app.inject('/api/v1/markets/KX-A/executions?days=3&limit=1')).json();
    expect(json.total).toBeGreaterThan(1);
    const res = await app.inject('/api/v1/markets/KX-A/executions?days=3&limit=1&format=csv');
    expect(csvLines(res.body)).toHaveLength(json.total + 1);
  });
});

describe('exportRows', () => {
  const pages = [
    { items: [1, 2, 3], nextCursor: 'a' },
    { items: [4, 5], nextCursor: 'b' },
    { items: [6], nextCursor: null },
  ];
  const reader = () => {
    const asked: (string | null)[] = [];
    return {
      asked,
      read: async (cursor: string | null) => {
        asked.push(cursor);
        return pages[asked.length - 1]!;
      },
    };
  };

  it('follows the cursors to the end, rows in page order', async () => {
    const r = reader();
    expect(await exportRows(r.read, (n) => n * 10, { maxRows: 6, param: 'from', what: 'rows' })).toEqual([
      10, 20, 30, 40, 50, 60,
    ]);
    expect(r.asked).toEqual([null, 'a', 'b']);
  });

  it('refuses a range with more rows than the limit, naming the parameter, and reads no further', async () => {
    const r = reader();
    const err = await exportRows(r.read, (n) => n, { maxRows: 4, param: 'days', what: 'decisions' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).statusCode).toBe(400);
    expect((err as ApiError).message).toBe(
      'days: the range holds more than 4 decisions, more than one export carries: narrow it',
    );
    expect(r.asked).toEqual([null, 'a']);
  });

  const collect = async (gen: AsyncIterable<string>) => {
    const chunks: string[] = [];
    try {
      for await (const c of gen) chunks.push(c);
    } catch (err) {
      return { chunks, error: (err as Error).message };
    }
    return { chunks, error: null };
  };
  const toRow = (n: number) => ({ n, text: n === 5 ? 'five, "5"' : `#${n}` });

  it('writes CSV a page at a time after the header, following the cursors', async () => {
    const r = reader();
    await r.read(null); // the caller reads the first page
    const out = await collect(
      exportCsv(pages[0]!, r.read, toRow, ['n', 'text'], { maxRows: 6, param: 'from', what: 'rows' }),
    );
    expect(out.error).toBeNull();
    expect(out.chunks).toEqual([
      'n,text\r\n',
      '1,#1\r\n2,#2\r\n3,#3\r\n',
      '4,#4\r\n5,"five, ""5"""\r\n',
      '6,#6\r\n',
    ]);
    expect(r.asked).toEqual([null, 'a', 'b']);
  });

  it('an empty range is the header alone', async () => {
    const never = () => Promise.reject(new Error('no read'));
    const out = await collect(
      exportCsv({ items: [], nextCursor: null }, never, toRow, ['n', 'text'], {
        maxRows: 1,
        param: 'from',
        what: 'rows',
      }),
    );
    expect(out).toEqual({ chunks: ['n,text\r\n'], error: null });
  });

  it('past the limit stops with an error instead of ending as if complete', async () => {
    const r = reader();
    await r.read(null);
    const out = await collect(
      exportCsv(pages[0]!, r.read, toRow, ['n'], { maxRows: 4, param: 'days', what: 'decisions' }),
    );
    expect(out.chunks).toEqual(['n\r\n', '1\r\n2\r\n3\r\n']);
    expect(out.error).toBe(
      'days: the range holds more than 4 decisions, more than one export carries: narrow it',
    );
    expect(r.asked).toEqual([null, 'a']);
  });
});
