/**
 * The one sparse model builder every lotwise model uses (allocation, withdrawal/re-letting, location),
 * in the manner of spopt's `FacilityModelBuilder`: columns are added in families, rows through named
 * helpers that say which modelling pattern they are (a big-M link, a covering row, a capacity row...),
 * and `build()` returns a solver-neutral {@link SparseModel} (CSR rows).
 *
 * Conventions, the same for every helper:
 * - a column index < 0 means "this variable does not exist" (a family built with `addColumns` leaves -1
 *   where its spec returned null) and the term is skipped, so a row can be written once over a family
 *   and still only touch the columns that exist;
 * - zero coefficients are skipped (HiGHS drops them on input too; the CSR stays as small as possible);
 * - a column may appear at most once per row (the model checker rejects duplicates);
 * - rows and columns are numbered in the order they are added: same calls, same model, byte for byte.
 * Storage grows in typed arrays (no per-entry objects), copied once to exact length by `build()`.
 * @module
 */
import type { SparseModel } from "./types.js";

/** One column of a family built by {@link SparseModelBuilder.addColumns}. */
export interface ColumnSpec {
  /** Objective coefficient. @defaultValue 0 */
  readonly cost?: number;
  /** Lower bound. @defaultValue 0 */
  readonly lower?: number;
  /** Upper bound. @defaultValue Infinity */
  readonly upper?: number;
  /** Integer column. @defaultValue false */
  readonly integer?: boolean;
  /** Name, kept only when the builder was created with `{ names: true }`. */
  readonly name?: string;
}

/** A binary column spec ({0, 1}, integer) with an optional cost. */
export const BINARY: ColumnSpec = Object.freeze({ lower: 0, upper: 1, integer: true });

class GrowF64 {
  a = new Float64Array(64);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Float64Array {
    return this.a.slice(0, this.n);
  }
}

class GrowI32 {
  a = new Int32Array(64);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    return this.a.slice(0, this.n);
  }
}

/**
 * Collects the terms of one row, then closes it with its bounds. Get one from
 * {@link SparseModelBuilder.row}; it is reused, so finish a row before starting the next.
 */
export class RowBuilder {
  /** @internal */
  constructor(private readonly owner: SparseModelBuilder) {}

  /** Adds `coef · x[col]` (skipped when col < 0 or coef = 0). */
  add(col: number, coef = 1): this {
    this.owner.pushTerm(col, coef);
    return this;
  }

  /** Adds `coef · x[c]` for every c in `cols`; `coef` may be a function of the position in `cols`. */
  addAll(cols: ArrayLike<number>, coef: number | ((k: number) => number) = 1): this {
    for (let k = 0; k < cols.length; k++) this.owner.pushTerm(cols[k]!, typeof coef === "number" ? coef : coef(k));
    return this;
  }

  /** Adds `coef · x[cols[k]]` for k in [from, to) (a family's slice, e.g. one lot's pairs). */
  addRange(cols: ArrayLike<number>, from: number, to: number, coef = 1): this {
    for (let k = from; k < to; k++) this.owner.pushTerm(cols[k]!, coef);
    return this;
  }

  /** Closes the row as `lower ≤ Σ ≤ upper`; returns its index. */
  between(lower: number, upper: number, name?: string): number {
    return this.owner.closeRow(lower, upper, name);
  }

  /** Closes the row as `Σ ≤ upper`. */
  atMost(upper: number, name?: string): number {
    return this.owner.closeRow(-Infinity, upper, name);
  }

  /** Closes the row as `Σ ≥ lower`. */
  atLeast(lower: number, name?: string): number {
    return this.owner.closeRow(lower, Infinity, name);
  }

  /** Closes the row as `Σ = rhs`. */
  equals(rhs: number, name?: string): number {
    return this.owner.closeRow(rhs, rhs, name);
  }
}

/**
 * Grows a {@link SparseModel} column by column and row by row. See the module comment for the
 * conventions (negative column = absent, zero coefficients skipped, insertion order kept).
 *
 * @internal
 * @example
 * ```ts
 * import { BINARY, SparseModelBuilder } from "./model-builder.js";
 * // p-median on 2 points × 2 sites, p = 1: min Σ w·d·x  s.t. Σ_j x_ij = 1, x_ij ≤ y_j, Σ y = 1
 * const b = new SparseModelBuilder();
 * const y = b.addColumns(2, () => BINARY);
 * const d = [[0, 4], [3, 0]];
 * for (let i = 0; i < 2; i++) {
 *   const x = b.addColumns(2, (j) => ({ cost: d[i]![j]!, upper: 1 }));
 *   b.addAssignmentRow(x);
 *   for (let j = 0; j < 2; j++) b.addLinkRow(x[j]!, y[j]!, 1);
 * }
 * b.addCountRow(y, 1);
 * const model = b.build("min"); // 6 columns, 7 rows
 * ```
 */
