// dora-dashboard.toml: the same options as the flags, one top-level `key = value` each, the key
// being the flag's name with `_` for `-` (data_dir, log_level, …). Values keep their file and line so
// a bad one is reported where it is; an unknown key is an error (a typo must not be ignored).
import { FLAGS, fileKey, type FileValue, type FlagSpec } from '../cli/options.js';
import { at, ConfigError, readTomlFile } from './toml-file.js';

export const DEFAULT_CONFIG_FILE = './dora-dashboard.toml';

export interface ConfigFile {
  values: Map<string, FileValue>;
  /** Keys holding secrets, so main can warn when the file is readable by others. */
  secretKeys: string[];
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

function suggestion(key: string, known: string[]): string {
  const normal = key.toLowerCase().replace(/-/g, '_');
  const best = known.map((k) => ({ k, d: distance(normal, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(1, Math.floor(normal.length / 3))
    ? ` (did you mean ${best.k}?)`
    : ` (known keys: ${known.join(', ')})`;
}

function valueText(spec: FlagSpec, key: string, value: unknown, where: string): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    throw new ConfigError(
      `${where}: ${key}: is a table; this file has no sections — write ${key} = … at the top level`,
    );
  }
  if (spec.kind === 'boolean') {
    if (typeof value !== 'boolean')
      throw new ConfigError(
        `${where}: ${key}: must be true or false (unquoted), got ${JSON.stringify(value)}`,
      );
    return String(value);
  }
  if (spec.fileBoolean && typeof value === 'boolean') return String(value);
  if (spec.list && Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  throw new ConfigError(
    `${where}: ${key}: must be a string${spec.name === 'port' || spec.name === 'seed' ? ' or an integer' : ''}, got ${JSON.stringify(value)}`,
  );
}

export function loadConfigFile(path: string, shown: string): ConfigFile {
  const file = readTomlFile(path, shown);
  const byKey = new Map<string, FlagSpec>();
  for (const f of FLAGS) {
    const k = fileKey(f);
    if (k) byKey.set(k, f);
  }
  const values = new Map<string, FileValue>();
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(file.data)) {
    const where = at(file, key);
    const spec = byKey.get(key);
    if (
      !spec &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Date)
    ) {
      throw new ConfigError(
        `${where}: [${key}]: this file has no sections; write key = value at the top level (see the configuration table in docs/operations.md)`,
      );
    }
    if (!spec) throw new ConfigError(`${where}: unknown key "${key}"${suggestion(key, [...byKey.keys()])}`);
    values.set(spec.name, { value: valueText(spec, key, value, where), origin: where });
    if (spec.secret) secretKeys.push(key);
  }
  return { values, secretKeys };
}
