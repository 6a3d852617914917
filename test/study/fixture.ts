// A 4-area strip for study tests: squares A0..A3 west to east (0.05° each, about 3.4 km), A0 and A1
// urban, A2 and A3 rural; three driving providers along it. Every distance is under 15 km, so every
// provider reaches every area within 30 minutes' drive and every share is 1.
import { loadBoundaries, type Provider } from "../../src/index.js";

const sq = (x: number) => ({ type: "Polygon", coordinates: [[[x, 52.6], [x + 0.05, 52.6], [x + 0.05, 52.65], [x, 52.65], [x, 52.6]]] });

export const stripBoundaries = () =>
  loadBoundaries(
    {
      type: "FeatureCollection",
      features: [0, 1, 2, 3].map((i) => ({ type: "Feature", properties: { code: `A${i}`, urban_rural: i < 2 ? "Urban" : "Rural", ccg: "C1" }, geometry: sq(-1.2 + i * 0.05) })),
    },
    { idProperty: "code" },
  );

/** Weekly hours: the west lot {A0, A1} holds 80 urban hours, the east lot {A2, A3} 80 rural hours. */
export const STRIP_HOURS = { A0: 30, A1: 50, A2: 20, A3: 60 };

const mix = { drive: 1, walk: 0, cycle: 0, transit: 0 };
export const stripProviders: Provider[] = [
  { id: "P1", lonLat: [-1.17, 52.62], capacityHours: 200, ratePerHour: 20, staffMix: mix, name: "Acorn Care", postcode: "LE1 1AA" },
  { id: "P2", lonLat: [-1.12, 52.62], capacityHours: 200, ratePerHour: 21, staffMix: mix },
  { id: "P3", lonLat: [-1.03, 52.62], capacityHours: 200, ratePerHour: 22, staffMix: mix },
];
