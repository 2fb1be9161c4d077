import type { CallWarning } from '../../providers/types';

/** The same warning can come from the plan and from the adapter; each is said once. */
export function mergeWarnings(...lists: CallWarning[][]): CallWarning[] {
  const seen = new Set<string>();
  return lists.flat().filter((warning) => {
    const key = JSON.stringify(warning);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
