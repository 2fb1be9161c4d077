import { describe, expect, it } from 'vitest';
import type { PromptTarget } from '../../providers/assistant';
import { enhanceLocally } from './local-enhancer';

const roomy: PromptTarget = {
  provider: 'test',
  model: 'roomy',
  label: 'Roomy',
  maxPromptLength: 4000,
  negativePrompt: true,
  textRendering: true,
  description: 'A model with a long prompt, negative prompts and lettering.'
};
const tight: PromptTarget = {
  ...roomy,
  model: 'tight',
  maxPromptLength: 60,
  negativePrompt: false,
  textRendering: false
};

describe(enhanceLocally.name, () => {
  it('should name the style, lighting, composition and detail a bare prompt leaves open', () => {
    const result = enhanceLocally({ prompt: 'a red fox in the snow', target: roomy });
    expect(result.enhancedPrompt).toBe(
      'a red fox in the snow, digital illustration, soft natural lighting, balanced composition with a clear focal point, highly detailed, sharp focus'
    );
  });

  it('should keep what the prompt already says and add only the missing aspects', () => {
    const result = enhanceLocally({ prompt: 'watercolor portrait of an old sailor at sunset.', target: roomy });
    expect(result.enhancedPrompt).toBe('watercolor portrait of an old sailor at sunset, highly detailed, sharp focus');
  });

  it('should speak like a photographer for a photographic prompt', () => {
    expect(enhanceLocally({ prompt: 'photo of a lighthouse', target: roomy }).enhancedPrompt).toContain(
      '35mm shot, shallow depth of field'
    );
  });

  it.each([
    ['a bare prompt', 'a cat'],
    ['a long prompt', `a cat ${'sitting quietly on a windowsill '.repeat(10)}`]
  ])('should stay within the target prompt length for %s', (_, prompt) => {
    const result = enhanceLocally({ prompt, target: tight });
    expect(result.enhancedPrompt.length).toBeLessThanOrEqual(tight.maxPromptLength);
    for (const suggestion of result.suggestions) expect(suggestion.length).toBeLessThanOrEqual(tight.maxPromptLength);
    expect(result.enhancedPrompt.startsWith('a cat')).toBe(true);
  });

  it('should cut an over-long prompt at a word boundary', () => {
    const result = enhanceLocally({
      prompt: 'a lighthouse on a rocky cliff above a stormy grey sea at night',
      target: { ...tight, maxPromptLength: 30 }
    });
    expect(result.enhancedPrompt).toBe('a lighthouse on a rocky cliff');
  });

  it('should write a negative prompt only for a target that takes one, keeping the one given', () => {
    expect(enhanceLocally({ prompt: 'a cat', negativePrompt: 'dogs', target: tight }).negativePrompt).toBeNull();
    const negative = enhanceLocally({ prompt: 'a cat', negativePrompt: 'dogs, Blurry', target: roomy }).negativePrompt;
    expect(negative).toBe('dogs, Blurry, low quality, jpeg artifacts, distorted proportions, watermark, text');
  });

  it('should ask for lettering only where the target draws it, and never keep text out of a prompt that wants some', () => {
    const prompt = 'a bakery sign saying "Fresh Bread"';
    const roomyResult = enhanceLocally({ prompt, target: roomy });
    expect(roomyResult.enhancedPrompt).toContain('crisp legible lettering');
    expect(roomyResult.negativePrompt?.split(', ')).not.toContain('text');
    expect(enhanceLocally({ prompt, target: { ...roomy, textRendering: false } }).enhancedPrompt).not.toContain(
      'lettering'
    );
  });

  it('should tag the prompt’s own content words, without stop words or duplicates', () => {
    expect(enhanceLocally({ prompt: 'A red fox and a red barn in the snow', target: roomy }).tags).toStrictEqual([
      'red',
      'fox',
      'barn',
      'snow'
    ]);
  });

  it('should offer 2–4 suggestions that start from the prompt and differ from the enhanced one', () => {
    const result = enhanceLocally({ prompt: 'a red fox in the snow', target: roomy });
    expect(result.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(result.suggestions.length).toBeLessThanOrEqual(4);
    expect(new Set(result.suggestions).size).toBe(result.suggestions.length);
    for (const suggestion of result.suggestions) {
      expect(suggestion.startsWith('a red fox in the snow, ')).toBe(true);
      expect(suggestion).not.toBe(result.enhancedPrompt);
    }
  });

  it('should add nothing to a prompt it enhanced, and answer the same for the same input', () => {
    for (const prompt of ['a red fox in the snow', 'photo of a lighthouse', 'a bakery sign saying "Fresh Bread"']) {
      const once = enhanceLocally({ prompt, target: roomy });
      expect(enhanceLocally({ prompt: once.enhancedPrompt, target: roomy }).enhancedPrompt).toBe(once.enhancedPrompt);
      expect(enhanceLocally({ prompt, target: roomy })).toStrictEqual(once);
    }
  });
});
