import { describe, expect, it } from 'vitest';
import { describeEstimate } from './cost';
import type { GenerationEstimate } from './trpc';

function estimate(patch: Partial<GenerationEstimate>): GenerationEstimate {
  return {
    provider: 'p',
    model: 'm',
    size: '1024x1024',
    count: 1,
    calls: 1,
    perImageUsd: 0.04,
    estimatedUsd: 0.04,
    price: { description: '$0.04 per image', unit: 'image' },
    warnings: [],
    ...patch
  };
}

describe(describeEstimate.name, () => {
  it.each<[string, Partial<GenerationEstimate>, string]>([
    ['one paid image', {}, '≈ $0.04 for 1 image'],
    ['several calls', { count: 6, calls: 2, estimatedUsd: 0.24 }, '≈ $0.24 for 6 images in 2 calls'],
    [
      'credits in several calls',
      {
        count: 2,
        calls: 2,
        estimatedUsd: 0.16,
        price: { description: '8 credits (≈ $0.08) per image', unit: 'credit' }
      },
      '≈ $0.16 for 2 images in 2 calls — 8 credits (≈ $0.08) per image'
    ],
    [
      'credits',
      { estimatedUsd: 0.03, price: { description: '3 credits (≈ $0.03) per image', unit: 'credit' } },
      '≈ $0.03 for 1 image — 3 credits (≈ $0.03) per image'
    ],
    [
      'tokens',
      { estimatedUsd: 0.5, price: { description: 'billed by tokens', unit: 'token' } },
      '≈ $0.50 for 1 image (billed by tokens; estimate)'
    ],
    [
      'GPU seconds',
      { estimatedUsd: 0.0058, price: { description: '$0.000725 per GPU-second', unit: 'second' } },
      '≈ $0.0058 for 1 image (billed per GPU-second; estimate)'
    ],
    [
      'a free model',
      { count: 2, estimatedUsd: 0, price: { description: 'free (runs on this machine)', unit: 'free' } },
      'Free — runs on this machine'
    ]
  ])('should describe %s', (_, patch, expected) => {
    expect(describeEstimate(estimate(patch))).toBe(expected);
  });
});
