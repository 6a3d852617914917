import { describe, expect, it } from "vitest";
import { MinHeap } from "../../src/internal/min-heap.js";
import { mulberry32 } from "../../src/internal/rng.js";

describe("internal/min-heap", () => {
  it("MinHeap pops by smallest key, ties by smallest value, whatever the push order", () => {
    const pushes: [number, number][] = [[3, 7], [1, 9], [3, 2], [1, 4], [2, 5], [3, 0]];
    const expected = [4, 9, 5, 0, 2, 7];
    for (const order of [pushes, [...pushes].reverse()]) {
      const h = new MinHeap(1); // capacity 1: every push past the first grows the arrays
      for (const [k, v] of order) h.push(k, v);
      expect(h.size).toBe(6);
      expect(h.peekKey()).toBe(1);
      expect(h.peekValue()).toBe(4);
      const out: number[] = [];
      while (h.size > 0) out.push(h.pop());
      expect(out).toEqual(expected);
    }
  });

  it("MinHeap agrees with a sort on 2000 random (key, value) pairs with many equal keys, and clear() empties it", () => {
    const rand = mulberry32(7);
    const h = new MinHeap();
    const pairs: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const p: [number, number] = [Math.floor(rand() * 50), Math.floor(rand() * 1e6)];
      pairs.push(p);
      h.push(p[0], p[1]);
    }
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out: number[] = [];
    while (h.size > 0) out.push(h.pop());
    expect(out).toEqual(pairs.map((p) => p[1]));
    h.push(1, 1);
    h.clear();
    expect(h.size).toBe(0);
    h.push(5, 3);
    expect(h.pop()).toBe(3);
  });
});
