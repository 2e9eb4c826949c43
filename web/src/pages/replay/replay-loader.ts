// Loads a window of the market's decisions through the cursor API (newest first, 1,000 a page) up to
// a cap, and the window's fills with their realized change. Cap: 5,000 decisions — about 7 hours of
// one market at the bot's 5 s loop; past it the newest 5,000 are kept and the page says so. The
// queries themselves are api/queries.ts's (replayDecisionsOptions, replayFillsOptions).
import { useQuery } from '@tanstack/react-query';
import { replayDecisionsOptions, replayFillsOptions } from '../../api/queries';
import type { ReplayFill } from '@api/types';
import type { EnvChoice } from '../../router/view-params';

export { DECISION_CAP, loadDecisions, type LoadedDecisions } from '../../api/queries';

export function useReplayData(env: EnvChoice | null, marketId: string | null, from: string, to: string) {
  const decisions = useQuery(replayDecisionsOptions(env, marketId, from, to));
  const fills = useQuery(replayFillsOptions(env, marketId, from, to));
  return { decisions, fills };
}

export type { ReplayFill };
