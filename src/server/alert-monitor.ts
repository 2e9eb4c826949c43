// Evaluates the alert rules in the background (whether or not anyone has the page open), keeps each
// alert's first-seen and last-seen times, and posts new ones to a Slack-compatible webhook — once per
// alert while it lasts (de-duplication), and not again within a cool-down if it flaps. AlertRegistry
// holds one monitor per environment for the app.
import { buildOverview, buildStale } from '../core/index.js';
import {
  DEFAULT_ALERT_THRESHOLDS,
  evaluateAlerts,
  type Alert,
  type AlertThresholds,
} from '../core/alerts.js';
import type { Env } from '../core/types.js';
import type { TrackedAlert } from '../api/types.js';
import { untallied } from '../store/stats.js';
import type { EnvRegistry } from './env-data.js';
import { failureName } from './errors.js';

/** An alert as tracked: first and last seen, resolved, notified (the /alerts body's items). */
export type { TrackedAlert };

export interface WebhookConfig {
  url: string;
  cooldownMs: number;
}

export interface AlertOptions {
  thresholds?: Partial<AlertThresholds>;
  webhook?: WebhookConfig | null;
  intervalMs?: number;
  log?: (msg: string) => void;
  /** Without a webhook: how soon a cleared alert that returns is the same alert (default 30 min). */
  cooldownMs?: number;
}

/**
 * What the monitors read of the app's context; AppContext has all of it. Named here, not imported:
 * context.ts takes AlertOptions from this module, and importing AppContext back would be a circle.
 */
export interface AlertContext {
  region: string;
  nowMs: () => number;
  alerts?: AlertOptions & { background?: boolean };
}

