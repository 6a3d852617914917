// The `lotwise` command line: design, coverage, allocate, withdraw, evaluate. runCli(argv, io) is the
// whole program (bin/lotwise.mjs only calls it), so every command is tested from source with vitest.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { isLotwiseError } from "../errors.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { COMMANDS, type Command } from "./cli-commands.js";

const ROOT_HELP = `lotwise — design home-care contract lots on a map

Usage: lotwise <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.name.padEnd(10)} ${c.summary}`)
  .join("\n")}

Run \`lotwise <command> --help\` for a command's options and an example.
Inputs: GeoJSON boundaries and CSV tables; outputs: CSV, GeoJSON, an SVG map and a Markdown/HTML report.
`;

function commandHelp(c: Command): string {
  const opts = Object.entries(c.options)
    .map(([name, o]) => {
      const flag = `--${name}${o.type === "string" ? ` ${o.placeholder ?? "VALUE"}` : ""}`;
      return `  ${flag.padEnd(34)} ${o.help}${o.multiple === true ? " (repeatable)" : ""}`;
    })
    .join("\n");
  return `lotwise ${c.name} — ${c.summary}\n\nUsage: lotwise ${c.name} [options]\n\n${c.description}\n\nOptions:\n${opts}\n  ${"--help".padEnd(34)} show this help\n\nExample:\n  ${c.example}\n`;
}

/** The default {@link CliIo}: process streams and the current folder. */
export function processIo(): CliIo {
  return { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() };
}

/**
 * Runs the `lotwise` command line. Exit codes: 0 done, 1 bad input or a failed step (the LotwiseError
 * message is printed), 2 a usage mistake (unknown command or option, missing argument). Outputs are
 * written only after every step has succeeded, each atomically, so a failure leaves no partial file.
 *
 * @param argv - the arguments after the program name, e.g. `["design", "--boundaries", "lsoas.geojson", …]`.
 * @param io - where output goes and the folder paths are relative to (default: the process's).
 * @returns the exit code.
 * @throws never: every error becomes a message on `io.stderr` and a non-zero code.
 * @example
 * ```ts
 * import { runCli } from "lotwise/node";
 * const code = await runCli(["design", "--help"]); // prints the design options and an example; 0
 * ```
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = { ...processIo(), ...io };
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    full.stdout(ROOT_HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    full.stderr(`lotwise: unknown command ${JSON.stringify(name)}. Commands: ${Object.keys(COMMANDS).join(", ")}. Run \`lotwise --help\`.\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    full.stdout(commandHelp(command));
    return 0;
  }
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    const config: ParseArgsConfig = {
      args: [...rest],
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(Object.entries(command.options).map(([k, o]) => [k, { type: o.type, ...(o.multiple === true ? { multiple: true } : {}) }])),
    };
    values = parseArgs(config).values as typeof values;
  } catch (e) {
    full.stderr(`lotwise ${name}: ${(e as Error).message}\nRun \`lotwise ${name} --help\` for the options.\n`);
    return 2;
  }
  try {
    const summary = await command.run(values, full);
    full.stdout(summary.endsWith("\n") ? summary : `${summary}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      full.stderr(`lotwise ${name}: ${e.message}\nRun \`lotwise ${name} --help\` for the options.\n`);
      return 2;
    }
    if (isLotwiseError(e)) {
      full.stderr(`lotwise ${name}: ${e.message} [${e.code}]\n`);
      return 1;
    }
    full.stderr(`lotwise ${name}: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
