// Bookkeeping for a partition of one parent's areas into lots, with O(1) objective deltas.
//
// Per lot l we keep H (hours), and with compactness weights c_i = hours_i + ε: Σc, Σc·x, Σc·y, Σc·(x²+y²).
// The demand-weighted inertia SSE_l = Σc(x²+y²) − ((Σcx)² + (Σcy)²)/Σc is the weighted sum of squared
// distances to the lot's weighted centre, so moving one area changes it by an exactly computable amount.

/** The graph a partition lives on (CSR over global area indices; edges only inside one parent, plus bridges). */
export interface LotGraph {
  readonly n: number;
  readonly adjStart: Int32Array;
  readonly adjList: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly hours: Float64Array;
  /** Compactness weight per area (hours plus a small floor so zero-demand areas still count). */
  readonly cw: Float64Array;
}

/** How the hours term of the objective is scored. */
export type BalanceRule =
  | { readonly kind: "target"; readonly target: number; readonly tolerance: number }
  | { readonly kind: "bounds"; readonly min: number; readonly max: number; readonly target: number };

/** Objective settings for one parent. */
export interface ObjectiveSettings {
  readonly balance: BalanceRule;
  readonly wBalance: number;
  readonly wCompact: number;
  /** Normaliser: inertia of the whole parent as one lot (so the compactness term is a share in [0, 1]). */
  readonly sse0: number;
  readonly wSimilarity: number;
  /** Home lot per area (from an existing plan), -1 when none. Indexed by global area. */
  readonly home: Int32Array | null;
  /** Areas in the parent, to scale the similarity term to a share. */
  readonly parentSize: number;
  /** Travel limit: minutes between global areas a, b (or null), and the limit. */
  readonly travel: { readonly minutes: (a: number, b: number) => number; readonly maxMinutes: number } | null;
}

const PENALTY = 100;

export class PartitionState {
  readonly assign: Int32Array;
  readonly H: Float64Array;
  readonly Sw: Float64Array;
  readonly Sx: Float64Array;
  readonly Sy: Float64Array;
  readonly Sq: Float64Array;
  readonly members: number[][];
  private readonly pos: Int32Array;
  // BFS scratch
  private readonly mark: Int32Array;
  private epoch = 0;
  private readonly queue: Int32Array;

  constructor(readonly g: LotGraph, readonly k: number, public obj: ObjectiveSettings) {
    this.assign = new Int32Array(g.n).fill(-1);
    this.H = new Float64Array(k);
    this.Sw = new Float64Array(k);
    this.Sx = new Float64Array(k);
    this.Sy = new Float64Array(k);
    this.Sq = new Float64Array(k);
    this.members = Array.from({ length: k }, () => []);
    this.pos = new Int32Array(g.n).fill(-1);
    this.mark = new Int32Array(g.n);
    this.queue = new Int32Array(g.n);
  }

  add(i: number, l: number): void {
    const { x, y, cw, hours } = this.g;
    this.assign[i] = l;
    this.H[l]! += hours[i]!;
    this.Sw[l]! += cw[i]!;
    this.Sx[l]! += cw[i]! * x[i]!;
    this.Sy[l]! += cw[i]! * y[i]!;
    this.Sq[l]! += cw[i]! * (x[i]! * x[i]! + y[i]! * y[i]!);
    const m = this.members[l]!;
    this.pos[i] = m.length;
    m.push(i);
  }

  remove(i: number): void {
    const l = this.assign[i]!;
    const { x, y, cw, hours } = this.g;
    this.assign[i] = -1;
    this.H[l]! -= hours[i]!;
    this.Sw[l]! -= cw[i]!;
    this.Sx[l]! -= cw[i]! * x[i]!;
    this.Sy[l]! -= cw[i]! * y[i]!;
    this.Sq[l]! -= cw[i]! * (x[i]! * x[i]! + y[i]! * y[i]!);
    const m = this.members[l]!;
    const p = this.pos[i]!;
    const last = m.pop()!;
    if (last !== i) {
      m[p] = last;
      this.pos[last] = p;
    }
    this.pos[i] = -1;
  }

  move(i: number, to: number): void {
    this.remove(i);
    this.add(i, to);
  }

