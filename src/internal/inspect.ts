// Display hooks for notebooks and consoles: a short text for `String(x)`, Node's `util.inspect` (and so
// `console.log` and the REPL) and, optionally, a MIME bundle for Jupyter kernels (Deno's looks for a
// `Symbol.for("Jupyter.display")` method returning `{ "text/plain": …, "text/html": …, "image/svg+xml": … }`).
// The hooks are non-enumerable: JSON, spreading, structuredClone, Object.keys and checksums never see them,
// so the objects stay plain data.

/** Node's `util.inspect.custom` (a registered symbol, so no `node:util` import is needed). */
export const INSPECT_CUSTOM: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;
/** The symbol Deno's Jupyter kernel (and others following it) calls to get a MIME bundle. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A Jupyter MIME bundle: MIME type → content. */
export type MimeBundle = Readonly<Record<string, string>>;

/**
 * Defines non-enumerable `toString`, `[inspect.custom]` and (with `bundle`) `[Jupyter.display]` on `obj`,
 * returning it. Frozen objects are returned as they are. @internal
 */
export function attachDisplay<T extends object>(obj: T, text: () => string, bundle?: () => MimeBundle): T {
  if (Object.isFrozen(obj)) return obj;
  const hidden = (value: unknown): PropertyDescriptor => ({ value, enumerable: false, configurable: true, writable: true });
  Object.defineProperty(obj, "toString", hidden(text));
  Object.defineProperty(obj, INSPECT_CUSTOM, hidden(() => text()));
  if (bundle !== undefined) Object.defineProperty(obj, JUPYTER_DISPLAY, hidden(bundle));
  return obj;
}
