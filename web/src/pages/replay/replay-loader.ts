// Loads a window of the market's decisions through the cursor API (newest first, 1,000 a page) up to
// a cap, and the window's fills with their realized change. Cap: 5,000 decisions — about 7 hours of
// one market at the bot's 5 s loop; past it the newest 5,000 are kept and the page says so.
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client';
import { envKey } from '../../api/overview-query';
import type { DecisionJson, DecisionsPage, FillsResponse, ReplayFill, Warning } from '@api/types';
import type { EnvChoice } from '../../router/view-params';

export const DECISION_CAP = 5_000;
const PAGE = 1_000;

export interface LoadedDecisions {
  items: DecisionJson[];
  truncated: boolean;
  pages: number;
  warnings: Warning[];
}

export async function loadDecisions(
  fetchPage: (cursor: string | null) => Promise<DecisionsPage>,
  cap = DECISION_CAP,
): Promise<LoadedDecisions> {
  const items: DecisionJson[] = [];
  const warnings: Warning[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await fetchPage(cursor);
    pages++;
    items.push(...page.items);
    warnings.push(...(page.warnings ?? []));
    cursor = page.nextCursor;
  } while (cursor && items.length < cap);
  return { items: items.slice(0, cap), truncated: cursor !== null || items.length > cap, pages, warnings };
}

export function useReplayData(env: EnvChoice | null, marketId: string | null, from: string, to: string) {
  const e = env ?? undefined;
  const path = marketId ? `/api/v1/markets/${encodeURIComponent(marketId)}` : '';
  const decisions = useQuery({
    queryKey: ['replay-decisions', envKey(env), marketId, from, to],
    queryFn: () =>
      loadDecisions((cursor) =>
        getJson<DecisionsPage>(`${path}/decisions`, {
          env: e,
          from,
          to,
          limit: PAGE,
          cursor: cursor ?? undefined,
        }),
      ),
    enabled: marketId !== null,
    // A past window does not change; a window ending now is reloaded with the Refresh button.
    staleTime: Infinity,
    refetchInterval: false,
  });
  const fills = useQuery({
    queryKey: ['replay-fills', envKey(env), marketId, from, to],
    queryFn: () => getJson<FillsResponse>(`${path}/fills`, { env: e, from, to, context: 'false' }),
    enabled: marketId !== null,
    staleTime: Infinity,
    refetchInterval: false,
  });
  return { decisions, fills };
}

export type { ReplayFill };
