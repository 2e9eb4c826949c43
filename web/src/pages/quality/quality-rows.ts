// The Quality page's rows and texts, from the API's quality blocks (arrangement and wording only;
// every figure is the API's). Pure, tested with hand-made bodies.
import { formatMoney, MINUS } from '@core/format';
import type { HorizonName } from '@core/markouts';
import type { QualityAttribution, QualityBlocks, QualityHorizon } from '@api/types';

/** One row of the all-markets table (or its "All markets" footer). */
export interface QualityRow {
  marketId: string;
  blocks: QualityBlocks;
  edgeCents: number | null;
  markout5m: number | null;
  markout1h: number | null;
  adverse5m: number | null;
  total: number | null;
  spreadCapture: number;
  inventory: number | null;
  fees: number;
  quotedPct: number | null;
  twoSidedPct: number | null;
  atTouchBidPct: number | null;
  atTouchAskPct: number | null;
  distanceBidCents: number | null;
  distanceAskCents: number | null;
  requotesPerHour: number | null;
  fillRate: number | null;
  contractsPerQuotedHour: number | null;
  cancelToFill: number | null;
}

export type QualityField = Exclude<keyof QualityRow, 'marketId' | 'blocks'>;

export function horizonOf(b: QualityBlocks, h: HorizonName): QualityHorizon | undefined {
  return b.markouts.horizons.find((p) => p.h === h);
}

export function qualityRow(marketId: string, b: QualityBlocks): QualityRow {
  return {
    marketId,
    blocks: b,
    edgeCents: b.markouts.edge.perContractCents,
    markout5m: horizonOf(b, '5m')?.perContractCents ?? null,
    markout1h: horizonOf(b, '1h')?.perContractCents ?? null,
    adverse5m: horizonOf(b, '5m')?.adverseCents ?? null,
    total: b.attribution.total,
    spreadCapture: b.attribution.spreadCapture,
    inventory: b.attribution.inventory,
    fees: b.attribution.fees,
    quotedPct: b.quotes.quotedPct,
    twoSidedPct: b.quotes.twoSidedPct,
    atTouchBidPct: b.quotes.atTouchBidPct,
    atTouchAskPct: b.quotes.atTouchAskPct,
    distanceBidCents: b.quotes.distanceBidCents,
    distanceAskCents: b.quotes.distanceAskCents,
    requotesPerHour: b.quotes.requotesPerHour,
    fillRate: b.fills.fillRate,
    contractsPerQuotedHour: b.fills.contractsPerQuotedHour,
    cancelToFill: b.fills.cancelToFill,
  };
}

const MARK_UNKNOWN = 'A mark (mid) is unknown while a position is held: never guessed';

/** Why a figure of the row is null (the cell's title beside the dash); '' when it is not null. */
export function nullReason(field: QualityField, row: QualityRow): string {
  if (row[field] !== null) return '';
  const b = row.blocks;
  const noFill = b.fills.fills === 0 ? 'No fill in the range' : null;
  switch (field) {
    case 'edgeCents':
      return noFill ?? 'No fill with a known mid (the decision in force at the fill was too old)';
    case 'markout5m':
    case 'markout1h':
    case 'adverse5m': {
      const h = field === 'markout1h' ? '1 h' : '5 m';
      if (noFill) return noFill;
      if (field === 'adverse5m' && b.markouts.edge.count === 0) return 'No fill with a known mid at the fill';
      return `No fill with a known mid ${h} later (too recent, or the bot was not deciding then)`;
    }
    case 'total':
    case 'inventory':
      return MARK_UNKNOWN;
    case 'quotedPct':
    case 'twoSidedPct':
      return 'No decision in the range';
    case 'atTouchBidPct':
    case 'distanceBidCents':
      if (b.quotes.decisions === 0) return 'No decision in the range';
      return field === 'atTouchBidPct'
        ? 'No decision with a bid target'
        : 'No bid target against a non-empty bid side of the book';
    case 'atTouchAskPct':
    case 'distanceAskCents':
      if (b.quotes.decisions === 0) return 'No decision in the range';
      return field === 'atTouchAskPct'
        ? 'No decision with an ask target'
        : 'No ask target against a non-empty ask side of the book';
    case 'requotesPerHour':
      return 'Empty range';
    case 'fillRate':
      return 'No accepted placement in per-market runs (batch runs log no placements)';
    case 'contractsPerQuotedHour':
      return 'Not quoted in the range (0 quoted hours)';
    case 'cancelToFill':
      return 'No fill in per-market runs (batch runs log no cancels)';
    default:
      return '';
  }
}

// --- The attribution identity --------------------------------------------------------------------

export interface IdentityText {
  /** `Total $X = spread capture $A + inventory $B − fees $C`. */
  text: string;
  /** Whether the four shown figures add up to the cent (false only when a figure is unknown). */
  holds: boolean;
}

const cents = (usd: number): number => Math.round(usd * 100);

/**
 * total = spreadCapture + inventory − fees, each to the cent (inventory is the API's, derived from
 * the three rounded figures, so the shown sum always holds when the total is known).
 */
export function attributionIdentity(a: QualityAttribution): IdentityText {
  const money = (v: number | null) => formatMoney(v, { plus: true });
  const text =
    `Total ${money(a.total)} = spread capture ${money(a.spreadCapture)} + inventory ` +
    `${money(a.inventory)} ${MINUS} fees ${formatMoney(a.fees)}`;
  const holds =
    a.total !== null &&
    a.inventory !== null &&
    cents(a.total) === cents(a.spreadCapture) + cents(a.inventory) - cents(a.fees);
  return { text, holds };
}

// --- Markets on the markout chart (URL `curve=A,B`) ----------------------------------------------

export const MAX_CURVE_MARKETS = 8;
const DEFAULT_CURVE_MARKETS = 4;

/**
 * The markets drawn beside "All": the URL's (those the body has), else the most-filled few.
 * `curve=none` draws All alone.
 */
export function curveMarkets(
  search: string,
  markets: readonly { marketId: string; fills: { contracts: number } }[],
): string[] {
  const raw = new URLSearchParams(search).get('curve');
  const known = new Set(markets.map((m) => m.marketId));
  if (raw === 'none') return [];
  if (raw !== null) {
    const out: string[] = [];
    for (const id of raw.split(',').map((s) => s.trim()))
      if (known.has(id) && !out.includes(id)) out.push(id);
    return out.slice(0, MAX_CURVE_MARKETS);
  }
  return markets
    .filter((m) => m.fills.contracts > 0)
    .slice()
    .sort((a, b) => b.fills.contracts - a.fills.contracts || a.marketId.localeCompare(b.marketId))
    .slice(0, DEFAULT_CURVE_MARKETS)
    .map((m) => m.marketId);
}

/** The URL value of a chosen set: `none` for All alone. */
export const curveParam = (ids: readonly string[]): string => (ids.length ? ids.join(',') : 'none');

/** Toggles one market on the chart (at most MAX_CURVE_MARKETS). */
export function toggleCurve(current: readonly string[], id: string): string[] {
  if (current.includes(id)) return current.filter((x) => x !== id);
  return current.length >= MAX_CURVE_MARKETS ? [...current] : [...current, id];
}
