// Qualitative palette and a graph colouring so that lots sharing a border get different colours.
import { compareIds } from "../internal/sort.js";
import type { Id } from "../domain/index.js";

/**
 * Twelve qualitative colours (ColorBrewer Set3 and Paired light tones, chosen to stay legible under
 * black text and to print in greyscale with distinct lightness in neighbouring pairs).
 */
export const LOT_PALETTE: readonly string[] = [
  "#8dd3c7", "#fdb462", "#bebada", "#fb8072", "#80b1d3", "#b3de69",
  "#fccde5", "#ffed6f", "#bc80bd", "#ccebc5", "#d9d9d9", "#ffffb3",
];

/**
 * Greedy DSatur colouring: repeatedly colours the lot with the most differently-coloured neighbours
 * (ties: more neighbours, then id), with the least-used colour no neighbour uses. Planar maps need
 * at most 4 colours in theory; DSatur rarely needs more than 5, well inside the 12 available. Falls
 * back to reusing a colour only if all 12 are taken by neighbours.
 *
 * @returns lot id → colour index.
 * @internal
 */
export function colourLots(ids: readonly Id[], neighbours: ReadonlyMap<Id, readonly Id[]>, paletteSize = LOT_PALETTE.length): Map<Id, number> {
  const colour = new Map<Id, number>();
  const sorted = [...ids].sort(compareIds);
  const used: number[] = [];
  while (colour.size < sorted.length) {
    let best: Id | undefined;
    let bestSat = -1;
    let bestDeg = -1;
    for (const id of sorted) {
      if (colour.has(id)) continue;
      const ns = neighbours.get(id) ?? [];
      const sat = new Set(ns.map((n) => colour.get(n)).filter((c) => c !== undefined)).size;
      if (sat > bestSat || (sat === bestSat && ns.length > bestDeg)) {
        best = id;
        bestSat = sat;
        bestDeg = ns.length;
      }
    }
    const id = best!;
    const taken = new Set((neighbours.get(id) ?? []).map((n) => colour.get(n)));
    // Among the colours no neighbour uses, take the least used so far (ties: lowest index), so the
    // legend shows as many different colours as the palette allows.
    let c = -1;
    for (let j = 0; j < paletteSize; j++) {
      if (taken.has(j)) continue;
      if (c === -1 || (used[j] ?? 0) < (used[c] ?? 0)) c = j;
    }
    if (c === -1) c = colour.size % paletteSize;
    used[c] = (used[c] ?? 0) + 1;
    colour.set(id, c);
  }
  return colour;
}
