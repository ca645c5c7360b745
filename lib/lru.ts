export type Lru<K, V> = {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  clear(): void;
  /** The total weight of the entries held. */
  readonly weight: number;
};

/**
 * A map that forgets its least recently used entries once their total weight
 * passes `maxWeight` (each entry weighs 1 unless `weigh` says otherwise). An
 * entry heavier than `maxWeight` on its own is not kept at all.
 */
export function createLru<K, V>(options: { maxWeight: number; weigh?: (value: V) => number }): Lru<K, V> {
  // A Map iterates in insertion order; re-inserting on every read keeps the least recently used first.
  const entries = new Map<K, { value: V; weight: number }>();
  let weight = 0;

  function remove(key: K): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    weight -= entry.weight;
  }

  return {
    get weight() {
      return weight;
    },
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      remove(key);
      const entryWeight = options.weigh?.(value) ?? 1;
      if (entryWeight > options.maxWeight) return;
      entries.set(key, { value, weight: entryWeight });
      weight += entryWeight;
      for (const oldest of entries.keys()) {
        if (weight <= options.maxWeight) break;
        remove(oldest);
      }
    },
    clear() {
      entries.clear();
      weight = 0;
    },
  };
}
