// Suite `live-cost` (issue 18): what live updates cost in DynamoDB reads, per refresh and per
// minute, with nobody watching (alert evaluations only), one client and 50 clients on one
// environment, at the market counts of S, D and L — the incremental reads the server uses, and the
// cold reads it used before (full run only). Request and item counts (live-cost.ts), so they hold on
// any machine; the cost per day is on-demand read request units at PRICE_PER_MILLION_RRU.
import type { Bench } from './harness.js';
import { measureLiveCost, type LiveCostResult } from './live-cost.js';

const SUITE = 'live-cost';
/** DynamoDB on-demand, standard table class, us-east-1 (since 2024-11-01): $ per million read request units. */
const PRICE_PER_MILLION_RRU = 0.125;
const SETS: { label: 'S' | 'D' | 'L'; markets: number }[] = [
  { label: 'S', markets: 25 },
  { label: 'D', markets: 50 },
  { label: 'L', markets: 200 },
];

const perDay = (rcuPerMinute: number) => (rcuPerMinute * 1_440 * PRICE_PER_MILLION_RRU) / 1e6;

export async function liveCostSuite(bench: Bench): Promise<void> {
  const sets = bench.ci ? SETS.filter((s) => s.label === 'S') : SETS;
  const modes = bench.ci ? [true] : [false, true];
  const rows: (string | number)[][] = [];
  const results: { set: string; incremental: boolean; r: LiveCostResult }[] = [];
  for (const set of sets) {
    for (const incremental of modes) {
      bench.log(
        `live-cost: ${set.label} (${set.markets} markets), ${incremental ? 'incremental' : 'cold'} reads…`,
      );
      // Fills at the simulator's rate (S: 2,015 in 30 days for 25 markets ≈ 2.7 per market a day).
      const fillEverySeconds = Math.round(86_400 / (2.7 * set.markets));
      const r = await measureLiveCost({
        markets: set.markets,
        days: 3,
        seconds: bench.quick || bench.ci ? 60 : 120,
        incremental,
        fillEverySeconds,
      });
      results.push({ set: set.label, incremental, r });
      for (const [who, m] of [
        ['no client (alerts)', r.perMinuteIdle],
        ['1 client', r.perMinuteOne],
        ['50 clients', r.perMinuteFifty],
      ] as const) {
        rows.push([
          set.label,
          set.markets,
          incremental ? 'incremental' : 'cold (before)',
          who,
          who === '1 client' ? r.perRefresh.requests : '',
          who === '1 client' ? r.perRefresh.items : '',
          m.requests,
          m.items,
          m.written,
          m.rcu,
          perDay(m.rcu).toFixed(4),
        ]);
      }
    }
  }
  bench.report.table(
    SUITE,
    `Live updates: DynamoDB reads (simulated bot: a decision per market per loop of max(5 s, 0.2 s × markets) as in contract §3.1, fills at the simulator's rate (2.7 per market a day) logged 8 s late; live round every 1 s, alerts every 15 s; $/day at $${PRICE_PER_MILLION_RRU} per million RRU on demand, RRU = 4 KB eventually consistent read ÷ 2, per request)`,
    [
      'set',
      'markets',
      'reads',
      'watching',
      'requests/refresh',
      'items/refresh',
      'requests/min',
      'items/min',
      'written/min',
      'RRU/min',
      '$/day',
    ],
    rows,
  );
  bench.report.fact(SUITE, 'results', results);
  for (const { set, incremental, r } of results) {
    if (!incremental) continue;
    bench.report.check({
      suite: SUITE,
      dataset: set,
      what: `live refresh, one client: DynamoDB requests in the worst round (${r.markets} markets)`,
      value: r.maxRoundRequests,
      op: '<=',
      limit: 6,
    });
    bench.report.check({
      suite: SUITE,
      dataset: set,
      what: `live refresh, one client: items read per refresh beyond the items the bot wrote (${r.perRefresh.items} read, ${r.perRefresh.written} written)`,
      value: Math.round((r.perRefresh.items - r.perRefresh.written) * 10) / 10,
      op: '<=',
      limit: 10,
      digits: 1,
    });
    bench.report.check({
      suite: SUITE,
      dataset: set,
      what: 'no client: requests per minute (alert evaluations every 15 s only)',
      value: r.perMinuteIdle.requests,
      op: '<=',
      limit: 6 * 4,
    });
    bench.report.check({
      suite: SUITE,
      dataset: set,
      what: '50 clients on one environment: requests per minute = one client (one shared poller)',
      value: r.perMinuteFifty.requests,
      op: '<=',
      limit: r.perMinuteOne.requests * 1.1,
    });
  }
}