  balanceCost(h: number): number {
    const b = this.obj.balance;
    const d = b.target > 0 ? (h - b.target) / b.target : 0;
    if (b.kind === "target") {
      const over = Math.max(0, Math.abs(d) - b.tolerance);
      return d * d + PENALTY * over * over;
    }
    const below = b.min > 0 ? Math.max(0, b.min - h) / b.min : 0;
    const above = Number.isFinite(b.max) ? Math.max(0, h - b.max) / b.max : 0;
    // In bounds mode balance is secondary (0.1·d²); the floor and ceiling carry the steep penalty.
    return 0.1 * d * d + PENALTY * (below * below + above * above) + (below > 0 || above > 0 ? PENALTY * 0.01 : 0);
  }

  private sse(sw: number, sx: number, sy: number, sq: number): number {
    return sw > 0 ? Math.max(0, sq - (sx * sx + sy * sy) / sw) : 0;
  }

  lotCost(l: number): number {
    return this.costOf(this.H[l]!, this.Sw[l]!, this.Sx[l]!, this.Sy[l]!, this.Sq[l]!);
  }

  private costOf(h: number, sw: number, sx: number, sy: number, sq: number): number {
    const o = this.obj;
    return o.wBalance * this.balanceCost(h) + (o.sse0 > 0 ? (o.wCompact * this.sse(sw, sx, sy, sq)) / o.sse0 : 0);
  }

  /** Objective change if area i moves from its lot to lot b. */
  moveDelta(i: number, b: number): number {
    const a = this.assign[i]!;
    const { x, y, cw, hours } = this.g;
    const w = cw[i]!, wx = w * x[i]!, wy = w * y[i]!, wq = w * (x[i]! * x[i]! + y[i]! * y[i]!), h = hours[i]!;
    const before = this.lotCost(a) + this.lotCost(b);
    const after =
      this.costOf(this.H[a]! - h, this.Sw[a]! - w, this.Sx[a]! - wx, this.Sy[a]! - wy, this.Sq[a]! - wq) +
      this.costOf(this.H[b]! + h, this.Sw[b]! + w, this.Sx[b]! + wx, this.Sy[b]! + wy, this.Sq[b]! + wq);
    let d = after - before;
    const home = this.obj.home;
    if (home !== null && this.obj.wSimilarity > 0) {
      const hm = home[i]!;
      d += (this.obj.wSimilarity / this.obj.parentSize) * ((hm !== b ? 1 : 0) - (hm !== a ? 1 : 0));
    }
    return d;
  }

  /** Objective change if areas i (in lot a) and j (in lot b ≠ a) trade lots. */
  swapDelta(i: number, j: number): number {
    const a = this.assign[i]!, b = this.assign[j]!;
    const { x, y, cw, hours } = this.g;
    const wi = cw[i]!, wj = cw[j]!;
    const dw = wj - wi, dx = wj * x[j]! - wi * x[i]!, dy = wj * y[j]! - wi * y[i]!;
    const dq = wj * (x[j]! * x[j]! + y[j]! * y[j]!) - wi * (x[i]! * x[i]! + y[i]! * y[i]!), dh = hours[j]! - hours[i]!;
    const before = this.lotCost(a) + this.lotCost(b);
    const after =
      this.costOf(this.H[a]! + dh, this.Sw[a]! + dw, this.Sx[a]! + dx, this.Sy[a]! + dy, this.Sq[a]! + dq) +
      this.costOf(this.H[b]! - dh, this.Sw[b]! - dw, this.Sx[b]! - dx, this.Sy[b]! - dy, this.Sq[b]! - dq);
    let d = after - before;
    const home = this.obj.home;
    if (home !== null && this.obj.wSimilarity > 0) {
      const hi = home[i]!, hj = home[j]!;
      d += (this.obj.wSimilarity / this.obj.parentSize) * ((hi !== b ? 1 : 0) - (hi !== a ? 1 : 0) + (hj !== a ? 1 : 0) - (hj !== b ? 1 : 0));
    }
    return d;
  }

  /** Total objective over the given lots and areas. */
  objective(lots: readonly number[], areas: readonly number[]): number {
    let s = 0;
    for (const l of lots) s += this.lotCost(l);
    const home = this.obj.home;
    if (home !== null && this.obj.wSimilarity > 0) {
      let moved = 0;
      for (const i of areas) if (home[i] !== this.assign[i]) moved++;
      s += (this.obj.wSimilarity * moved) / this.obj.parentSize;
    }
    return s;
  }

