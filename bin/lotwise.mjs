#!/usr/bin/env node
// The `lotwise` command (package.json "bin"). All the work is in runCli (src/node/cli.ts), built to dist/node.js.
import { runCli } from "../dist/node.js";

process.exitCode = await runCli(process.argv.slice(2));
