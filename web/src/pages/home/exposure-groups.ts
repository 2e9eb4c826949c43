// Grouping of the exposure bars under their events. Pure.
import type { ExposureByMarket } from '@api/types';

export interface Group {
  event: string | null;
  items: ExposureByMarket[];
}

/** Consecutive markets of one event form a group (the API already orders them by event). */
export function groupByEvent(items: readonly ExposureByMarket[]): Group[] {
  const groups: Group[] = [];
  for (const it of items) {
    const last = groups[groups.length - 1];
    if (last && last.event === it.eventTicker) last.items.push(it);
    else groups.push({ event: it.eventTicker, items: [it] });
  }
  return groups;
}

/** The market's name within its event (`KXFED-26DEC-H0` under `KXFED-26DEC` → `H0`). */
export function shortMarket(marketId: string, event: string | null): string {
  return event && marketId.startsWith(`${event}-`) ? marketId.slice(event.length + 1) : marketId;
}
