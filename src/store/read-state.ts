// Configs (paginated Scan of a small table) and the state singletons (one BatchGetItem).
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ApiErrorsState,
  Decoded,
  Env,
  GlobalConfig,
  MarketConfig,
  OpenOrdersState,
  PositionsState,
  RiskState,
  Warning,
} from '../core/types.js';
import type { ReadClient } from './client.js';
import { decodeMarketConfig } from './decode/config.js';
import { decodeAll } from './decode/decode-item.js';
import {
  decodeApiErrors,
  decodeGlobalConfig,
  decodeOpenOrders,
  decodePositions,
  decodeRiskState,
} from './decode/state.js';
import { scanAll, type RawItem } from './paginate.js';
import { tableName } from './tables.js';

export async function readConfigs(
  client: ReadClient,
  env: Env,
): Promise<{ configs: MarketConfig[]; warnings: Warning[] }> {
  const table = tableName('dora_market_config', env);
  const raws = await scanAll(client.raw, { TableName: table });
  const { values, warnings } = decodeAll(raws, (r) => decodeMarketConfig(r, table));
  values.sort((a, b) => a.marketId.localeCompare(b.marketId));
  return { configs: values, warnings };
}

export interface StateItems {
  positions: PositionsState | null;
  openOrders: OpenOrdersState | null;
  risk: RiskState | null;
  apiErrors: ApiErrorsState | null;
  globalConfig: GlobalConfig;
  warnings: Warning[];
}

const STATE_KEYS = ['positions', 'open_orders', 'risk_state', 'api_errors', 'global_config'] as const;

export async function readStateItems(client: ReadClient, env: Env): Promise<StateItems> {
  const table = tableName('dora_state', env);
  const byKey = new Map<string, RawItem>();
  let request: Record<string, { Keys: RawItem[] }> | undefined = {
    [table]: { Keys: STATE_KEYS.map((key) => ({ key })) },
  };
  // BatchGetItem may return UnprocessedKeys under load; ask again for those only.
  for (let attempt = 0; request && attempt < 5; attempt++) {
    const out = await client.doc.send(new BatchGetCommand({ RequestItems: request }));
    for (const item of (out.Responses?.[table] ?? []) as RawItem[]) byKey.set(String(item['key']), item);
    const rest = out.UnprocessedKeys?.[table]?.Keys as RawItem[] | undefined;
    request = rest && rest.length ? { [table]: { Keys: rest } } : undefined;
  }
  const warnings: Warning[] = [];
  function take<T>(key: string, decode: (raw: unknown, table: string) => Decoded<T>): T | null {
    const raw = byKey.get(key);
    if (raw === undefined) return null;
    const d = decode(raw, table);
    if (!d.ok) {
      warnings.push(d.warning);
      return null;
    }
    warnings.push(...d.warnings);
    return d.value;
  }
  const gc = decodeGlobalConfig(byKey.get('global_config'), table);
  if (!gc.ok) warnings.push(gc.warning);
  return {
    positions: take('positions', decodePositions),
    openOrders: take('open_orders', decodeOpenOrders),
    risk: take('risk_state', decodeRiskState),
    apiErrors: take('api_errors', decodeApiErrors),
    globalConfig: gc.ok
      ? gc.value
      : (decodeGlobalConfig(undefined) as { ok: true; value: GlobalConfig }).value,
    warnings,
  };
}
