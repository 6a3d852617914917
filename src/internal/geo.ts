import type { LonLat } from "../domain/index.js";

/** Mean Earth radius in metres (IUGG), the value @turf/helpers uses too. */
export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres between two [lon, lat] points (haversine). */
export function haversineMetres(a: LonLat, b: LonLat): number {
  return haversineMetresXY(a[0], a[1], b[0], b[1]);
}

/** Haversine on raw numbers (no array allocation: used in hot loops). */
export function haversineMetresXY(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * Local equirectangular projection to metres around a reference latitude. Accurate to well under
 * 0.1% over a county (< 100 km), which is what edge-distance and snapping need.
 */
export function metresPerDegree(refLat: number): { mx: number; my: number } {
  const my = EARTH_RADIUS_M * RAD;
  return { mx: my * Math.cos(refLat * RAD), my };
}

/** Distance in metres from point p to segment ab, all in lon/lat, via a local projection. */
export function pointSegmentMetres(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const { mx, my } = metresPerDegree(py);
  const x = (px - ax) * mx;
  const y = (py - ay) * my;
  const dx = (bx - ax) * mx;
  const dy = (by - ay) * my;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? (x * dx + y * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = x - t * dx;
  const ey = y - t * dy;
  return Math.sqrt(ex * ex + ey * ey);
}
