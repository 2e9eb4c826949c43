// Live updates. One poller per environment, shared by every viewer, runs only while somebody
// listens: every few seconds it reads what can have changed (newest decision per market through the
// GSI, the state items, the newest trade partitions — all through EnvData's single-flight caches),
// recomputes the overview with core, and pushes what changed as Server-Sent Events. Events carry
// increasing ids and a ring buffer replays missed ones to a client reconnecting with Last-Event-ID.
import { buildOverview, fillsWithRealized } from '../core/index.js';
import type { Env } from '../core/types.js';
import type { MarketDataView } from '../core/market-info.js';
import type { DecisionEvent, LiveErrorEvent, FillEvent } from '../api/types.js';
import type { AppContext } from './context.js';
import type { EnvRegistry } from './env-data.js';
import { decisionJson, fillJson } from './json.js';
import type { FastifyBaseLogger } from 'fastify';
import { failureName, storeUnavailable } from './errors.js';

export interface LiveEvent {
  id: number;
  type: 'overview' | 'decision' | 'fill' | 'heartbeat' | 'error';
  data: unknown;
}

type Listener = (e: LiveEvent) => void;

const RING_SIZE = 1000;

class EnvPoller {
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly ring: LiveEvent[] = [];
  private seq = 0;
  private lastDecisionIds = new Map<string, string>();
  private seenFills = new Set<string>();
  private lastFigures: Record<string, string> = {};
  private primed = false;
  private running = false;
  /** The inputs of the last round: unchanged inputs ⇒ nothing to recompute or send. */
  private lastInputs: unknown[] = [];

  constructor(
    private readonly env: Env,
    private readonly ctx: AppContext,
    private readonly envs: EnvRegistry,
    private readonly intervalMs: number,
    private readonly log?: FastifyBaseLogger,
  ) {}

