// The shared nouns of lotwise: types only, plus the TRAVEL_MODES constant. Every folder may import
// from here; this folder imports from nothing else in src/.
export type { Id, LonLat, BBox } from "./ids.js";
export type { AbortSignalLike } from "./signal.js";
export { TRAVEL_MODES } from "./travel.js";
export type { TravelMode, TravelMatrix, TravelPoint, TravelTimeSource, SyncTravelTimeSource } from "./travel.js";
export type { StaffMix, Provider } from "./provider.js";
export type { DemandHours } from "./demand.js";
export type { Area, UrbanRural } from "./area.js";
export type { Lot, LotPlan, LotBridge } from "./lot.js";
