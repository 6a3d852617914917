// Placeholder until the demo pipeline lands: loads the Leicestershire LSOAs and prints counts.
import { readBoundaries } from "../src/node/index.js";

const lsoas = await readBoundaries(new URL("../geodata/lsoa11_leicestershire.geojson", import.meta.url).pathname, { idProperty: "lsoa11cd" });
console.log(`Loaded ${lsoas.ids.length} LSOAs`);
