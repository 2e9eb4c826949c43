// Shared by every suite: the report, the options, and the datasets (opened once per run, lazily, in
// the order the suites ask for them, and closed at the end).
import type { ReadClient } from '../src/store/client.js';
import { datasetSpec, openDataset, type Dataset, type DatasetName } from './datasets.js';
import { discover, type Discovery } from './discover.js';
import { benchReadClient, type Recorder } from './recorder.js';
import type { Report } from './report.js';

export interface OpenSet {
  ds: Dataset;
  client: ReadClient;
  recorder: Recorder;
  discovery: Discovery;
  /** Short label for tables: S, D, L (with "q" in quick mode). */
  label: string;
}

export class Bench {
  private readonly open = new Map<DatasetName, Promise<OpenSet>>();
  readonly seeding: Record<
    string,
    { reused: boolean; generateSeconds: number; writeSeconds: number; counts: Record<string, number> }
  > = {};

  /** Figures one suite measured that another may reuse in the same run (e.g. the cold overview). */
  private readonly memos = new Map<string, Promise<unknown>>();

  constructor(
    readonly report: Report,
    readonly quick: boolean,
    readonly reseed: boolean,
    readonly log: (m: string) => void,
    /** --ci: S only, budgets on request and item counts only (no time budgets). */
    readonly ci = false,
  ) {}

  /** The datasets a suite that covers S and D runs on: S only under --ci. */
  setsOf(names: readonly DatasetName[]): DatasetName[] {
    return this.ci ? names.filter((n) => n === 'S') : [...names];
  }

  /** Measures once per run: later calls with the same key get the first call's figures. */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.memos.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn();
      this.memos.set(key, p);
      p.catch(() => this.memos.delete(key));
    }
    return p;
  }

  dataset(name: DatasetName): Promise<OpenSet> {
    let p = this.open.get(name);
    if (!p) {
      p = this.openSet(name);
      this.open.set(name, p);
    }
    return p;
  }

  private async openSet(name: DatasetName): Promise<OpenSet> {
    const spec = datasetSpec(name, this.quick);
    const ds = await openDataset(spec, { reseed: this.reseed, log: this.log });
    this.seeding[name] = {
      reused: ds.reused,
      generateSeconds: ds.meta.generateSeconds,
      writeSeconds: ds.meta.writeSeconds,
      counts: ds.meta.counts,
    };
    const label = this.quick ? `${name}q` : name;
    for (const [what, min] of Object.entries(spec.requires)) {
      const table = what === 'decisions' ? 'dora_decision_log' : 'dora_execution_log';
      this.report.check({
        suite: 'datasets',
        dataset: label,
        what: `${what} in the dataset`,
        value: ds.meta.counts[table] ?? 0,
        op: '>=',
        limit: min,
      });
    }
    const { client, recorder } = benchReadClient(ds.endpoint);
    const discovery = await discover(client, ds.now());
    return { ds, client, recorder, discovery, label };
  }

  async closeAll(): Promise<void> {
    for (const p of this.open.values()) {
      const set = await p.catch(() => null);
      if (!set) continue;
      set.client.destroy();
      await set.ds.close();
    }
    this.open.clear();
  }
}
