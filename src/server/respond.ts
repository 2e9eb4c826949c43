// Every JSON body carries `meta` (when it was made, cache status, the DynamoDB cost of making it) and
// `warnings`. Routes hand in a loader; this wraps it in a DynamoDB tally and the cache.
import type { Meta } from '../api/types.js';
import type { Warning } from '../core/types.js';
import { withTally, type DynamoTally } from '../store/stats.js';
import type { CacheResult, TtlCache } from './cache.js';
import { StoreDeadlineError, isStoreFailure, storeUnavailable } from './errors.js';

export type { Meta };

export interface Loaded<T> {
  body: T;
  warnings: Warning[];
}

function ageText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** Loads through the cache; a store failure with nothing cached becomes 503 store_unavailable. */
function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreDeadlineError(ms)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

export async function cachedJson<T extends object>(
  cache: TtlCache,
  key: string,
  nowMs: number,
  load: () => Promise<Loaded<T>>,
): Promise<T & { meta: Meta; warnings: Warning[] }> {
  let tally: DynamoTally = { requests: 0, items: 0, rcu: 0, ms: 0 };
  let result: CacheResult<Loaded<T>>;
  try {
    // Only the wait is bounded: the load goes on (single-flight keeps it to one), so a slow store
    // still fills the cache for the next viewer while this one gets an answer now.
    result = await withDeadline(
      cache.getFresh(key, async () => {
        const r = await withTally(load);
        tally = r.tally;
        return r.result;
      }),
      cache.deadlineMs,
    );
  } catch (err) {
    const last = err instanceof StoreDeadlineError ? cache.peek<Loaded<T>>(key) : undefined;
    if (last) {
      result = { value: last.value, status: 'stale' as const, loadedAtMs: last.loadedAtMs, error: err };
    } else if (isStoreFailure(err)) {
      throw storeUnavailable(err);
    } else {
      throw err;
    }
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
  const meta: Meta = {
    generatedAt: new Date(nowMs).toISOString(),
    cache: result.status,
    dynamo: result.status === 'miss' ? tally : { requests: 0, items: 0, rcu: 0, ms: 0 },
    dataAgeMs: Math.max(0, nowMs - result.loadedAtMs),
  };
  const loaded = result.value;
  const answer = { ...loaded.body, meta, warnings };
  // The body and its warnings are the same for every viewer within the TTL: encode them once (as
  // bytes, outside the JS heap), and per reply only the small meta tail. Concatenating strings made
  // a flat copy of the whole answer in the JS heap for every reply (400 kB on 200 markets, large-
  // object space, straight to the old generation): under load that, not the data, set the RSS.
  Object.defineProperty(answer, PRESERIALIZED, {
    enumerable: false,
    value: (): Buffer => {
      const ownWarnings = warnings.length !== loaded.warnings.length; // a stale notice was added
      let head = ownWarnings ? undefined : bodyHead.get(loaded);
      if (head === undefined) {
        const text = JSON.stringify(loaded.body);
        head = Buffer.from(
          `${text.length > 2 ? `${text.slice(0, -1)},` : '{'}"warnings":${JSON.stringify(warnings)},`,
        );
        if (!ownWarnings) bodyHead.set(loaded, head);
      }
      const tail = Buffer.from(`"meta":${JSON.stringify(meta)}}`);
      return Buffer.concat([head, tail], head.length + tail.length);
    },
  });
  return answer;
}

/** Marks an answer that can render its own JSON (see the reply serializer in app.ts). */
export const PRESERIALIZED = Symbol('preserialized');
/** A cached body's JSON without its closing brace, then its warnings: `{"a":1,"warnings":[…],`. */
const bodyHead = new WeakMap<object, Buffer>();

/** Fastify reply serializer: uses an answer's cached body bytes when it has them. */
export function serializeReply(payload: unknown): string | Buffer {
  const render = (payload as Record<symbol, unknown> | null)?.[PRESERIALIZED];
  return typeof render === 'function' ? (render as () => Buffer)() : JSON.stringify(payload);
}
