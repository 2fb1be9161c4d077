import { describe, expect, it } from 'vitest';
import type { GenerateCall, ModelCapabilities } from './types';
import { unsupportedSettingWarnings } from './warnings';

const model: ModelCapabilities = {
  id: 'm1',
  label: 'M1',
  description: 'test model',
  operations: ['generate'],
  sizes: ['512x512'],
  defaultSize: '512x512',
  maxImagesPerCall: 1,
  knobs: ['seed', 'quality'],
  qualities: ['low', 'high'],
  textRendering: false,
  price: { description: 'free', unit: 'free', perImageUsd: () => 0 },
  lifecycle: { status: 'active' }
};
const call: GenerateCall = { model: 'm1', prompt: 'p', width: 512, height: 512, count: 1 };

describe(unsupportedSettingWarnings.name, () => {
  it('should say nothing when only honoured settings with known values are given', () => {
    expect(unsupportedSettingWarnings(model, { ...call, seed: 3, quality: 'high', negativePrompt: '' })).toStrictEqual(
      []
    );
  });

  it('should warn once per ignored knob and per unknown enumerated value', () => {
    expect(unsupportedSettingWarnings(model, { ...call, steps: 20, quality: 'hd', style: 'vivid' })).toStrictEqual([
      { type: 'unsupported', setting: 'steps', details: 'm1 ignores steps.' },
      {
        type: 'unsupported',
        setting: 'quality',
        details: 'm1 has no quality "hd"; it knows low, high. The default was used.'
      },
      { type: 'unsupported', setting: 'style', details: 'm1 ignores style.' }
    ]);
  });
});
