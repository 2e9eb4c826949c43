// The embedded store's tables match the contract (§2) exactly: names, key schemas, index names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BACKENDS, startTestStore, type TestStore } from './helpers/store.js';

// Written out from data-contract.md §2, not derived from src/store/tables.ts, so a typo there fails here.
const CONTRACT = {
  dora_market_config: { key: [['market_id', 'HASH']], gsi: {} },
  dora_state: { key: [['key', 'HASH']], gsi: {} },
  dora_trade_log: {
    key: [
      ['date', 'HASH'],
      ['timestamp#order_id', 'RANGE'],
    ],
    gsi: {},
  },
  dora_decision_log: {
    key: [
      ['date', 'HASH'],
      ['timestamp', 'RANGE'],
    ],
    gsi: {
      'market_id-timestamp-index': [
        ['market_id', 'HASH'],
        ['timestamp', 'RANGE'],
      ],
    },
  },
  dora_execution_log: {
    key: [
      ['bot_run_id', 'HASH'],
      ['decision_id#event_ts', 'RANGE'],
    ],
    gsi: {
      decision_id_event_ts: [
        ['decision_id', 'HASH'],
        ['event_ts', 'RANGE'],
      ],
    },
  },
} as const;

describe.each(BACKENDS)('tables created on %s', (backend) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore(backend);
  });
  afterAll(async () => store.close());
  for (const env of ['demo', 'prod']) {
    for (const [base, want] of Object.entries(CONTRACT)) {
      it(`${base}_${env} has the contract's keys and indexes`, async () => {
        const out = await store.reader.raw.send(new DescribeTableCommand({ TableName: `${base}_${env}` }));
        const t = out.Table!;
        expect(t.KeySchema?.map((k) => [k.AttributeName, k.KeyType])).toEqual(want.key);
        const gsis = Object.fromEntries(
          (t.GlobalSecondaryIndexes ?? []).map((g) => [
            g.IndexName,
            g.KeySchema?.map((k) => [k.AttributeName, k.KeyType]),
          ]),
        );
        expect(gsis).toEqual(want.gsi);
        for (const g of t.GlobalSecondaryIndexes ?? []) expect(g.Projection?.ProjectionType).toBe('ALL');
      });
    }
  }
});
