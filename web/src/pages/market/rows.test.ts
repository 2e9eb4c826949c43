// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatLatencyMs, latencyCells, outcomeRows } from './analytics-rows';
import type { AnalyticsResponse, ExecutionJson, MarketFill } from '@api/types';
import { pickerOptions, searchOptions } from './picker-options';
import {
  decisionRowId,
  executionKind,
  executionRows,
  fillTotals,
  filterChoices,
  flattenPages,
  isDecisionId,
  matchesFilter,
  NO_STATUS,
  withMillis,
} from './rows';

const event = (over: Partial<ExecutionJson>): ExecutionJson => ({
  botRunId: '20261125-182405-94fb48',
  decisionId: '20261125-182405-94fb48:KX-A:14',
  systemReason: null,
  time: '2026-11-25T18:25:00.228Z',
  eventType: 'ORDER_RESULT',
  market: 'KX-A',
  side: null,
  priceYes: null,
  size: null,
  orderId: null,
  clientOrderId: null,
  status: null,
  latencyMs: null,
  errorType: null,
  errorCode: null,
  errorMsg: null,
  fillId: null,
  pnlDeltaUsd: null,
  feeUsd: null,
  expiresAt: null,
  ...over,
});

describe('decision rows', () => {
  it('ids: the decision id, else the table key; only real ids are looked up', () => {
    expect(decisionRowId({ decisionId: 'r:KX:1', date: '2026-11-25', timestamp: 't' })).toBe('r:KX:1');
    expect(decisionRowId({ decisionId: null, date: '2025-12-14', timestamp: '2025-12-14T10:00:00' })).toBe(
      '2025-12-14|2025-12-14T10:00:00',
    );
    expect(isDecisionId('20261125-182405-94fb48:KXFED-26DEC-H0:5')).toBe(true);
    expect(isDecisionId('2025-12-14|2025-12-14T10:00:00')).toBe(false);
    expect(isDecisionId(null)).toBe(false);
  });

  it('pages flatten in order; a repeat across pages is dropped and counted', () => {
    const pages = [{ items: [{ id: 'c' }, { id: 'b' }] }, { items: [{ id: 'b' }, { id: 'a' }] }];
    expect(flattenPages(pages, (x) => x.id)).toEqual({
      items: [{ id: 'c' }, { id: 'b' }, { id: 'a' }],
      duplicates: 1,
    });
    expect(flattenPages(undefined, (x: { id: string }) => x.id)).toEqual({ items: [], duplicates: 0 });
  });
});

describe('execution rows', () => {
  it('kinds: placements carry a side, cancels an order id and no side', () => {
    expect(executionKind(event({ eventType: 'ORDER_PLACE', side: 'bid' }))).toBe('place');
    expect(executionKind(event({ side: 'ask', status: 'ACCEPTED' }))).toBe('place');
    expect(executionKind(event({ orderId: 'o1', status: 'CANCELLED' }))).toBe('cancel');
    expect(executionKind(event({ eventType: 'ORDER_CANCEL', orderId: 'o1' }))).toBe('cancel');
    expect(executionKind(event({ eventType: 'FILL', side: 'yes' }))).toBe('fill');
    expect(executionKind(event({}))).toBe('other');
    expect(executionKind(event({ eventType: 'HEARTBEAT' }))).toBe('other');
  });

  it('row ids are unique even for events that share decision, time, type and order', () => {
    const a = event({ orderId: 'o1', status: 'CANCELLED' });
    const rows = executionRows([a, a, event({ orderId: 'o2' })]);
    expect(new Set(rows.map((r) => r.rowId)).size).toBe(3);
    expect(rows[1]?.rowId).toBe(`${rows[0]?.rowId}#1`);
    expect(rows[0]?.kind).toBe('cancel');
  });

  it('filters by type and status; events without a status match NO_STATUS', () => {
    const place = event({ eventType: 'ORDER_PLACE', side: 'bid' });
    const rejected = event({ side: 'bid', status: 'REJECTED' });
    expect(matchesFilter(place, { type: '', status: '' })).toBe(true);
    expect(matchesFilter(place, { type: 'ORDER_RESULT', status: '' })).toBe(false);
    expect(matchesFilter(rejected, { type: 'ORDER_RESULT', status: 'REJECTED' })).toBe(true);
    expect(matchesFilter(place, { type: '', status: NO_STATUS })).toBe(true);
    expect(matchesFilter(rejected, { type: '', status: NO_STATUS })).toBe(false);
  });

  it('filter choices: the known values plus any other the events carry, no-status last', () => {
    const c = filterChoices([event({ eventType: 'WEIRD', status: 'PENDING' })]);
    expect(c.types).toEqual(['ORDER_PLACE', 'ORDER_RESULT', 'ORDER_CANCEL', 'FILL', 'WEIRD']);
    expect(c.statuses).toEqual([
      'ACCEPTED',
      'REJECTED',
      'ERROR',
      'CANCELLED',
      'ALREADY_GONE',
      'PENDING',
      NO_STATUS,
    ]);
  });

  it('adds milliseconds to a formatted time', () => {
    expect(withMillis('2026-11-25 13:25:00 EST', '2026-11-25T18:25:00.028Z')).toBe(
      '2026-11-25 13:25:00.028 EST',
    );
    expect(withMillis('—', 'nope')).toBe('—');
  });
});