  subscribe(listener: Listener, lastEventId: number | null): () => void {
    if (lastEventId !== null) {
      for (const e of this.ring) if (e.id > lastEventId) listener(e);
    } else {
      // A newcomer learns at once that we are here and how the bot is, without waiting for the next
      // heartbeat (rounds where nothing changed send one only every few seconds) — but only from a
      // fresh one: a heartbeat saved before the poller went idle carries an old "now", which the
      // page would take for the server's clock. The round started below sends a fresh one.
      const last = this.ring.findLast((e) => e.type === 'heartbeat');
      if (last && this.timer && this.ctx.nowMs() - this.lastHeartbeatMs < 5_000) listener(last);
      else this.lastHeartbeatMs = -Infinity; // the next round sends one, changed or not
    }
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      void this.poll();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  stop(): void {
    this.listeners.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  get isPolling(): boolean {
    return this.timer !== null;
  }

  private lastBot: unknown = null;
  private lastHeartbeatMs = 0;

  private emitHeartbeat(nowMs: number): void {
    this.lastHeartbeatMs = nowMs;
    this.emit('heartbeat', { env: this.env, now: new Date(nowMs).toISOString(), bot: this.lastBot });
  }

  /** A heartbeat at most every few seconds even when nothing changed, so clients know we are here. */
  private heartbeatIfDue(nowMs: number): void {
    if (nowMs - this.lastHeartbeatMs >= 3_000) this.emitHeartbeat(nowMs);
  }

  private emit(type: LiveEvent['type'], data: unknown): void {
    const e: LiveEvent = { id: ++this.seq, type, data };
    this.ring.push(e);
    if (this.ring.length > RING_SIZE) this.ring.shift();
    for (const l of this.listeners) l(e);
  }

  /** One round: read what can have changed, emit the differences. Never overlaps itself. */
  async poll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Fills are checked every round (a cheap query of the newest trade partitions); decisions and
      // state follow their own few-second TTL.
      this.envs.get(this.env).expireFills();
      const { input } = await this.envs.get(this.env).metricsInput(this.ctx, 'UTC', 30);
      const inputs = [
        input.fills,
        input.latestDecisions,
        input.positions,
        input.openOrders,
        input.risk,
        input.configs,
        // The market data's view is a new object each call: compare what it says, not its identity.
        lifecycleKey(input.marketData),
      ];
      if (this.primed && inputs.every((x, i) => x === this.lastInputs[i])) {
        this.heartbeatIfDue(input.nowMs);
        return;
      }
      this.lastInputs = inputs;
      const overview = buildOverview(input);
      const firstRound = !this.primed;
      for (const [marketId, d] of input.latestDecisions) {
        const id = d.decisionId ?? d.timestampRaw;
        if (this.lastDecisionIds.get(marketId) !== id) {
          this.lastDecisionIds.set(marketId, id);
          if (!firstRound)
            this.emit('decision', { env: this.env, ...decisionJson(d) } satisfies DecisionEvent);
        }
      }
      const newFills = input.fills.filter((f) => !this.seenFills.has(f.fillId ?? f.sortKey));
      for (const f of newFills) this.seenFills.add(f.fillId ?? f.sortKey);
      if (!firstRound && newFills.length) {
        // The realized change needs the market's whole history: replay, then pick the new ones.
        const ids = new Set(newFills.map((f) => f.fillId ?? f.sortKey));
        for (const f of fillsWithRealized(input.fills)) {
          if (ids.has(f.fillId ?? f.sortKey))
            this.emit('fill', {
              env: this.env,
              ...fillJson(f),
              realizedChange: f.realizedChange,
            } satisfies FillEvent);
        }
      }
      // Changed headline figures only, so a client patches what it shows.
      const figures: Record<string, unknown> = {
        pnl: { ...overview.pnl, daily: undefined },
        exposure: { ...overview.exposure, byMarket: undefined },
        orders: overview.orders,
        risk: overview.risk,
        totals: overview.totals,
        lifecycle: overview.lifecycle,
      };
      const changed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(figures)) {
        // Ages grow every second by themselves; only a change of the figures is news.
        const text = JSON.stringify(v, (key, value: unknown) => (key.endsWith('AgeMs') ? undefined : value));
        if (this.lastFigures[k] !== text) {
          this.lastFigures[k] = text;
          changed[k] = v;
        }
      }
      if (Object.keys(changed).length) this.emit('overview', { env: this.env, ...changed });
      this.lastBot = overview.bot;
      this.emitHeartbeat(input.nowMs);
      this.primed = true;
    } catch (err) {
      const e = storeUnavailable(err);
      this.log?.warn({ err }, `live updates (${this.env}): ${e.message}`);
      this.emit('error', {
        env: this.env,
        code: e.code,
        name: failureName(err),
        message: e.message,
      } satisfies LiveErrorEvent);
    } finally {
      this.running = false;
    }
  }
}

/** What a market-data view says, as a value: a new fetch or a new reason changes it. */
function lifecycleKey(view: MarketDataView | null | undefined): string {
  if (!view) return 'none';
  return [view.fetchedAt, view.unavailable, view.markets.size, view.settlements?.size ?? -1].join('|');
}

export class LiveHub {
  private readonly pollers = new Map<Env, EnvPoller>();
  constructor(
    private readonly ctx: AppContext,
    private readonly envs: EnvRegistry,
    private readonly intervalMs = 1_000,
    private readonly log?: FastifyBaseLogger,
  ) {}

  poller(env: Env): EnvPoller {
    let p = this.pollers.get(env);
    if (!p) {
      p = new EnvPoller(env, this.ctx, this.envs, this.intervalMs, this.log);
      this.pollers.set(env, p);
    }
    return p;
  }

  /** Connected SSE clients across environments (a /metrics gauge). */
  listenerCount(): number {
    return [...this.pollers.values()].reduce((n, p) => n + p.listenerCount, 0);
  }

  /** Stops every poller (server shutdown). */
  stopAll(): void {
    for (const p of this.pollers.values()) p.stop();
  }

  /** Number of pollers currently running (0 when nobody listens). */
  activePollers(): number {
    return [...this.pollers.values()].filter((p) => p.isPolling).length;
  }
}
