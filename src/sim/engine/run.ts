// Bot process lifecycle: startup ("ALL" startup_cancel record and cancels only when orders rest,
// backfill of fills missed while down, positions rebuilt, state saved) and the ways a run ends
// (graceful restart with a shutdown save, risk halt, fatal error).
import { MANUAL_TICKER, isEnabledAt } from '../markets.js';
import { compactStamp, MS_US } from '../format.js';
import { systemDecisionId, systemDecisionItem, type SystemReason } from '../items/decision.js';
import { tradeItem, type SimFill } from '../items/trade.js';
import { makerFeeUsd } from '../fees.js';
import type { ExecMode, Item, RunEnd, RunRecord } from '../types.js';
import type { BotCtx } from './context.js';
import { advanceMarket, processFill, type OurFill } from './fills.js';
import { cancelAll, openOrderCount } from './orders.js';
import { openOrderViews, saveState } from './save.js';

export interface StartRunOptions {
  botVersion: string;
  loopMs: number;
  /** global_config use_batch_execution for this process (default per-market). */
  mode?: ExecMode;
}

/**
 * Starts a bot process at `startUs`; returns the time its first loop begins. Like the bot: load
 * state, ask the exchange for open orders and — only if there are any — write the "ALL"
 * startup_cancel record and cancel them (per-market mode logs each cancel; batch mode's batch
 * cancel logs nothing), then rebuild positions from every fill (backfilling missed ones) and save.
 */
export function startRun(ctx: BotCtx, startUs: number, opts: StartRunOptions): number {
  const { state, rng } = ctx;
  const era = ctx.eras.at(startUs);
  const mode: ExecMode = opts.mode ?? 'per_market';
  const runId = `${compactStamp(startUs)}-${rng.hex(6)}`;
  // Loading state and the full fill-id Scan take a moment.
  let us = startUs + rng.int(1500, 4000) * MS_US;
  state.run = {
    runId,
    botVersion: opts.botVersion,
    mode,
    startUs,
    firstLoopUs: us,
    loopPeriodUs: 1,
    lastLoop: -1,
  };
  state.apiErrors = {};
  const record: RunRecord = {
    runId,
    startUs,
    endUs: null,
    end: null,
    mode,
    startupRecord: false,
    startupOrders: 0,
  };
  ctx.runLog.push(record);
  // Our orders kept working while the bot was down: advance their markets to now.
  const missed: OurFill[] = [];
  if (era.startupBackfill) {
    for (const m of state.markets) {
      if (m.dyn.bid || m.dyn.ask) missed.push(...advanceMarket(ctx, m, startUs));
    }
  } else {
    // Before startup backfill existed the simulation never lets orders rest across a restart.
    dropOrders(ctx);
  }
  const resting = openOrderCount(ctx, true);
  if (era.systemRecords && resting > 0) {
    const id = systemDecisionId(runId, 'startup_cancel', compactStamp(us));
    ctx.sink.put(
      'dora_decision_log',
      systemDecisionItem({
        us,
        runId,
        botVersion: opts.botVersion,
        decisionId: id,
        reason: 'startup_cancel',
        extra: { open_orders_count: resting },
      }),
    );
    record.startupRecord = true;
    record.startupOrders = resting;
    us = cancelAll(ctx, id, us + rng.int(5, 30) * MS_US, { log: mode === 'per_market', ghosts: true });
  } else {
    dropOrders(ctx);
  }
  // Positions are rebuilt from every account fill: markets only touched (zero entries) drop out
  // until the bot touches them again.
  for (const [ticker, p] of Object.entries(state.positions)) {
    if (p.netYesQty === 0 && p.avgBuyPrice === 0 && p.avgSellPrice === 0 && p.realizedPnlUsd === 0)
      delete state.positions[ticker];
  }
  if (era.startupBackfill) us = backfill(ctx, startUs, us, missed);
  saveState(ctx, us + rng.int(5, 40) * MS_US);
  const enabled = state.markets.filter((m) => isEnabledAt(m.spec, us)).length;
  const [lo, hi] = state.marketStepUs;
  // The loop sleeps max(0, interval − elapsed): with many markets the work sets the period.
  const periodUs = Math.max(opts.loopMs * MS_US, Math.round(enabled * (lo + hi) * 0.55 + 150 * MS_US));
  state.run.firstLoopUs = us + rng.int(300, 1200) * MS_US;
  state.run.loopPeriodUs = periodUs;
  state.clockUs = Math.max(state.clockUs, us);
  return state.run.firstLoopUs;
}

function dropOrders(ctx: BotCtx): void {
  for (const m of ctx.state.markets) {
    m.dyn.bid = m.dyn.ask = null;
    m.dyn.ghosts = [];
  }
}

