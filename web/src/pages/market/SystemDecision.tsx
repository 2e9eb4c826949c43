// A system ("ALL") decision: the record the bot writes when it cancels every open order at
// startup, on a risk halt or in fatal-error cleanup (contract §2.4, §6.18). It has no book,
// inventory, pricing or targets: what it has is its reason and that reason's figures.
import { parseDecisionId, systemReasonText } from '@core/decision-id';
import { formatContracts, formatMoney, NONE } from '@core/format';
import type { Fact } from './Facts';
import type { DecisionJson } from '@api/types';

/** An "ALL" record (by market id, or by an id of the system form when the market is unknown). */
export function isSystemDecision(d: Pick<DecisionJson, 'marketId' | 'decisionId'>): boolean {
  if (d.marketId === 'ALL') return true;
  return !!d.decisionId && parseDecisionId(d.decisionId)?.kind === 'system';
}

const WHAT: Record<string, string> = {
  startup_cancel: 'At startup the bot cancelled every order it found resting on the exchange.',
  risk_halt_cancel: 'The bot halted on a risk check, cancelled every open order and saved its state.',
  fatal_error_cleanup_cancel: 'After a fatal error the bot cancelled every open order before exiting.',
};

/** The stored `reason`, else the one the id names. */
export function systemReasonOf(d: Pick<DecisionJson, 'reason' | 'decisionId'>): string | null {
  if (d.reason) return d.reason;
  const p = d.decisionId ? parseDecisionId(d.decisionId) : null;
  return p?.kind === 'system' ? p.reason : null;
}

/** The reason's facts: open orders found (startup), halt reason and daily_pnl (risk halt). */
export function systemDecisionFacts(d: DecisionJson): Fact[] {
  const reason = systemReasonOf(d);
  const items: Fact[] = [
    ['Reason', <strong data-testid="system-reason">{reason ? systemReasonText(reason) : NONE}</strong>],
  ];
  if (reason === 'startup_cancel' || d.openOrdersCount !== null)
    items.push([
      'Open orders found',
      formatContracts(d.openOrdersCount),
      'open_orders_count: orders resting on the exchange at startup (the record is written only when there were some)',
    ]);
  if (reason === 'risk_halt_cancel' || d.haltReason !== null || d.dailyPnl !== null)
    items.push(
      ['Halt reason', d.haltReason ?? NONE],
      [
        'daily_pnl at the halt',
        formatMoney(d.dailyPnl, { plus: true }),
        'risk_state.daily_pnl: a never-reset running total of live fills, not today’s P&L',
      ],
    );
  return items;
}

export function SystemDecisionNote({ d, cancelsBelow = false }: { d: DecisionJson; cancelsBelow?: boolean }) {
  const reason = systemReasonOf(d) ?? '';
  return (
    <p className="note" data-testid="system-decision-note">
      A system record (market “ALL”) for every market of run{' '}
      <span className="mono small">{d.botRunId ?? NONE}</span>:{' '}
      {WHAT[reason] ?? 'The bot cancelled every open order.'} It has no book, inventory, pricing or targets
      {cancelsBelow ? '; the cancels it sent are listed below' : ''}.
    </p>
  );
}