  /** True when area i could join lot b without breaking the travel limit (b's members all within reach). */
  travelOk(i: number, b: number): boolean {
    const t = this.obj.travel;
    if (t === null) return true;
    for (const j of this.members[b]!) {
      if (t.minutes(i, j) > t.maxMinutes || t.minutes(j, i) > t.maxMinutes) return false;
    }
    return true;
  }

  /** True when removing area i leaves its lot connected (and non-empty). */
  removable(i: number): boolean {
    const a = this.assign[i]!;
    const size = this.members[a]!.length;
    if (size <= 1) return false;
    const { adjStart, adjList } = this.g;
    let inLot = 0, start = -1;
    for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
      const j = adjList[p]!;
      if (this.assign[j] === a) {
        inLot++;
        start = j;
      }
    }
    if (inLot === 0) return false;
    if (inLot === 1) return true; // a leaf: the rest stays connected
    const e = ++this.epoch;
    this.mark[i] = e;
    this.mark[start] = e;
    let head = 0, tail = 0, seen = 1;
    this.queue[tail++] = start;
    while (head < tail) {
      const u = this.queue[head++]!;
      for (let p = adjStart[u]!; p < adjStart[u + 1]!; p++) {
        const v = adjList[p]!;
        if (this.assign[v] === a && this.mark[v] !== e) {
          this.mark[v] = e;
          this.queue[tail++] = v;
          seen++;
        }
      }
    }
    return seen === size - 1;
  }

  /** Objective terms of lots a and b (balance + compactness; similarity summed over their members). */
  objectiveOf(a: number, b: number): number {
    let s = this.lotCost(a) + this.lotCost(b);
    const home = this.obj.home;
    if (home !== null && this.obj.wSimilarity > 0) {
      let moved = 0;
      for (const l of [a, b]) for (const i of this.members[l]!) if (home[i] !== l) moved++;
      s += (this.obj.wSimilarity * moved) / this.obj.parentSize;
    }
    return s;
  }

  /**
   * The areas that would be cut off from lot(i) if i left it: every piece of lot(i) \ {i} except the
   * largest (ties: the piece holding the smallest area index). Empty when i is removable.
   */
  cutOff(i: number): number[] {
    const a = this.assign[i]!;
    const { adjStart, adjList } = this.g;
    const e = ++this.epoch;
    this.mark[i] = e;
    const pieces: number[][] = [];
    for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
      const s = adjList[p]!;
      if (this.assign[s] !== a || this.mark[s] === e) continue;
      const piece = [s];
      this.mark[s] = e;
      for (let h = 0; h < piece.length; h++) {
        const u = piece[h]!;
        for (let q = adjStart[u]!; q < adjStart[u + 1]!; q++) {
          const v = adjList[q]!;
          if (this.assign[v] === a && this.mark[v] !== e) {
            this.mark[v] = e;
            piece.push(v);
          }
        }
      }
      pieces.push(piece);
    }
    if (pieces.length <= 1) return [];
    let keep = 0;
    pieces.forEach((piece, k) => {
      if (piece.length > pieces[keep]!.length || (piece.length === pieces[keep]!.length && Math.min(...piece) < Math.min(...pieces[keep]!))) keep = k;
    });
    return pieces.filter((_, k) => k !== keep).flat();
  }

  /** True when lot l is one connected piece. */
  connected(l: number): boolean {
    const m = this.members[l]!;
    if (m.length <= 1) return m.length === 1;
    const { adjStart, adjList } = this.g;
    const e = ++this.epoch;
    let head = 0, tail = 0;
    this.queue[tail++] = m[0]!;
    this.mark[m[0]!] = e;
    while (head < tail) {
      const u = this.queue[head++]!;
      for (let p = adjStart[u]!; p < adjStart[u + 1]!; p++) {
        const v = adjList[p]!;
        if (this.assign[v] === l && this.mark[v] !== e) {
          this.mark[v] = e;
          this.queue[tail++] = v;
        }
      }
    }
    return tail === m.length;
  }

  /** Travel diameter of lot l (max minutes between two members), 0 without a travel limit. */
  diameter(l: number): number {
    const t = this.obj.travel;
    if (t === null) return 0;
    const m = this.members[l]!;
    let d = 0;
    for (let p = 0; p < m.length; p++) for (let q = 0; q < m.length; q++) if (p !== q) d = Math.max(d, t.minutes(m[p]!, m[q]!));
    return d;
  }
}
