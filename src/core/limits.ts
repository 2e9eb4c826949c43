// Limit use as fractions (1 = at the limit). A limit of 0 or less makes the fraction meaningless,
// so it is null rather than Infinity/NaN (JSON has neither).

function ratio(numerator: number, limit: number): number | null {
  return limit > 0 ? numerator / limit : null;
}

/** |net| / config max_inventory_yes (the bot's limit for both directions, contract §6.11). */
export function limitUse(net: number, maxInventoryYes: number | null): number | null {
  return maxInventoryYes === null ? null : ratio(Math.abs(net), maxInventoryYes);
}

/** exposureTotal / global_config.max_total_exposure. */
export function totalLimitUse(exposureTotal: number, maxTotalExposure: number): number | null {
  return ratio(exposureTotal, maxTotalExposure);
}

/**
 * max(0, −risk_state.daily_pnl) / global_config.max_daily_loss (metrics.md: 0 % while the bot's
 * figure is a gain, never negative). daily_pnl is never reset by the bot, so
 * this measures the cumulative loss since the state item was created, which is what its halt
 * check compares (a value ≥ 1 makes every restart halt).
 */
export function lossLimitUse(dailyPnlUsd: number | null, maxDailyLossUsd: number): number | null {
  return dailyPnlUsd === null ? null : ratio(Math.max(0, -dailyPnlUsd), maxDailyLossUsd);
}

/** Dollars the bot can still lose before it halts itself: max_daily_loss + daily_pnl (metrics.md). */
export function lossHeadroom(dailyPnlUsd: number | null, maxDailyLossUsd: number): number | null {
  return dailyPnlUsd === null ? null : maxDailyLossUsd + dailyPnlUsd;
}
