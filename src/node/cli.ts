// The `lotwise` command line: design, coverage, allocate, withdraw, evaluate. runCli(argv, io) is the
// whole program (bin/lotwise.mjs only calls it), so every command is tested from source with vitest.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { formatValue, isLotwiseError } from "../errors.js";
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

/** Writes with `write`, swallowing its errors: a broken stream must not turn into an exception. */
function safeWrite(write: (text: string) => void, text: string): void {
  try {
    write(text);
  } catch {
    // nothing more we can tell anyone
  }
}

/** The command of that name, only if it is one of ours (never an Object.prototype member such as `constructor`). */
function commandNamed(name: string): Command | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/**
 * Runs the `lotwise` command line. Exit codes: 0 done, 1 bad input or a failed step (the LotwiseError
 * message is printed), 2 a usage mistake (unknown command or option, missing argument). Outputs are
 * written only after every step has succeeded, as a unit: if one cannot be written, the previous outputs
 * are left as they were and no new file appears.
 *
 * @param argv - the arguments after the program name, e.g. `["design", "--boundaries", "lsoas.geojson", …]`.
 * @param io - where output goes and the folder paths are relative to (default: the process's).
 * @returns the exit code.
 * @throws never: every error, including an unexpected one, becomes a message on `io.stderr` and a non-zero code.
 * @example
 * ```ts
 * import { runCli } from "lotwise/node";
 * const code = await runCli(["design", "--help"]); // prints the design options and an example; 0
 * ```
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  let full: CliIo;
  try {
    full = { ...processIo(), ...(typeof io === "object" && io !== null ? io : {}) };
  } catch {
    full = processIo();
  }
  const err = (text: string): void => safeWrite(full.stderr, text);
  const out = (text: string): void => safeWrite(full.stdout, text);
  let name = "";
  try {
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === "string")) {
      err(`lotwise: the arguments must be a list of strings, got ${formatValue(argv)}\n`);
      return 2;
    }
    const [first, ...rest] = argv as string[];
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      out(ROOT_HELP);
      return first === undefined ? 2 : 0;
    }
    name = first;
    const command = commandNamed(first);
    if (command === undefined) {
      err(`lotwise: unknown command ${JSON.stringify(first)}. Commands: ${Object.keys(COMMANDS).join(", ")}. Run \`lotwise --help\`.\n`);
      return 2;
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      out(commandHelp(command));
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
      // parseArgs returns a plain object; copy it onto a prototype-free record so only given options are present.
      values = Object.assign(Object.create(null) as typeof values, parseArgs(config).values);
    } catch (e) {
      err(`lotwise ${first}: ${e instanceof Error ? e.message : String(e)}\nRun \`lotwise ${first} --help\` for the options.\n`);
      return 2;
    }
    const summary = await command.run(values, full);
    out(summary.endsWith("\n") ? summary : `${summary}\n`);
    return 0;
  } catch (e) {
    const prefix = name === "" ? "lotwise" : `lotwise ${name}`;
    if (e instanceof UsageError) {
      err(`${prefix}: ${e.message}\nRun \`${prefix} --help\` for the options.\n`);
      return 2;
    }
    if (isLotwiseError(e)) {
      err(`${prefix}: ${e.message} [${e.code}]\n`);
      return 1;
    }
    err(`${prefix}: unexpected error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : formatValue(e)}\n`);
    return 1;
  }
}