describe('fill totals', () => {
  const fill = (over: Partial<MarketFill>): MarketFill =>
    ({
      type: 'bid',
      size: 10,
      feeAppliedUsd: 0.01,
      realizedChange: -0.01,
      pnlRealizedStoredUsd: -0.01,
      ...over,
    }) as MarketFill;

  it('sums the API’s per-fill figures (hand-worked)', () => {
    const t = fillTotals([
      fill({}),
      fill({ type: 'ask', size: 4, feeAppliedUsd: 0.0042, realizedChange: 0.5558, pnlRealizedStoredUsd: 0 }),
      fill({ size: 3, feeAppliedUsd: 0.002, realizedChange: -0.002, pnlRealizedStoredUsd: null }),
    ]);
    expect(t.count).toBe(3);
    expect(t.bidContracts).toBe(13);
    expect(t.askContracts).toBe(4);
    expect(t.feesUsd).toBeCloseTo(0.0162, 12);
    expect(t.realizedUsd).toBeCloseTo(0.5438, 12);
    expect(t.botStoredUsd).toBeCloseTo(-0.01, 12);
    expect(fillTotals([])).toEqual({
      count: 0,
      bidContracts: 0,
      askContracts: 0,
      feesUsd: 0,
      realizedUsd: 0,
      botStoredUsd: 0,
    });
  });
});

describe('picker options', () => {
  const config = (marketId: string, enabled: boolean) =>
    ({ marketId, eventTicker: marketId.split('-')[0] ?? null, enabled }) as Parameters<
      typeof pickerOptions
    >[0][number];

  it('configs plus positions without a config; enabled first, then by ticker', () => {
    const opts = pickerOptions(
      [config('KXB-1', false), config('KXA-1', true)],
      [
        { marketId: 'KXB-1', eventTicker: 'KXB', enabled: false, hasConfig: true, netPosition: -8 },
        { marketId: 'MANUAL-1', eventTicker: null, enabled: false, hasConfig: false, netPosition: 5 },
      ],
    );
    expect(opts.map((o) => [o.marketId, o.enabled, o.hasConfig, o.net])).toEqual([
      ['KXA-1', true, true, null],
      ['KXB-1', false, true, -8],
      ['MANUAL-1', false, false, 5],
    ]);
  });

  it('search matches every word in ticker or event, any case', () => {
    const opts = pickerOptions([config('KXFED-26DEC-H0', true), config('KXGDP-26Q4-T2.5', true)], []);
    expect(searchOptions(opts, 'fed h0').map((o) => o.marketId)).toEqual(['KXFED-26DEC-H0']);
    expect(searchOptions(opts, '  ')).toHaveLength(2);
    expect(searchOptions(opts, 'zzz')).toEqual([]);
  });
});

describe('analytics rows', () => {
  it('latency text: one decimal below a second, whole ms above', () => {
    expect(formatLatencyMs(172.5)).toBe('172.5 ms');
    expect(formatLatencyMs(296.90000000000003)).toBe('296.9 ms');
    expect(formatLatencyMs(171)).toBe('171 ms');
    expect(formatLatencyMs(1561.6900000000087)).toBe('1,562 ms');
    expect(formatLatencyMs(null)).toBe('—');
    expect(
      latencyCells({ count: 158, mean: 219.905, p50: 172.5, p95: 296.9, p99: 1561.69, max: 2711 }),
    ).toEqual({
      count: '158',
      mean: '219.9 ms',
      p50: '172.5 ms',
      p95: '296.9 ms',
      p99: '1,562 ms',
      max: '2,711 ms',
    });
  });

  it('outcome rows: the five known statuses, then others, each split by kind', () => {
    const o: AnalyticsResponse['outcomes'] = {
      counts: { ACCEPTED: 153, REJECTED: 4, ERROR: 3, CANCELLED: 137, ALREADY_GONE: 11 },
      other: { PENDING: 1 },
      total: 309,
      byKind: {
        place: { ACCEPTED: 153, REJECTED: 4, ERROR: 1 },
        cancel: { CANCELLED: 137, ALREADY_GONE: 11, ERROR: 2 },
        unknown: { PENDING: 1 },
      },
      errorCodes: [],
    };
    expect(outcomeRows(o)).toEqual([
      { status: 'ACCEPTED', total: 153, place: 153, cancel: 0, unknown: 0 },
      { status: 'REJECTED', total: 4, place: 4, cancel: 0, unknown: 0 },
      { status: 'ERROR', total: 3, place: 1, cancel: 2, unknown: 0 },
      { status: 'CANCELLED', total: 137, place: 0, cancel: 137, unknown: 0 },
      { status: 'ALREADY_GONE', total: 11, place: 0, cancel: 11, unknown: 0 },
      { status: 'PENDING', total: 1, place: 0, cancel: 0, unknown: 1 },
    ]);
  });
});