/** The --alert-cooldown default: a cleared alert back within 30 min is the same alert. */
const DEFAULT_FLAP_COOLDOWN_MS = 30 * 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Text for Slack's mrkdwn: `&`, `<` and `>` escaped as Slack specifies, so a value from the bot's
 * tables (a halt reason, an error message, a ticker) cannot write `<!channel>`, a `<url|label>`
 * link or a user mention into the channel — it shows as the characters it is.
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export class AlertMonitor {
  private readonly active = new Map<string, TrackedAlert>();
  private readonly resolved: TrackedAlert[] = [];
  private readonly lastNotifiedMs = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  lastEvaluatedAt: string | null = null;
  lastError: string | null = null;
  readonly thresholds: AlertThresholds;

  constructor(
    private readonly env: Env,
    private readonly ctx: AlertContext,
    private readonly envs: EnvRegistry,
    private readonly opts: AlertOptions = {},
  ) {
    this.thresholds = { ...DEFAULT_ALERT_THRESHOLDS, ...opts.thresholds };
  }

  start(): void {
    if (this.timer) return;
    // A timer keeps the async context it was made in: made in a request, every background round
    // would count into that request's DynamoDB tally. The first round, below, is the starter's.
    this.timer = untallied(() => setInterval(() => void this.evaluate(), this.opts.intervalMs ?? 15_000));
    void this.evaluate();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round; concurrent callers share it. Store failures are recorded, never thrown. */
  evaluate(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    try {
      const { input } = await this.envs.get(this.env).metricsInput(this.ctx, 'UTC', 1);
      const state = await this.envs.get(this.env).state();
      const alerts = evaluateAlerts(
        buildOverview(input),
        buildStale(input, this.thresholds.staleHours),
        state.apiErrors,
        this.thresholds,
      );
      await this.update(alerts, this.ctx.nowMs());
      this.lastError = null;
    } catch (err) {
      // Shown to every viewer of /alerts: the error's name only; the full text goes to the log.
      this.lastError = failureName(err);
      this.opts.log?.(`alert evaluation (${this.env}) failed: ${String((err as Error)?.message ?? err)}`);
    }
    this.lastEvaluatedAt = iso(this.ctx.nowMs());
  }

  private async update(alerts: Alert[], nowMs: number): Promise<void> {
    const seen = new Set<string>();
    const fresh: TrackedAlert[] = [];
    for (const a of alerts) {
      seen.add(a.key);
      const prev = this.active.get(a.key) ?? this.revive(a.key, nowMs);
      const tracked: TrackedAlert = prev
        ? { ...prev, ...a, lastSeenAt: iso(nowMs) }
        : {
            ...a,
            env: this.env,
            firstSeenAt: iso(nowMs),
            lastSeenAt: iso(nowMs),
            resolvedAt: null,
            notifiedAt: null,
          };
      this.active.set(a.key, tracked);
      if (!tracked.notifiedAt) fresh.push(tracked);
    }
    for (const [key, a] of this.active) {
      if (seen.has(key)) continue;
      this.active.delete(key);
      this.resolved.unshift({ ...a, resolvedAt: iso(nowMs) });
    }
    this.resolved.splice(200);
    await this.notify(fresh, nowMs);
  }

  /**
   * An alert that cleared and came back within the cool-down is the same alert: it leaves the
   * resolved list and carries on with its first-seen time (and notification), so the list does
   * not flap between active and resolved.
   */
  private revive(key: string, nowMs: number): TrackedAlert | undefined {
    const cooldownMs = this.opts.webhook?.cooldownMs ?? this.opts.cooldownMs ?? DEFAULT_FLAP_COOLDOWN_MS;
    const i = this.resolved.findIndex(
      (r) => r.key === key && r.resolvedAt !== null && nowMs - Date.parse(r.resolvedAt) < cooldownMs,
    );
    if (i < 0) return undefined;
    const [back] = this.resolved.splice(i, 1);
    return back ? { ...back, resolvedAt: null } : undefined;
  }

  private async notify(alerts: TrackedAlert[], nowMs: number): Promise<void> {
    const hook = this.opts.webhook;
    if (!hook || alerts.length === 0) return;
    const due = alerts.filter(
      (a) => nowMs - (this.lastNotifiedMs.get(a.key) ?? -Infinity) >= hook.cooldownMs,
    );
    // Within the cool-down an alert counts as told: it flapped, and the channel heard it recently.
    for (const a of alerts) if (!due.includes(a)) a.notifiedAt = a.notifiedAt ?? 'cool-down';
    if (due.length === 0) return;
    const lines = due.map(
      (a) =>
        `${a.severity === 'critical' ? ':red_circle:' : ':warning:'} *${slackEscape(a.rule)}* ${slackEscape(a.message)}`,
    );
    const text = `Dora ${slackEscape(this.env)}: ${due.length} new alert${due.length > 1 ? 's' : ''}\n${lines.join('\n')}`;
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      for (const a of due) {
        a.notifiedAt = iso(nowMs);
        this.lastNotifiedMs.set(a.key, nowMs);
      }
    } catch (err) {
      // Left un-notified: the next round tries again.
      this.opts.log?.(`alert webhook failed: ${(err as Error).message}`);
    }
  }

  snapshot(): { active: TrackedAlert[]; resolved: TrackedAlert[] } {
    const order = (a: TrackedAlert, b: TrackedAlert) =>
      (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1) ||
      a.firstSeenAt.localeCompare(b.firstSeenAt);
    return { active: [...this.active.values()].sort(order), resolved: [...this.resolved] };
  }
}

/** One monitor per environment, made when the environment is first asked about. */
export class AlertRegistry {
  private readonly monitors = new Map<Env, AlertMonitor>();
  constructor(
    private readonly ctx: AlertContext,
    private readonly envs: EnvRegistry,
  ) {}
  get(env: Env): AlertMonitor {
    let m = this.monitors.get(env);
    if (!m) {
      m = new AlertMonitor(env, this.ctx, this.envs, this.ctx.alerts ?? {});
      this.monitors.set(env, m);
      // Once someone asks about an environment it is watched from then on.
      if (this.ctx.alerts?.background) m.start();
    }
    return m;
  }
  stopAll(): void {
    for (const m of this.monitors.values()) m.stop();
  }
}
