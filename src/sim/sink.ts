// Collects generated items per table, keyed by primary key: a later put with the same key
// replaces the earlier one, exactly as DynamoDB PutItem would (the §5.8 re-log relies on it).
import { TABLE_BASES, TABLE_DEFS, type TableBase } from '../store/tables.js';
import type { Item, ItemSink, SimItems } from './types.js';

export function primaryKeyOf(table: TableBase, item: Item): string {
  const { hash, range } = TABLE_DEFS[table].key;
  const h = item[hash];
  const r = range === undefined ? '' : item[range];
  if (typeof h !== 'string' || typeof r !== 'string')
    throw new Error(`${table} item without its key: ${JSON.stringify(item).slice(0, 200)}`);
  return `${h}\u0000${r}`;
}

export class KeyedSink implements ItemSink {
  private readonly tables = new Map<TableBase, Map<string, Item>>(TABLE_BASES.map((t) => [t, new Map()]));
  /** How many puts replaced an existing item, per table. */
  readonly overwrites: Record<TableBase, number> = Object.fromEntries(
    TABLE_BASES.map((t) => [t, 0]),
  ) as Record<TableBase, number>;

  put(table: TableBase, item: Item): void {
    const map = this.tables.get(table);
    if (!map) throw new Error(`unknown table ${table}`);
    const key = primaryKeyOf(table, item);
    if (map.has(key)) {
      this.overwrites[table]++;
      map.delete(key); // re-insert so iteration order is write order
    }
    map.set(key, item);
  }

  items(): SimItems {
    return Object.fromEntries(
      TABLE_BASES.map((t) => [t, [...(this.tables.get(t)?.values() ?? [])]]),
    ) as SimItems;
  }
}

/** Collects a batch in write order (live mode writes it, then drops it). */
export class ListSink implements ItemSink {
  readonly list: { table: TableBase; item: Item }[] = [];

  put(table: TableBase, item: Item): void {
    this.list.push({ table, item });
  }

  /** Grouped per table; later puts of the same key win (BatchWrite rejects duplicate keys). */
  drain(): SimItems {
    const keyed = new KeyedSink();
    for (const { table, item } of this.list) keyed.put(table, item);
    this.list.length = 0;
    return keyed.items();
  }
}
