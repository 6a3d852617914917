/**
 * The part of the standard `AbortSignal` lotwise uses; a real `AbortController().signal` fits it in
 * browsers, workers, Node and Deno. Declared here so the core typechecks without DOM or Node types.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}
