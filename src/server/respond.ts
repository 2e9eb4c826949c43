// Every JSON body carries `meta` (when it was made, cache status, the DynamoDB cost of making it) and
// `warnings`. Routes hand in a loader; this wraps it in a DynamoDB tally and the cache.
import type { Warning } from '../core/types.js';
import { withTally, type DynamoTally } from '../store/stats.js';
import type { TtlCache } from './cache.js';
import { ApiError, isStoreFailure } from './errors.js';

export interface Meta {
  generatedAt: string;
  cache: 'hit' | 'miss' | 'stale';
  dynamo: DynamoTally;
  dataAgeMs?: number;
}

export interface Loaded<T> {
  body: T;
  warnings: Warning[];
}

function ageText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** Loads through the cache; a store failure with nothing cached becomes 503 store_unavailable. */
export async function cachedJson<T extends object>(
  cache: TtlCache,
  key: string,
  nowMs: number,
  load: () => Promise<Loaded<T>>,
): Promise<T & { meta: Meta; warnings: Warning[] }> {
  let tally: DynamoTally = { requests: 0, items: 0, rcu: 0, ms: 0 };
  let result;
  try {
    result = await cache.getFresh(key, async () => {
      const r = await withTally(load);
      tally = r.tally;
      return r.result;
    });
  } catch (err) {
    if (isStoreFailure(err)) {
      throw new ApiError(503, 'store_unavailable', `DynamoDB did not answer: ${(err as Error).name}: ${(err as Error).message}`);
    }
    throw err;
  }
  const warnings = [...result.value.warnings];
  if (result.status === 'stale') {
    const err = result.error as Error | undefined;
    warnings.unshift({
      code: 'stale_data',
      message: `DynamoDB is failing (${err?.name ?? 'error'}); showing data from ${ageText(nowMs - result.loadedAtMs)} ago`,
      detail: { loadedAt: new Date(result.loadedAtMs).toISOString() },
    });
  }
  return {
    ...result.value.body,
    meta: {
      generatedAt: new Date(nowMs).toISOString(),
      cache: result.status,
      dynamo: result.status === 'miss' ? tally : { requests: 0, items: 0, rcu: 0, ms: 0 },
      dataAgeMs: Math.max(0, nowMs - result.loadedAtMs),
    },
    warnings,
  };
}