export class SparseModelBuilder {
  private readonly cost = new GrowF64();
  private readonly colLower = new GrowF64();
  private readonly colUpper = new GrowF64();
  private integ = new Uint8Array(64);
  private readonly rowLower = new GrowF64();
  private readonly rowUpper = new GrowF64();
  private readonly rowStart = new GrowI32();
  private readonly colIndex = new GrowI32();
  private readonly value = new GrowF64();
  private readonly colNames: string[] | undefined;
  private readonly rowNames: string[] | undefined;
  private readonly rowBuilder = new RowBuilder(this);

  /** @param options - `names: true` keeps column and row names in the built model (for messages). */
  constructor(options: { names?: boolean } = {}) {
    this.rowStart.push(0);
    if (options.names === true) {
      this.colNames = [];
      this.rowNames = [];
    }
  }

  /** Number of columns added so far. */
  get numCols(): number {
    return this.cost.n;
  }

  /** Number of rows added so far. */
  get numRows(): number {
    return this.rowLower.n;
  }

  /** Upper bound of a column already added. */
  upperOf(col: number): number {
    return this.colUpper.a[col]!;
  }

  /** Adds one column and returns its index. */
  addColumn(cost: number, lower: number, upper: number, integer = false, name?: string): number {
    const j = this.cost.n;
    this.cost.push(cost);
    this.colLower.push(lower);
    this.colUpper.push(upper);
    if (j === this.integ.length) {
      const b = new Uint8Array(this.integ.length * 2);
      b.set(this.integ);
      this.integ = b;
    }
    this.integ[j] = integer ? 1 : 0;
    this.colNames?.push(name ?? `c${j}`);
    return j;
  }

  /** Adds a {0, 1} integer column (a decision: open a site, let a lot, lead a lot). */
  addBinary(cost = 0, name?: string): number {
    return this.addColumn(cost, 0, 1, true, name);
  }

  /**
   * Adds a family of `count` columns, `spec(k)` for member k, or none where `spec` returns null.
   * @returns the column index of each member, -1 where it was not created.
   */
  addColumns(count: number, spec: (k: number) => ColumnSpec | null): Int32Array {
    const cols = new Int32Array(count).fill(-1);
    for (let k = 0; k < count; k++) {
      const s = spec(k);
      if (s !== null) cols[k] = this.addColumn(s.cost ?? 0, s.lower ?? 0, s.upper ?? Infinity, s.integer ?? false, s.name);
    }
    return cols;
  }

  /** Fixes a column at a value (both bounds), e.g. a required site (spopt's predefined facility). */
  fixColumn(col: number, value: number): void {
    this.colLower.a[col] = value;
    this.colUpper.a[col] = value;
  }

  /** Starts a row: add terms, then close it with `between`/`atMost`/`atLeast`/`equals`. */
  row(): RowBuilder {
    return this.rowBuilder;
  }

  /** Adds `lower ≤ Σ_k coefs[k]·x[cols[k]] ≤ upper` and returns the row index. */
  addRow(cols: ArrayLike<number>, coefs: ArrayLike<number>, lower: number, upper: number, name?: string): number {
    for (let k = 0; k < cols.length; k++) this.pushTerm(cols[k]!, coefs[k]!);
    return this.closeRow(lower, upper, name);
  }

  /** `x ≤ bigM · y`: x can be positive only when the binary y is 1 (spopt's opening constraint). */
  addLinkRow(x: number, y: number, bigM: number, name?: string): number {
    return this.row().add(x, 1).add(y, -bigM).atMost(0, name);
  }

  /** `x + bigM · y ≤ bigM`: x can be positive only when the binary y is 0 (x ≤ bigM · (1 − y)). */
  addLinkIfNotRow(x: number, y: number, bigM: number, name?: string): number {
    return this.row().add(x, 1).add(y, bigM).atMost(bigM, name);
  }

  /** `x ≥ amount · y`: when the binary y is 1, x is at least `amount` (a minimum share, a lead share). */
  addMinimumIfRow(x: number, y: number, amount: number, name?: string): number {
    return this.row().add(x, 1).add(y, -amount).atLeast(0, name);
  }

  /** `Σ cols ≤ 1`: at most one of these binaries (e.g. the contingency is not the lead). */
  addAtMostOneRow(cols: ArrayLike<number>, name?: string): number {
    return this.row().addAll(cols).atMost(1, name);
  }

  /**
   * `Σ cols = rhs`: the shares (or hours) of one demand add up to it (spopt's assignment constraint,
   * rhs 1); with `slack`, `Σ cols + slack = rhs` (an elastic demand row whose slack is the unmet part).
   */
  addAssignmentRow(cols: ArrayLike<number>, rhs = 1, slack = -1, name?: string): number {
    return this.row().addAll(cols).add(slack, 1).equals(rhs, name);
  }

  /**
   * `Σ cols = count`: exactly `count` of these binaries (spopt's facility constraint, Σ y = p). With
   * `unless` (a binary), `Σ cols + count · unless = count`: exactly `count`, or none when `unless` is 1.
   */
  addCountRow(cols: ArrayLike<number>, count: number, unless = -1, name?: string): number {
    return this.row().addAll(cols).add(unless, count).equals(count, name);
  }

