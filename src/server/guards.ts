// Checks a route makes before it reads: the market exists, the decision log's GSI is there. Each
// failure is the API's error (404, 503), so every route that needs one answers the same way.
import type { Env } from '../core/types.js';
import { DECISION_GSI } from '../store/tables.js';
import type { EnvRegistry } from './env-data.js';
import { ApiError, notFound } from './errors.js';

/** The warning of a decisions read without the GSI (bounded to the date partitions). */
export function missingGsiWarning(env: Env, complete: boolean) {
  return {
    code: 'missing_gsi',
    message: `dora_decision_log_${env} has no ${DECISION_GSI}: decisions come from a bounded read of the date partitions${complete ? '' : ' and are incomplete'}. Run the bot's add_decision_log_gsi.py.`,
  };
}

/** For lookups that have no bounded fallback without the GSI: a clear 503 instead of a table read. */
export async function requireDecisionGsi(envs: EnvRegistry, env: Env): Promise<void> {
  if (!(await envs.get(env).hasDecisionGsi())) {
    throw new ApiError(503, 'missing_gsi', missingGsiWarning(env, false).message);
  }
}

/** A market the environment knows (configs, positions, the trade log); anything else is a 404. */
export async function requireMarket(envs: EnvRegistry, env: Env, marketId: string): Promise<void> {
  if (!(await envs.get(env).knownMarket(marketId)))
    throw notFound(`unknown market ${marketId.slice(0, 100)} in ${env}`);
}
