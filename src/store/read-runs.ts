// The bot runs that can hold a market's execution events in a time range (contract §6.17). The
// execution log is keyed by run, and nothing lists runs: the "ALL" startup record exists only when
// the exchange had open orders at startup, and a run can start and end inside the range. So walk
// the market's runs back through the decision index, one request per run: the newest decision
// before T gives a run; its id gives the run's start; repeat from that start until a run began
// before the range. Then add the runs of the "ALL" records in the range, whose startup, halt and
// cleanup cancels name the market's orders under system decision ids — also for a market disabled
// before that run, which has no decision of its own in it.
import type { Env, Warning } from '../core/types.js';
import { parseDecisionId, runStartMs } from '../core/decision-id.js';
import { toNaiveIso } from '../core/time.js';
import { urgent, type ReadClient } from './client.js';
import { queryPage } from './paginate.js';
import { DECISION_GSI, tableName } from './tables.js';

/**
 * Steps of the walk that can never change, kept by the caller: "the newest run before run R began"
 * is fixed once R has begun (decisions are written at the bot's now, never back-dated).
 * The value is the previous run's id, or null when no older decision of the market exists.
 */
export interface RunStepMemo {
  get(key: string): string | null | undefined;
  set(key: string, previousRunId: string | null): void;
}

/** The version each run wrote (constant per process): kept by the caller like the steps. */
export type RunVersionMemo = RunStepMemo;

export interface MarketRuns {
  /** Run ids, oldest first (ids begin with their start time). */
  runIds: string[];
  /**
   * The `bot_version` of each run in `runIds`, read from one of its items (the bot sets it once per
   * process); null when no item of the run carried one or the item was not read.
   */
  versions: Map<string, string | null>;
  /**
   * The run that wrote last in the range (its newest decision or system record), which may still
   * be writing; null when none was seen. Two runs can share a start second, so not "the greatest id".
   */
  newestRunId: string | null;
  /** DynamoDB requests the walk and the system-record read sent. */
  requests: number;
  warnings: Warning[];
}

/** A startup record can precede its cancels by seconds; the range's first cancels still count. */
const SYSTEM_RECORD_LEAD_MS = 5 * 60_000;
/** Decisions without a run id (before 2025-12-20) end the walk after this many skips. */
const MAX_SKIPS = 5;
/** Page size of a step: a run's own decisions in its first second are filtered out, rarely more. */
const STEP_PAGE = 10;

const PROJECTION = 'bot_run_id, bot_version, decision_id, #ts';

export type Seen = { run: string | null; stamp: string | null; version?: string | null };

function runIdOf(item: Record<string, unknown>): string | null {
  const run = item['bot_run_id'];
  if (typeof run === 'string' && run) return run;
  const id = item['decision_id'];
  return typeof id === 'string' ? (parseDecisionId(id)?.runId ?? null) : null;
}

function seenOf(item: Record<string, unknown>): Seen {
  const stamp = item['timestamp'];
  const version = item['bot_version'];
  return {
    run: runIdOf(item),
    stamp: typeof stamp === 'string' ? stamp : null,
    version: typeof version === 'string' && version ? version : null,
  };
}

/** The "ALL" records' items of a range, as the walk reads them (shared by the markets of a page). */
export interface SystemRecords {
  seen: Seen[];
  requests: number;
}

/** A single-flight share of the "ALL" records' read, keyed by the caller (e.g. env and range). */
export type SystemRecordsShare = (key: string, load: () => Promise<SystemRecords>) => Promise<SystemRecords>;

export interface WalkOptions {
  /** Shares the "ALL" records' read between the markets of a page (one read, not one a market). */
  systemShare?: SystemRecordsShare | undefined;
  /**
   * Called as each run is found, before the walk ends, so its events can be read at once
   * (pipelined). `walkStep` is the step that found it (0: the newest decision at the range end;
   * null: an "ALL" record).
   */
  onRun?: ((run: string, walkStep: number | null) => void) | undefined;
}

