// The bot's five tables per environment, their keys and indexes, exactly as its setup creates them
// (contract §2). Index names are spelled as the bot spells them: note the underscores of
// `decision_id_event_ts`, which the old dashboard got wrong.
import type { Env } from '../core/types.js';

export const ENVS: readonly Env[] = ['demo', 'prod'];

export type TableBase =
  'dora_market_config' | 'dora_state' | 'dora_trade_log' | 'dora_decision_log' | 'dora_execution_log';

export const TABLE_BASES: readonly TableBase[] = [
  'dora_market_config',
  'dora_state',
  'dora_trade_log',
  'dora_decision_log',
  'dora_execution_log',
];

export const DECISION_GSI = 'market_id-timestamp-index';
export const EXECUTION_GSI = 'decision_id_event_ts';

export interface KeyDef {
  hash: string;
  range?: string;
}

export interface TableDef {
  base: TableBase;
  key: KeyDef;
  indexes: { name: string; key: KeyDef }[];
  /** TTL attribute, enabled by the bot's setup on the execution log only. */
  ttlAttribute?: string;
}

export const TABLE_DEFS: Record<TableBase, TableDef> = {
  dora_market_config: { base: 'dora_market_config', key: { hash: 'market_id' }, indexes: [] },
  dora_state: { base: 'dora_state', key: { hash: 'key' }, indexes: [] },
  dora_trade_log: {
    base: 'dora_trade_log',
    key: { hash: 'date', range: 'timestamp#order_id' },
    indexes: [],
  },
  dora_decision_log: {
    base: 'dora_decision_log',
    key: { hash: 'date', range: 'timestamp' },
    indexes: [{ name: DECISION_GSI, key: { hash: 'market_id', range: 'timestamp' } }],
  },
  dora_execution_log: {
    base: 'dora_execution_log',
    key: { hash: 'bot_run_id', range: 'decision_id#event_ts' },
    indexes: [{ name: EXECUTION_GSI, key: { hash: 'decision_id', range: 'event_ts' } }],
    ttlAttribute: 'expires_at',
  },
};

export function tableName(base: TableBase, env: Env): string {
  return `${base}_${env}`;
}

/** All ten table names (five bases × demo/prod). */
export function allTableNames(): string[] {
  return ENVS.flatMap((env) => TABLE_BASES.map((base) => tableName(base, env)));
}
