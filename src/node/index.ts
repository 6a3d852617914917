// lotwise/node: file helpers for Node. Core functions come from "lotwise"; nothing here is reachable from it.
export { readBoundaries, readGeoJSON, writeGeoJSON, writeFileAtomic, writeFilesAtomic } from "./files.js";
export type { OutputFile } from "./files.js";
export { readCsv, writeCsv, formatCsv, formatCsvCell, parseCsvRows } from "./csv.js";
export { readCsvRecords } from "./csv-records.js";
export type { CsvCell, CsvRow, ReadCsvOptions, WriteCsvOptions } from "./csv.js";
export { workerSolver } from "./worker-solver.js";
export type { NodeWorkerSolverOptions } from "./worker-solver.js";
export { runCli, processIo } from "./cli.js";
export type { CliIo } from "./cli-io.js";
export { readOsmPbf, OSM_HIGHWAY_TAGS } from "./osm-pbf.js";
export type { OsmPbfSummary } from "./osm-pbf.js";
export { writeStudy, studyFiles } from "./write-study.js";
export type { WriteStudyOptions } from "./write-study.js";
