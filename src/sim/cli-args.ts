// Command-line parsing for `npm run sim`, kept apart from the I/O so it can be tested.
import { parseArgs } from 'node:util';
import type { Env } from '../core/types.js';
import { GENERATE_DEFAULTS } from './generate.js';

export const USAGE = `Usage: npm run sim -- [options]

Writes a simulated Dora bot history (30 days of decisions, fills, order events, state and market
configs, every era's item shape) to the bot's DynamoDB tables, optionally followed by a live feed.
The tables must already exist: the simulator does not create them.

Options:
  --endpoint <url>    DynamoDB endpoint (default: $AWS_ENDPOINT_URL_DYNAMODB)
  --region <name>     AWS region (default: $AWS_REGION or us-east-1)
  --env <demo|prod>   which tables (suffix _demo / _prod) (default: demo)
  --seed <int>        PRNG seed; same seed and env give the same items (default: 42)
  --markets <n>       configured markets (default: ${GENERATE_DEFAULTS.markets})
  --days <n>          days of history ending now (default: ${GENERATE_DEFAULTS.days})
  --now <iso>         end of the history instead of the current time, e.g. 2026-11-25T12:00:00Z
  --live              after the history, keep writing like the running bot until Ctrl-C
  --loop-ms <ms>      live loop interval (default: 5000)
  --allow-aws         allow writing without a local endpoint (real AWS); refused by default
  -h, --help          show this help
`;

export interface CliConfig {
  endpoint: string | undefined;
  region: string;
  env: Env;
  seed: number;
  markets: number;
  days: number;
  nowMs: number | undefined;
  live: boolean;
  loopMs: number;
  allowAws: boolean;
}

export type ParseResult =
  { kind: 'help' } | { kind: 'error'; message: string } | { kind: 'ok'; config: CliConfig };

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

export function parseCli(argv: string[], envVars: NodeJS.ProcessEnv): ParseResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        endpoint: { type: 'string' },
        region: { type: 'string' },
        env: { type: 'string' },
        seed: { type: 'string' },
        markets: { type: 'string' },
        days: { type: 'string' },
        now: { type: 'string' },
        live: { type: 'boolean' },
        'loop-ms': { type: 'string' },
        'allow-aws': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { kind: 'help' };
  try {
    const env = values.env ?? 'demo';
    if (env !== 'demo' && env !== 'prod') throw new Error(`--env must be demo or prod, got "${env}"`);
    let nowMs: number | undefined;
    if (values.now !== undefined) {
      nowMs = Date.parse(values.now);
      if (!Number.isFinite(nowMs)) throw new Error(`--now must be an ISO date-time, got "${values.now}"`);
    }
    const seed = int('seed', values.seed, 42, 0, 2 ** 32 - 1);
    const markets = int('markets', values.markets, GENERATE_DEFAULTS.markets, 1, 500);
    const days = int('days', values.days, GENERATE_DEFAULTS.days, 1, 365);
    const loopMs = int('loop-ms', values['loop-ms'], 5000, 100, 600_000);
    const endpoint = values.endpoint ?? (envVars.AWS_ENDPOINT_URL_DYNAMODB || undefined);
    if (endpoint !== undefined && !/^https?:\/\/[^/\s]+/.test(endpoint))
      throw new Error(`--endpoint must be an http(s) URL, got "${endpoint}"`);
    if (endpoint === undefined && !values['allow-aws']) {
      throw new Error(
        'no endpoint: pass --endpoint or set AWS_ENDPOINT_URL_DYNAMODB (or --allow-aws to write simulated data to real AWS tables)',
      );
    }
    return {
      kind: 'ok',
      config: {
        endpoint,
        region: values.region ?? envVars.AWS_REGION ?? 'us-east-1',
        env,
        seed,
        markets,
        days,
        nowMs,
        live: values.live ?? false,
        loopMs,
        allowAws: values['allow-aws'] ?? false,
      },
    };
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}
