import type { ApiCaller } from '../src/lib/server/api';

type Node = Record<string, unknown> & ((...args: unknown[]) => unknown);

/**
 * A caller whose procedures wait for `caller` to exist: MCP over stdio answers `initialize` and lists its
 * tools while the database opens and the API loads, and a tool called meanwhile waits for them.
 */
export function deferredCaller(caller: Promise<ApiCaller>): ApiCaller {
  const at = (path: readonly string[]): unknown =>
    new Proxy(() => undefined, {
      // Not thenable: `await deferredCaller(…)` must not take the caller for a promise.
      get: (_, key) => (typeof key === 'string' && key !== 'then' ? at([...path, key]) : undefined),
      apply: async (_, __, args: unknown[]) => {
        const procedure = path.reduce((node, key) => node[key] as Node, (await caller) as unknown as Node);
        return procedure(...args);
      }
    });
  return at([]) as ApiCaller;
}
