/**
 * Binary min-heap of (key, value) pairs held in typed arrays (no allocation per push; the arrays double
 * when full). Ties on the key pop the smaller value first, so the pop order depends only on what was
 * pushed, never on insertion order. Used by network Dijkstra (lazy deletion: a node may be pushed more
 * than once and stale entries are skipped by the caller) and by lot growing (nearest unassigned
 * neighbour). Values are int32 (node or area indices). @internal
 */
export class MinHeap {
  private keys: Float64Array;
  private vals: Int32Array;
  /** Number of entries. */
  size = 0;

  /** @param capacity - initial room (grows as needed). */
  constructor(capacity = 64) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.vals = new Int32Array(Math.max(1, capacity));
  }

  /** Empties the heap, keeping its storage. */
  clear(): void {
    this.size = 0;
  }

  /** Adds `val` with priority `key`. */
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.keys = k;
      this.vals = v;
    }
    const keys = this.keys, vals = this.vals;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && vals[parent]! <= val)) break;
      keys[i] = pk;
      vals[i] = vals[parent]!;
      i = parent;
    }
    keys[i] = key;
    vals[i] = val;
  }

  /** Key of the top entry (undefined behaviour when empty). */
  peekKey(): number {
    return this.keys[0]!;
  }

  /** Value of the top entry (undefined behaviour when empty). */
  peekValue(): number {
    return this.vals[0]!;
  }

  /** Removes the top entry (smallest key, then smallest value) and returns its value. */
  pop(): number {
    const keys = this.keys, vals = this.vals;
    const top = vals[0]!;
    const n = --this.size;
    if (n > 0) {
      const key = keys[n]!, val = vals[n]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (keys[r]! < keys[l]! || (keys[r] === keys[l] && vals[r]! < vals[l]!)) ? r : l;
        if (keys[c]! > key || (keys[c] === key && vals[c]! >= val)) break;
        keys[i] = keys[c]!;
        vals[i] = vals[c]!;
        i = c;
      }
      keys[i] = key;
      vals[i] = val;
    }
    return top;
  }
}
