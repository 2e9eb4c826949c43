// The live stream (GET /api/v1/events) of one environment, opened once by the shell. Events patch
// the cached overview in place; `fill` events and overview events that move figures also schedule
// a refetch, because the stream does not carry the rows, the daily series or recent.fill.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EnvChoice } from '../router/view-params';
import { applyDecision, applyHeartbeat, applyOverviewEvent, overviewEventNeedsRefetch } from './live-patch';
import { queryKeys } from './queries';
import { noteServerTime } from './server-clock';
import type { DecisionEvent, HeartbeatEvent, OverviewEvent, OverviewResponse } from '@api/types';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * The server caches an overview for 3 s; refetching sooner could bring back figures older than
 * the ones just patched in, so the refetch waits for the cache to turn over.
 */
const REFETCH_DELAY_MS = 3_500;

function patchAll(
  client: QueryClient,
  env: EnvChoice | null,
  fn: (old: OverviewResponse) => OverviewResponse,
): void {
  client.setQueriesData<OverviewResponse>({ queryKey: queryKeys.overviewEnv(env) }, (old) =>
    old ? fn(old) : old,
  );
}

function parse<T>(e: Event): T | null {
  try {
    return JSON.parse((e as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

export function useLiveUpdates(env: EnvChoice | null): LiveStatus {
  const client = useQueryClient();
  // The status of this environment's stream: another environment's says nothing until ours opens.
  const [state, setState] = useState<{ env: EnvChoice | null; status: LiveStatus }>({
    env,
    status: 'connecting',
  });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const setStatus = (status: LiveStatus) => setState({ env, status });
    const source = new EventSource(env ? `/api/v1/events?env=${env}` : '/api/v1/events');
    let refetchTimer: ReturnType<typeof setTimeout> | null = null;
    const scheduleRefetch = () => {
      if (refetchTimer !== null) return;
      refetchTimer = setTimeout(() => {
        refetchTimer = null;
        void client.invalidateQueries({ queryKey: queryKeys.overviewEnv(env) });
      }, REFETCH_DELAY_MS);
    };
    source.onopen = () => setStatus('live');
    source.onerror = (e) => {
      // The server's own `event: error` (its poll failed) arrives here too, as a MessageEvent: the
      // stream is fine, the store is not — refetch, and the REST answer brings the banner.
      if (e instanceof MessageEvent) scheduleRefetch();
      // Otherwise the connection dropped; EventSource reconnects by itself (retry: 3000) and the
      // server replays the events missed since Last-Event-ID.
      else setStatus('reconnecting');
    };
    source.addEventListener('overview', (e) => {
      const ev = parse<OverviewEvent>(e);
      if (!ev) return;
      patchAll(client, env, (old) => applyOverviewEvent(old, ev));
      if (overviewEventNeedsRefetch(ev)) scheduleRefetch();
    });
    source.addEventListener('heartbeat', (e) => {
      const ev = parse<HeartbeatEvent>(e);
      if (!ev) return;
      noteServerTime(ev.now);
      setStatus('live');
      patchAll(client, env, (old) => applyHeartbeat(old, ev));
    });
    source.addEventListener('decision', (e) => {
      const d = parse<DecisionEvent>(e);
      if (d) patchAll(client, env, (old) => applyDecision(old, d));
    });
    source.addEventListener('fill', scheduleRefetch);
    return () => {
      source.close();
      if (refetchTimer !== null) clearTimeout(refetchTimer);
    };
  }, [client, env]);
  return state.env === env ? state.status : 'connecting';
}
