import type { ApiCaller } from '../src/lib/server/api';

type Node = Record<string, unknown> & ((...args: unknown[]) => unknown);

/**
 * A caller that asks `caller()` for the real one at each procedure call: MCP over stdio answers `initialize`
 * and lists its tools before the API is loaded and the database open, and a tool call waits for them.
 */
export function deferredCaller(caller: () => Promise<ApiCaller>): ApiCaller {
  const at = (path: readonly string[]): unknown =>
    new Proxy(() => undefined, {
      // Not thenable: `await deferredCaller(…)` must not take the caller for a promise.
      get: (_, key) => (typeof key === 'string' && key !== 'then' ? at([...path, key]) : undefined),
      apply: async (_, __, args: unknown[]) => {
        const procedure = path.reduce((node, key) => node[key] as Node, (await caller()) as unknown as Node);
        return procedure(...args);
      }
    });
  return at([]) as ApiCaller;
}
