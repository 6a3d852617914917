import type { Id } from "./ids.js";

/** Weekly care hours per small area: `{ [areaId]: hours }`. */
export type DemandHours = Readonly<Record<Id, number>>;
