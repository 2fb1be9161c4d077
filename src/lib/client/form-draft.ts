/** Everything typed or chosen in the prompt form: what a reload restores and Undo after Reuse settings puts back. */
export type FormSettings = {
  prompt: string;
  providerId: string;
  modelId: string;
  size: string;
  count: number;
  seed: number | null;
  keepSeed: boolean;
  style: string;
  quality: string;
  negativePrompt: string;
  steps: number | null;
  cfgScale: number | null;
  outputFormat: string;
  background: string;
  fallback: boolean;
  reuseCached: boolean;
};

const TEXT = [
  'prompt',
  'providerId',
  'modelId',
  'size',
  'style',
  'quality',
  'negativePrompt',
  'outputFormat',
  'background'
];
const NUMBER = ['count'];
const NUMBER_OR_NULL = ['seed', 'steps', 'cfgScale'];
const SWITCH = ['keepSeed', 'fallback', 'reuseCached'];

function fits(key: string, value: unknown): boolean {
  if (TEXT.includes(key)) return typeof value === 'string';
  if (NUMBER.includes(key)) return Number.isFinite(value);
  if (NUMBER_OR_NULL.includes(key)) return value === null || Number.isFinite(value);
  if (SWITCH.includes(key)) return typeof value === 'boolean';
  return false;
}

/** One draft per account, so a shared browser never shows one person's prompt to another. */
export function draftKey(accountId: string): string {
  return `atelier:studio-draft:${accountId}`;
}

/**
 * The draft saved under `key`, keeping only the settings of the right type (an older version of the
 * studio, or a hand-edited value, may have left others); null when there is none or storage is off.
 */
export function readDraft(storage: Pick<Storage, 'getItem'>, key: string): Partial<FormSettings> | null {
  try {
    const saved: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return null;
    return Object.fromEntries(Object.entries(saved).filter(([name, value]) => fits(name, value)));
  } catch {
    return null;
  }
}

/** Saves the draft; a full or disabled storage only means the draft is not kept. */
export function writeDraft(storage: Pick<Storage, 'setItem'>, key: string, settings: FormSettings): void {
  try {
    storage.setItem(key, JSON.stringify(settings));
  } catch {
    // Private browsing or a full quota: the studio works on without a saved draft.
  }
}