  /**
   * `Σ coef·cols ≥ times`: covered at least `times` (spopt's set covering row). With `unless` (a binary),
   * `Σ coef·cols + times · unless ≥ times`: the requirement lapses when `unless` is 1.
   */
  addCoveringRow(cols: ArrayLike<number>, times = 1, unless = -1, coef = 1, name?: string): number {
    return this.row().addAll(cols, coef).add(unless, times).atLeast(times, name);
  }

  /** `times · z ≤ Σ cols`: z may be 1 only when `times` of these binaries are (spopt's maximal coverage row). */
  addMaximalCoveringRow(z: number, cols: ArrayLike<number>, times = 1, name?: string): number {
    return this.row().add(z, times).addAll(cols, -1).atMost(0, name);
  }

  /**
   * `Σ_k uses[k] · x[cols[k]] ≤ capacity` (a provider's hours, a site's demand served); with `open` (a
   * binary), `Σ uses·x − capacity · open ≤ 0`: no capacity unless the site is open. `uses` may be one
   * number for every column.
   */
  addCapacityRow(cols: ArrayLike<number>, uses: number | ArrayLike<number>, capacity: number, open = -1, name?: string): number {
    const r = this.row();
    for (let k = 0; k < cols.length; k++) this.pushTerm(cols[k]!, typeof uses === "number" ? uses : uses[k]!);
    if (open >= 0) return r.add(open, -capacity).atMost(0, name);
    return r.atMost(capacity, name);
  }

  /** @internal */
  pushTerm(col: number, coef: number): void {
    if (col < 0 || coef === 0) return;
    this.colIndex.push(col);
    this.value.push(coef);
  }

  /** @internal */
  closeRow(lower: number, upper: number, name?: string): number {
    const i = this.rowLower.n;
    this.rowStart.push(this.colIndex.n);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    this.rowNames?.push(name ?? `r${i}`);
    return i;
  }

  /** The model built so far (the builder can keep growing afterwards). */
  build(sense: "min" | "max", offset = 0): SparseModel {
    const model: SparseModel = {
      sense,
      numCols: this.cost.n,
      numRows: this.rowLower.n,
      cost: this.cost.done(),
      colLower: this.colLower.done(),
      colUpper: this.colUpper.done(),
      integrality: this.integ.slice(0, this.cost.n),
      rowLower: this.rowLower.done(),
      rowUpper: this.rowUpper.done(),
      rowStart: this.rowStart.done(),
      colIndex: this.colIndex.done(),
      value: this.value.done(),
    };
    if (offset !== 0) model.offset = offset;
    if (this.colNames !== undefined && this.rowNames !== undefined) {
      model.colNames = [...this.colNames];
      model.rowNames = [...this.rowNames];
    }
    return model;
  }
}

/** A copy of `model` with one more row `lower ≤ Σ_j coef[j]·x_j ≤ upper` over the columns with coef ≠ 0. */
export function withExtraRow(model: SparseModel, coef: Float64Array, lower: number, upper: number): SparseModel {
  const cols: number[] = [];
  const vals: number[] = [];
  coef.forEach((c, j) => {
    if (c !== 0) {
      cols.push(j);
      vals.push(c);
    }
  });
  const nnz = model.colIndex.length;
  const colIndex = new Int32Array(nnz + cols.length);
  colIndex.set(model.colIndex);
  colIndex.set(cols, nnz);
  const value = new Float64Array(nnz + vals.length);
  value.set(model.value);
  value.set(vals, nnz);
  const rowStart = new Int32Array(model.numRows + 2);
  rowStart.set(model.rowStart);
  rowStart[model.numRows + 1] = nnz + cols.length;
  const rowLower = new Float64Array(model.numRows + 1);
  rowLower.set(model.rowLower);
  rowLower[model.numRows] = lower;
  const rowUpper = new Float64Array(model.numRows + 1);
  rowUpper.set(model.rowUpper);
  rowUpper[model.numRows] = upper;
  const out: SparseModel = { ...model, numRows: model.numRows + 1, rowStart, colIndex, value, rowLower, rowUpper };
  if (model.rowNames !== undefined) out.rowNames = [...model.rowNames, `r${model.numRows}`];
  return out;
}

/** The LP relaxation of `model`: the same model with every column continuous. */
export function relaxIntegrality(model: SparseModel): SparseModel {
  return { ...model, integrality: new Uint8Array(model.numCols) };
}

/**
 * A copy of `model` with the given columns fixed (both bounds) at `Math.round(x[col])` and integrality
 * dropped: the LP left once the integer decisions are taken (shadow prices, polishing a start).
 */
export function fixColumns(model: SparseModel, cols: Iterable<number>, x: Float64Array): SparseModel {
  const colLower = Float64Array.from(model.colLower);
  const colUpper = Float64Array.from(model.colUpper);
  for (const j of cols) {
    if (j < 0) continue;
    const v = Math.round(x[j]!);
    colLower[j] = v;
    colUpper[j] = v;
  }
  return { ...model, colLower, colUpper, integrality: new Uint8Array(model.numCols) };
}
