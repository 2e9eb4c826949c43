// Reconciliation chains: decision → order events → fills, with the broken links found. Pure: the
// server hands in a market's decisions, execution events and fills for a range, and the live orders.
import type { Decision, ExecutionEvent, Fill, OpenOrder } from './types.js';

export type ChainProblem =
  /** A placement was attempted and did not end ACCEPTED (REJECTED, ERROR, or no result at all). */
  | 'placement_failed'
  /** The decision changed its targets but no order event followed it (in per-market mode). */
  | 'target_without_order'
  /** An ACCEPTED order never cancelled, never filled, and not live now. */
  | 'order_lost'
  /** A fill of an order no decision in the range placed (backfill, manual trade, or a lost id). */
  | 'fill_without_decision';

export interface ChainOrder {
  orderId: string | null;
  clientOrderId: string | null;
  side: string | null;
  priceYes: number | null;
  size: number | null;
  placedAtMs: number;
  status: string | null;
  latencyMs: number | null;
  cancelledAtMs: number | null;
  fills: Fill[];
  live: boolean;
}

export interface Chain {
  decision: Decision;
  orders: ChainOrder[];
  /** Cancels this decision's loop sent (they carry the loop's id, not the placing decision's). */
  cancels: ExecutionEvent[];
  problems: ChainProblem[];
}

export interface ChainReport {
  chains: Chain[];
  /** Fills no chain explains. */
  orphanFills: Fill[];
  counts: Record<ChainProblem, number> & { chains: number; broken: number };
  /** No order events at all although the range has decisions: the bot ran in batch mode. */
  noOrderEvents: boolean;
}

function targetsKey(d: Decision): string {
  return d.targetQuotes
    .map((q) => `${q.side}@${q.priceYes.toFixed(4)}x${q.size}`)
    .sort()
    .join(',');
}

/** decisions: any order; events and fills: of the same market and range. */
export function buildChains(
  decisions: readonly Decision[],
  events: readonly ExecutionEvent[],
  fills: readonly Fill[],
  liveOrders: readonly OpenOrder[],
): ChainReport {
  const byDecision = new Map<string, ExecutionEvent[]>();
  for (const e of events) {
    const list = byDecision.get(e.decisionId) ?? [];
    list.push(e);
    byDecision.set(e.decisionId, list);
  }
  const fillsByOrder = new Map<string, Fill[]>();
  for (const f of fills) {
    if (!f.orderId) continue;
    const list = fillsByOrder.get(f.orderId) ?? [];
    list.push(f);
    fillsByOrder.set(f.orderId, list);
  }
  const cancelled = new Map<string, number>();
  for (const e of events) {
    if (e.orderId && (e.eventType === 'ORDER_CANCEL' || (e.eventType === 'ORDER_RESULT' && !e.side))) {
      cancelled.set(e.orderId, Math.min(cancelled.get(e.orderId) ?? Infinity, e.timeMs));
    }
  }
  const live = new Set(liveOrders.map((o) => o.orderId));
  const noOrderEvents = events.length === 0 && decisions.length > 0;
  const sorted = [...decisions].sort((a, b) => a.timeMs - b.timeMs);
  const explained = new Set<string>();
  const chains: Chain[] = [];
  let prevTargets: string | null = null;
  for (const d of sorted) {
    const evs = (d.decisionId ? byDecision.get(d.decisionId) : undefined) ?? [];
    const places = evs.filter((e) => e.eventType === 'ORDER_PLACE');
    const results = evs.filter((e) => e.eventType === 'ORDER_RESULT' && e.side);
    const orders: ChainOrder[] = places.map((p) => {
      const r = results.find((x) => x.clientOrderId !== null && x.clientOrderId === p.clientOrderId) ?? null;
      const orderId = r?.orderId ?? null;
      const orderFills = orderId ? (fillsByOrder.get(orderId) ?? []) : [];
      for (const f of orderFills) explained.add(f.fillId ?? f.sortKey);
      return {
        orderId,
        clientOrderId: p.clientOrderId,
        side: p.side,
        priceYes: p.priceYes,
        size: p.size,
        placedAtMs: p.timeMs,
        status: r?.status ?? null,
        latencyMs: r?.latencyMs ?? null,
        cancelledAtMs: orderId ? (cancelled.get(orderId) ?? null) : null,
        fills: orderFills,
        live: orderId ? live.has(orderId) : false,
      };
    });
    const problems = new Set<ChainProblem>();
    for (const o of orders) {
      if (o.status !== 'ACCEPTED') problems.add('placement_failed');
      else if (o.cancelledAtMs === null && o.fills.length === 0 && !o.live) problems.add('order_lost');
    }
    const key = targetsKey(d);
    if (
      !noOrderEvents &&
      d.targetQuotes.length > 0 &&
      prevTargets !== null &&
      key !== prevTargets &&
      places.length === 0
    ) {
      problems.add('target_without_order');
    }
    prevTargets = key;
    chains.push({
      decision: d,
      orders,
      cancels: evs.filter((e) => e.eventType === 'ORDER_CANCEL'),
      problems: [...problems],
    });
  }
  const orphanFills = noOrderEvents ? [] : fills.filter((f) => !explained.has(f.fillId ?? f.sortKey));
  const counts = {
    placement_failed: 0,
    target_without_order: 0,
    order_lost: 0,
    fill_without_decision: orphanFills.length,
    chains: chains.length,
    broken: 0,
  };
  for (const c of chains) {
    for (const p of c.problems) counts[p]++;
    if (c.problems.length) counts.broken++;
  }
  return { chains: chains.reverse(), orphanFills, counts, noOrderEvents };
}
