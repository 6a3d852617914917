// lotwise root entry: re-exports only; browser-safe; no side effects.
export { LotwiseError, isLotwiseError, formatIssues } from "./errors.js";
export type { LotwiseErrorCode, LotwiseIssue } from "./errors.js";
export type { Id, LonLat, BBox, AbortSignalLike } from "./types.js";
export { BoundaryCollectionSchema, LoadBoundariesOptionsSchema } from "./schema/boundary.js";
export type { LoadBoundariesOptions } from "./schema/boundary.js";
export type { Boundaries, BoundaryFeature } from "./boundaries/types.js";
export { loadBoundaries } from "./boundaries/load.js";
export type { SparseModel, SolveStatus, SolveProgress, SolveOptions, SolveResult, Solver } from "./allocate/solvers/types.js";
export type { Lot, LotPlan, DemandHours } from "./lots/types.js";
export { TRAVEL_MODES } from "./coverage/types.js";
export type { TravelMode, TravelMatrix } from "./coverage/types.js";
export type { VerifyReport, VerifyTolerances } from "./allocate/solvers/types.js";
export { highsSolver } from "./allocate/solvers/highs.js";
export type { HighsSolver, HighsSolverOptions } from "./allocate/solvers/highs.js";
export { verifySolution, solveVerified } from "./allocate/verify.js";