/** Fills that happened while the bot was down, written with pnl 0 and reconciled_at_startup. */
function backfill(ctx: BotCtx, startUs: number, fromUs: number, missed: OurFill[]): number {
  const { rng } = ctx;
  if (ctx.inject?.manualFillsPending) {
    ctx.inject.manualFillsPending = false;
    missed.push(...manualFills(ctx, startUs));
  }
  missed.sort((a, b) => a.fill.fillUs - b.fill.fillUs);
  let us = fromUs;
  for (const f of missed) {
    us += rng.int(2_000, 25_000);
    processFill(ctx, rng, f, 'backfill', us);
  }
  const inject = ctx.inject;
  if (
    inject?.relogPending &&
    ctx.eras.at(us).tradeKey === 'fill_time' &&
    inject.oldKeyFills.length > 0 &&
    inject.newKeyFills.length > 0
  ) {
    inject.relogPending = false;
    us = relog(ctx, us);
  }
  return us;
}

/** Someone traded by hand in a market the bot never had configured. */
function manualFills(ctx: BotCtx, startUs: number): OurFill[] {
  const { rng } = ctx;
  const mk = (side: 'yes' | 'no', cents: number, size: number, agoMin: number): OurFill => ({
    order: null,
    fill: {
      marketId: MANUAL_TICKER,
      side,
      priceYes: cents / 100,
      size,
      orderId: rng.uuid(),
      fillId: rng.uuid(),
      // Kalshi fill times have ms precision.
      fillUs: (Math.floor(startUs / MS_US) - agoMin * 60_000 - rng.int(0, 59_999)) * MS_US,
    },
  });
  return [mk('yes', 42, 10, 50), mk('no', 47, 4, 20)];
}

/**
 * The failed fill-id Scan of §5.8: fills already in the table are written again as backfills.
 * Old-format items gain a duplicate under a new key (same fill_id); a new-format item is
 * overwritten in place (its pnl_realized becomes 0). Positions are unaffected: the bot dedupes
 * Kalshi fills in memory, and replays dedupe by fill_id.
 */
function relog(ctx: BotCtx, fromUs: number): number {
  const inject = ctx.inject;
  if (!inject) return fromUs;
  const era = ctx.eras.at(fromUs);
  const again: SimFill[] = [...inject.oldKeyFills.slice(-3), ...inject.newKeyFills.slice(-1)];
  let us = fromUs;
  for (const fill of again) {
    us += ctx.rng.int(2, 25) * MS_US;
    ctx.sink.put(
      'dora_trade_log',
      tradeItem({
        fill,
        logUs: us,
        era,
        pnlRealizedUsd: 0,
        feesUsd: makerFeeUsd(fill.priceYes, fill.size),
        reconciledAtStartup: true,
        datesFixed: inject.datesFixed,
      }),
    );
  }
  return us;
}

export type { RunEnd } from '../types.js';

/**
 * Ends the current run at `endUs`. A graceful restart saves state (its open_orders may still list
 * orders cancelled in the last loop) and leaves orders resting on the exchange; a risk halt or a
 * fatal error writes its "ALL" record, cancels everything (logged in both modes) and saves the
 * local orders it had — the bot does not clear them.
 */
export function endRun(ctx: BotCtx, endUs: number, kind: RunEnd): void {
  const { state } = ctx;
  const run = state.run;
  if (!run) return;
  const record = ctx.runLog.find((r) => r.runId === run.runId);
  if (record) {
    record.endUs = endUs;
    record.end = kind;
  }
  const era = ctx.eras.at(endUs);
  if (kind === 'restart') {
    saveState(ctx, endUs);
    if (!era.startupBackfill) dropOrders(ctx);
    state.clockUs = Math.max(state.clockUs, endUs);
    return;
  }
  const reason: SystemReason = kind === 'risk_halt' ? 'risk_halt_cancel' : 'fatal_error_cleanup_cancel';
  if (!era.systemRecords) {
    dropOrders(ctx);
    return;
  }
  const id = systemDecisionId(run.runId, reason, compactStamp(endUs));
  const extra: Item =
    kind === 'risk_halt'
      ? { halt_reason: 'Manual halt: reviewing overnight fills', daily_pnl: state.risk.dailyPnlUsd }
      : {};
  ctx.sink.put(
    'dora_decision_log',
    systemDecisionItem({
      us: endUs,
      runId: run.runId,
      botVersion: run.botVersion,
      decisionId: id,
      reason,
      extra,
    }),
  );
  const held = openOrderViews(ctx);
  // cancel_all_orders asks the exchange, so orders only in local state (ghosts) are not sent.
  const doneUs = cancelAll(ctx, id, endUs + ctx.rng.int(5, 30) * MS_US, { log: true, ghosts: false });
  saveState(ctx, doneUs + ctx.rng.int(5, 40) * MS_US, held);
  state.clockUs = Math.max(state.clockUs, doneUs);
}
