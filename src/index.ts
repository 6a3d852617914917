// lotwise root entry: re-exports only; browser-safe; no side effects.
export { LotwiseError, isLotwiseError, formatIssues } from "./errors.js";
export type { LotwiseErrorCode, LotwiseIssue } from "./errors.js";
export { type Id, type LonLat, type BBox, type AbortSignalLike, type Lot, type LotPlan, type DemandHours, TRAVEL_MODES, type TravelMode, type TravelMatrix, type TravelPoint, type TravelTimeSource, type SyncTravelTimeSource, type Area, type UrbanRural, type StaffMix, type Provider, type LotBridge } from "./domain/index.js";
export { BoundaryCollectionSchema, LoadBoundariesOptionsSchema } from "./schema/boundary.js";
export type { LoadBoundariesOptions } from "./schema/boundary.js";
export type { Boundaries, BoundaryFeature } from "./boundaries/types.js";
export { loadBoundaries } from "./boundaries/load.js";
export type { SparseModel, SolveStatus, SolveProgress, SolveOptions, SolveResult, Solver } from "./solvers/types.js";
export type { VerifyReport, VerifyTolerances } from "./solvers/types.js";
export { highsSolver } from "./solvers/highs.js";
export type { HighsSolver, HighsSolverOptions } from "./solvers/highs.js";
export { verifySolution, solveVerified } from "./solvers/verify.js";
export { renderMap } from "./report/render-map.js";
export { renderReport } from "./report/render-report.js";
export type { RenderedReport } from "./report/render-report.js";
export { RenderMapOptionsSchema, ReportInputSchema } from "./schema/report.js";
export type { RenderMapOptions, ReportInput, ReportLotRow, ReportProviderRow, ReportWithdrawalRow, ReportReletRow, ReportRelet } from "./schema/report.js";
export { LocatePointOptionsSchema, BoundaryAdjacencyOptionsSchema, NestAreasOptionsSchema } from "./schema/boundary.js";
export type { LocatePointOptions, BoundaryAdjacencyOptions, NestAreasOptions } from "./schema/boundary.js";
export { indexBoundaries } from "./boundaries/spatial-index.js";
export type { BoundaryIndex } from "./boundaries/spatial-index.js";
export { boundaryAdjacency } from "./boundaries/adjacency.js";
export type { Adjacency, AdjacencyPair, AdjacencyRule } from "./boundaries/adjacency.js";
export { nestAreas } from "./boundaries/nest.js";
export type { NestReport, NestAssignment, NestMismatch, NestShare } from "./boundaries/nest.js";
export type { Coverage } from "./coverage/types.js";
export { straightLineTravel } from "./coverage/straight-line.js";
export { networkTravel } from "./coverage/network.js";
export type {
  RoadNetwork,
  NetworkTravelMatrix,
  NetworkSnap,
  NetworkComponents,
  UnreachablePair,
  UnreachableReason,
  RoadNetworkReport,
  ExcludedWays,
  UnknownMaxspeed,
} from "./coverage/network.js";
export { STRAIGHT_LINE_RUTLAND_2022 } from "./coverage/straight-line-presets.js";
export { busServiceTravel } from "./coverage/bus-service.js";
export type { BusServiceSource, BusTravelMatrix, UnservedPoint } from "./coverage/bus-service.js";
export { combineTravel } from "./coverage/combine-travel.js";
export { travelMatrixFromRows, travelMatrixToRows } from "./coverage/matrix-rows.js";
export type { TravelTimeRowOut } from "./coverage/matrix-rows.js";
export { areasFromBoundaries } from "./boundaries/areas.js";
export { locateProviders } from "./coverage/locate-providers.js";
export type { LocatedProvider } from "./coverage/locate-providers.js";
export { computeCoverage } from "./coverage/coverage.js";
export type { ComputeCoverageInput } from "./coverage/coverage.js";
export { demandCoverage } from "./coverage/demand-coverage.js";
export type { DemandCoverageRow } from "./coverage/demand-coverage.js";
export { lotCoverage } from "./coverage/lot-coverage.js";
export type { LotCoverageRow } from "./coverage/lot-coverage.js";
export { lotWalkability } from "./coverage/walkability.js";
export type { LotWalkability, ModeWalkability } from "./coverage/walkability.js";
export { isochrone } from "./coverage/isochrone.js";
export type { IsochroneProperties } from "./coverage/isochrone.js";
export { generateProviders } from "./providers/generate.js";
export {
  TravelModeSchema,
  TravelPointSchema,
  StraightLineOptionsSchema,
  NetworkTravelOptionsSchema,
  RoadLayerSchema,
  TravelTimeRowSchema,
  DEFAULT_ROAD_SPEEDS_KMH,
  OsmProfileSchema,
  OSM_DRIVE_KMH,
} from "./schema/travel.js";
export type { StraightLineOptions, NetworkTravelOptions, TravelTimeRow, TravelMatrixFromRowsOptions, OsmProfileOptions } from "./schema/travel.js";
export { BusServiceOptionsSchema, BusServiceRowsSchema, BUS_DAYS, BUS_BANDS, DEFAULT_BAND_HOURS } from "./schema/transit.js";
export type { BusServiceOptions } from "./schema/transit.js";
export { ProviderSchema, StaffMixSchema, GenerateProvidersOptionsSchema } from "./schema/provider.js";
export type { GenerateProvidersOptions } from "./schema/provider.js";
export { ThresholdMinutesSchema, LotWalkabilityOptionsSchema } from "./schema/coverage.js";
export { AreasFromBoundariesOptionsSchema } from "./schema/boundary.js";
export { AreaSchema, AreaListSchema } from "./schema/area.js";
export type { ThresholdMinutes, LotWalkabilityOptions } from "./schema/coverage.js";
export type { AreasFromBoundariesOptions } from "./schema/boundary.js";
export { jsLpSolver } from "./solvers/js-lp-solver.js";
export type { JsLpSolverOptions } from "./solvers/js-lp-solver.js";
export { locationProblem, locationProblemFromTravel } from "./locate/problem.js";
export { lscp, mclp, backupCoverage } from "./locate/coverage.js";
export { pMedian } from "./locate/p-median.js";
export { pCenter } from "./locate/p-center.js";
export type { LocationProblem, LocationResult, LocationAssignment, LocationModelName } from "./locate/types.js";
export {
  LocationProblemInputSchema,
  LocationFromTravelOptionsSchema,
  LscpOptionsSchema,
  MclpOptionsSchema,
  BackupCoverageOptionsSchema,
  PMedianOptionsSchema,
  PCenterOptionsSchema,
} from "./schema/locate.js";
export type { LocationProblemInput, LocationFromTravelOptions, LscpOptions, MclpOptions, BackupCoverageOptions, PMedianOptions, PCenterOptions } from "./schema/locate.js";
export { estimateDemand } from "./demand/estimate-demand.js";
export type { DemandEstimate, SkippedWeightColumn } from "./demand/estimate-demand.js";
export { EstimateDemandOptionsSchema } from "./schema/demand.js";
export type { EstimateDemandOptions } from "./schema/demand.js";
export { designLots } from "./lots/design-lots.js";
export { evaluateLots } from "./lots/evaluate-lots.js";
export type { LotEvaluation, LotMetrics, LotTravelMetrics } from "./lots/evaluate-lots.js";
export { lotsToGeoJSON } from "./lots/lots-to-geojson.js";
export type { LotFeatureProperties } from "./lots/lots-to-geojson.js";
export { DesignLotsOptionsSchema, EvaluateLotsOptionsSchema, LotsToGeoJSONOptionsSchema } from "./schema/lots.js";
export type { DesignLotsOptions, EvaluateLotsOptions, LotsToGeoJSONOptions } from "./schema/lots.js";
export type { AreaAdjacency, LotViolation, LotViolationKind, DesignedLot, LotDesign } from "./lots/types.js";
export { webWorkerSolver } from "./solvers/web-worker-solver.js";
export type { WebWorkerSolverOptions, WorkerLike } from "./solvers/web-worker-solver.js";
export type { WorkerSolver } from "./solvers/worker-client.js";
export type { WorkerSolverSettings } from "./solvers/worker-protocol.js";
export { allocate } from "./allocate/allocate.js";
export { generateAllocationInstance } from "./allocate/generate.js";
export type { GeneratedAllocationInstance } from "./allocate/generate.js";
export type {
  AllocationResult,
  LotAllocation,
  ProviderAllocation,
  ProviderHours,
  UnmetReason,
  WithdrawalResult,
  WithdrawalLotImpact,
  WithdrawalProviderChange,
  WithdrawalPlan,
  WithdrawalSweepEntry,
  WithdrawalSweepResult,
  ReplacedHours,
  LastResortUse,
  SecurityReport,
  SecurityScenario,
} from "./allocate/types.js";
export {
  AllocationInputSchema,
  AllocationLotSchema,
  AllocationProviderSchema,
  AllocationEligibilitySchema,
  AllocationPolicySchema,
  AllocateOptionsSchema,
  LastResortProviderSchema,
  LastResortSchema,
  ReplanScopeSchema,
  WithdrawalOptionsSchema,
  WithdrawalGroupSchema,
  WithdrawalSweepOptionsSchema,
  GenerateAllocationOptionsSchema,
} from "./schema/allocation.js";
export type {
  AllocationInput,
  AllocationLot,
  AllocationProvider,
  AllocationEligibility,
  AllocationPolicy,
  ResolvedAllocationPolicy,
  ResolvedAllocationInput,
  AllocateOptions,
  LastResort,
  LastResortProvider,
  ReplanScope,
  WithdrawalOptions,
  WithdrawalGroup,
  WithdrawalSweepOptions,
  GenerateAllocationOptions,
} from "./schema/allocation.js";
export { simulateWithdrawal, withdrawalSweep } from "./allocate/withdrawal.js";
export { locationProblemFromCoverage } from "./locate/from-coverage.js";
export { LocationFromCoverageOptionsSchema } from "./schema/locate.js";
export type { LocationFromCoverageOptions } from "./schema/locate.js";
export { demandFromRows, planFromRows, providersFromRows, allocationToRows, withdrawalToRows, withdrawalLotsToRows } from "./io/rows.js";
export type { AllocationRows, OutputRow } from "./io/rows.js";
export { DemandRowSchema, PlanRowSchema, ProviderRowSchema, EligibilityRowSchema } from "./schema/rows.js";
export type { DemandRow, PlanRow, ProviderRow, EligibilityRow } from "./schema/rows.js";
export { MAX_MATRIX_CELLS } from "./coverage/matrix-limit.js";
export { costOfCare } from "./cost/cost-of-care.js";
export type { CostPlan } from "./cost/cost-of-care.js";
export type { CostArea } from "./cost/parse-areas.js";
export type { CostOfCare, LotCost, AreaCost, BandCost, LotCostStatus } from "./cost/types.js";
export type { CostParts } from "./cost/build-up.js";
export { MINIMUM_PRICE_2020_21, MINIMUM_PRICE_BY_YEAR, DEFAULT_VISIT_MIX, DEFAULT_COST_STAFF_MIX } from "./cost/defaults.js";
export type { CostAssumption } from "./cost/defaults.js";
export { rateSustainability } from "./cost/sustainability.js";
export type { RateCheck, LotSustainability, RateSustainability } from "./cost/sustainability.js";
export { compareVisitMixes } from "./cost/compare-visit-mixes.js";
export type { VisitMixComparison, VisitMixLotComparison, VisitMixFigures } from "./cost/compare-visit-mixes.js";
export {
  CostOfCareOptionsSchema,
  VisitMixSchema,
  VisitLengthSchema,
  OnCostsSchema,
  TravelModelSchema,
  RateWeightOptionsSchema,
  RateToCheckSchema,
  RateSustainabilityOptionsSchema,
  PRICE_BANDS,
} from "./schema/cost.js";
export type { CostOfCareOptions, VisitMix, VisitLength, OnCosts, TravelModelOptions, RateWeightOptions, RateToCheck, RateSustainabilityOptions, PriceBand } from "./schema/cost.js";
export { runStudy } from "./study/run-study.js";
export { STUDY_STAGES } from "./study/types.js";
export type { Study, StudyInput, StudyOptions, StudyDemand, StudyLots, StudyReletProviders, StudyLastResort, StudyStage, StudyProgress, StudyStageRecord } from "./study/types.js";
export { studyText } from "./study/summary.js";
export { allocationInputFrom, lastResortFrom } from "./study/allocation-input.js";
export type { AllocationInputParts, AllocationInputOptions } from "./study/allocation-input.js";
export { providersReachingAreas } from "./coverage/area-reach.js";
export { demandToRows, planToRows, lotsToRows, providersToRows, lotCoverageToRows, LOT_COVERAGE_COLUMNS } from "./io/output-rows.js";
export { largestLead } from "./report/allocation-report-rows.js";
export type { AllocationSummary } from "./allocate/types.js";
export { renderStudy, studySummary } from "./study/render-study.js";
export type { RenderStudyOptions, RenderedStudy, StudySummary } from "./study/render-study.js";
export { allocationReportRows } from "./report/report-rows.js";
export type { AllocationReportParts } from "./report/report-rows.js";
