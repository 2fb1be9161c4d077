import { describe, expect, it } from 'vitest';
import { describeWarning, formatCost, formatDuration, formatSize, formatUsd, summarizeDetails } from './format';

describe(describeWarning.name, () => {
  it('should name the ignored setting in words and keep the details', () => {
    expect(
      describeWarning({ type: 'unsupported', setting: 'cfgScale', details: 'Only diffusion models use it.' })
    ).toBe('The model ignored the guidance (CFG scale) setting. Only diffusion models use it.');
  });

  it('should pass other warnings through as their message', () => {
    expect(describeWarning({ type: 'other', message: 'Prompt was shortened.' })).toBe('Prompt was shortened.');
  });
});

describe(formatCost.name, () => {
  it.each([
    [0, 'free'],
    [0.04, '$0.04'],
    [0.0025, '$0.0025'],
    [1.5, '$1.50']
  ])('should format %s USD as %s', (usd, expected) => {
    expect(formatCost(usd)).toBe(expected);
  });
});

describe(formatDuration.name, () => {
  it.each([
    [null, '—'],
    [412.6, '413 ms'],
    [2345, '2.3 s'],
    [42_000, '42 s']
  ])('should format %s ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe(formatSize.name, () => {
  it('should prefer the measured dimensions and fall back to the requested size', () => {
    expect(formatSize(640, 480, '1024x1024')).toBe('640 × 480');
    expect(formatSize(null, null, '1024x768')).toBe('1024 × 768');
  });
});

describe(formatUsd.name, () => {
  it.each([
    [0, '$0.00'],
    [12.5, '$12.50'],
    [0.004, '$0.0040']
  ])('should write %s USD as %s', (usd, expected) => {
    expect(formatUsd(usd)).toBe(expected);
  });
});

describe(summarizeDetails.name, () => {
  it('should write each detail as key: value, joining lists and marking cleared values', () => {
    expect(summarizeDetails({ scopes: ['read', 'generate'], allowedModels: null, disabled: true })).toBe(
      'scopes: read, generate · allowedModels: — · disabled: true'
    );
  });

  it('should give nothing for an entry without details', () => {
    expect(summarizeDetails({})).toBe('');
  });
});
