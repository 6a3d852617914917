// Runs the command line from source in a child process (for tests that need process limits such as
// `ulimit -f`): node --import tsx test/node/run-cli.ts <args…>.
import { runCli } from "../../src/node/cli.js";

process.exitCode = await runCli(process.argv.slice(2));
