import { describe, expect, it } from 'vitest';
import { draftKey, readDraft, writeDraft, type FormSettings } from './form-draft';

const SETTINGS: FormSettings = {
  prompt: 'a fox in snow',
  providerId: 'local',
  modelId: 'procedural',
  size: '512x512',
  count: 3,
  seed: 42,
  keepSeed: true,
  style: '',
  quality: '',
  negativePrompt: 'fog',
  steps: null,
  cfgScale: 7.5,
  outputFormat: 'webp',
  background: '',
  fallback: false,
  reuseCached: true
};

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value)
  };
}

describe(readDraft.name, () => {
  it('should give back what was written, per account', () => {
    const storage = memoryStorage();
    writeDraft(storage, draftKey('ann'), SETTINGS);
    expect(readDraft(storage, draftKey('ann'))).toStrictEqual(SETTINGS);
    expect(readDraft(storage, draftKey('bob'))).toBeNull();
  });

  it('should drop settings of the wrong type and unknown ones', () => {
    const storage = memoryStorage();
    storage.setItem('k', JSON.stringify({ prompt: 7, count: '3', seed: null, keepSeed: 'yes', extra: 1, size: '1x1' }));
    expect(readDraft(storage, 'k')).toStrictEqual({ seed: null, size: '1x1' });
  });

  it('should read nothing from a corrupt value or a storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{not json');
    expect(readDraft(storage, 'k')).toBeNull();
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      }
    };
    expect(readDraft(blocked, 'k')).toBeNull();
  });
});

describe(writeDraft.name, () => {
  it('should not throw when the storage is full', () => {
    const full = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      }
    };
    expect(() => writeDraft(full, 'k', SETTINGS)).not.toThrow();
  });
});