export async function readMarketRuns(
  client: ReadClient,
  env: Env,
  marketId: string,
  fromMs: number,
  toMs: number,
  memo?: RunStepMemo,
  versionMemo?: RunVersionMemo,
  opts: WalkOptions = {},
): Promise<MarketRuns> {
  const table = tableName('dora_decision_log', env);
  const runs = new Set<string>();
  const versions = new Map<string, string | null>();
  const warnings: Warning[] = [];
  let requests = 0;
  let newest: Seen = { run: null, stamp: null };
  const see = (s: Seen) => {
    if (s.run && s.stamp && (newest.stamp === null || s.stamp > newest.stamp)) newest = s;
  };
  /** An item read: its run's version, for this answer and (never changing) for later walks. */
  const noteVersion = (s: Seen | null) => {
    if (!s?.run || !s.version) return;
    versions.set(s.run, s.version);
    versionMemo?.set(`${env}|${s.run}`, s.version);
  };

  /**
   * Newest decision of the market before `bound` (`<`, or `<=`) that is not of the runs `notRuns`: several pages only when that run wrote many decisions in its first second.
   */
  const newestBefore = async (
    bound: string,
    inclusive: boolean,
    notRuns: readonly string[] = [],
  ): Promise<Seen | null> => {
    const excluded: Record<string, string> = {};
    notRuns.forEach((r, i) => (excluded[`:r${i}`] = r));
    const filter = notRuns.length
      ? {
          FilterExpression: `attribute_not_exists(bot_run_id) OR NOT (bot_run_id IN (${Object.keys(excluded).join(', ')}))`,
        }
      : {};
    let start: Record<string, unknown> | undefined;
    do {
      requests++;
      const page = await queryPage(client.doc, {
        TableName: table,
        IndexName: DECISION_GSI,
        KeyConditionExpression: `market_id = :m AND #ts ${inclusive ? '<=' : '<'} :t`,
        ...filter,
        ExpressionAttributeNames: { '#ts': 'timestamp' },
        ExpressionAttributeValues: { ':m': marketId, ':t': bound, ...excluded },
        ProjectionExpression: PROJECTION,
        ScanIndexForward: false,
        Limit: notRuns.length ? STEP_PAGE : 1,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      const item = page.items[0];
      if (item) {
        const seen = seenOf(item);
        noteVersion(seen);
        return seen;
      }
      start = page.lastKey;
    } while (start);
    return null;
  };

  const walked = new Set<string>();
  const walk = async () => {
    let at = await newestBefore(toNaiveIso(toMs, 999), true);
    if (at) see(at);
    let skips = 0;
    let step = 0;
    for (; at; step++) {
      const run = at.run;
      if (!run) {
        // Old-era decision (no run id): no execution log existed then; look a little further.
        if (!at.stamp || ++skips > MAX_SKIPS) return;
        at = await newestBefore(at.stamp, false);
        continue;
      }
      if (walked.has(run)) return;
      walked.add(run);
      if (!runs.has(run)) {
        runs.add(run);
        opts.onRun?.(run, step);
      }
      const startMs = runStartMs(run);
      // Began before the range (and not in its first second, which another run may share).
      if (startMs !== null && startMs + 1_000 <= fromMs) return;
      const key = `${env}|${marketId}|${run}`;
      const known = memo?.get(key);
      if (known !== undefined) {
        if (known === null) return;
        at = { run: known, stamp: null };
        continue;
      }
      if (startMs === null) {
        warnings.push({
          code: 'run_id_unparsed',
          message: `Run id ${run.slice(0, 60)} does not begin with its start time; the run before it is looked up from its decision.`,
        });
        if (!at.stamp) return;
      }
      // The id's start is truncated to the second, and another run may have begun in that same
      // second: look up to the end of it, leaving out this run's own decisions.
      const bound = startMs === null ? (at.stamp as string) : toNaiveIso(startMs + 999, 999);
      const sameSecond = [...walked].filter(
        (r) => r === run || (startMs !== null && runStartMs(r) === startMs),
      );
      at = await newestBefore(bound, startMs !== null, sameSecond);
      memo?.set(key, at?.run ?? null);
    }
  };

  /** The "ALL" records of the range (the same for every market: shared when the caller can). */
  const readSystem = async (): Promise<SystemRecords> => {
    const seen: Seen[] = [];
    let read = 0;
    let start: Record<string, unknown> | undefined;
    do {
      read++;
      const page = await queryPage(client.doc, {
        TableName: table,
        IndexName: DECISION_GSI,
        KeyConditionExpression: 'market_id = :m AND #ts BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#ts': 'timestamp' },
        ExpressionAttributeValues: {
          ':m': 'ALL',
          ':from': toNaiveIso(fromMs - SYSTEM_RECORD_LEAD_MS),
          ':to': toNaiveIso(toMs, 999),
        },
        ProjectionExpression: PROJECTION,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of page.items) seen.push(seenOf(item));
      start = page.lastKey;
    } while (start);
    return { seen, requests: read };
  };
  const system = async () => {
    let loaded = false;
    const load = () => {
      loaded = true;
      return readSystem();
    };
    const records = opts.systemShare
      ? await opts.systemShare(`${env}|${fromMs}|${toMs}`, load)
      : await load();
    // Counted by the walk that read them, not by those that shared the read.
    if (loaded) requests += records.requests;
    for (const s of records.seen) {
      if (s.run) {
        if (!runs.has(s.run)) {
          runs.add(s.run);
          opts.onRun?.(s.run, null);
        }
        noteVersion(s);
        see(s);
      }
    }
  };

  // The walk is a chain of dependent reads, a page's critical path: the urgent lane (client.ts).
  await Promise.all([urgent(walk), urgent(system)]);
  const runIds = [...runs].sort();
  // A step answered by the memo read no item: its run's version comes from the walk that did.
  for (const run of runIds)
    if (!versions.has(run)) versions.set(run, versionMemo?.get(`${env}|${run}`) ?? null);
  return {
    runIds,
    versions: new Map(runIds.map((r) => [r, versions.get(r) ?? null])),
    newestRunId: newest.run,
    requests,
    warnings,
  };
}
