import { z } from "zod";

/** Column names tried, in order, when {@link PostcodeDirectoryOptions} leaves a column out (ONSPD/NSPL and plain files). */
export const POSTCODE_DIRECTORY_COLUMNS = {
  postcode: ["postcode", "pcds", "pcd", "pcd7", "pcd8", "pcd2"],
  lat: ["lat", "latitude"],
  lon: ["lon", "long", "lng", "longitude"],
} as const;

/** Options of `postcodeDirectory` (and of a directory given as rows to `geocodePostcodes`). */
export interface PostcodeDirectoryOptions {
  /**
   * Column holding the postcode, in any case and spacing (`BD127WX`, `bd12 7wx`, ONSPD's padded `pcd`).
   * @defaultValue the first of `postcode`, `pcds`, `pcd`, `pcd7`, `pcd8`, `pcd2` present in the first row
   */
  readonly postcodeColumn?: string | undefined;
  /** Column holding the latitude (WGS84). @defaultValue the first of `lat`, `latitude` present */
  readonly latColumn?: string | undefined;
  /** Column holding the longitude (WGS84). @defaultValue the first of `lon`, `long`, `lng`, `longitude` present */
  readonly lonColumn?: string | undefined;
}

/** Zod check of {@link PostcodeDirectoryOptions}. */
export const PostcodeDirectoryOptionsSchema = z
  .object({ postcodeColumn: z.string().min(1).optional(), latColumn: z.string().min(1).optional(), lonColumn: z.string().min(1).optional() })
  .strict();

/** Options of `geocodePostcodes`. */
export interface GeocodePostcodesOptions extends PostcodeDirectoryOptions {
  /**
   * Column of the rows being geocoded that holds the postcode (the directory's own column is
   * `postcodeColumn`).
   * @defaultValue `"postcode"`
   */
  readonly column?: string | undefined;
}

/** Zod check of {@link GeocodePostcodesOptions}. */
export const GeocodePostcodesOptionsSchema = PostcodeDirectoryOptionsSchema.extend({ column: z.string().min(1).default("postcode") }).strict();
