import { describe, expect, it } from 'vitest';
import { describeLifecycle, lifecycleTag } from './model-lifecycle';
import type { Model } from './trpc';

type Lifecycle = Model['lifecycle'];

const deprecated: Lifecycle = { status: 'deprecated', shutdownDate: '2026-12-01', replacement: 'gpt-image-1' };
const shutDown: Lifecycle = { status: 'shut_down', shutdownDate: '2026-05-12', replacement: 'gpt-image-1' };

describe(describeLifecycle.name, () => {
  it('should say nothing about an active model', () => {
    expect(describeLifecycle({ status: 'active' })).toBeNull();
  });

  it('should give the shutdown date and the successor of a deprecated model', () => {
    expect(describeLifecycle(deprecated, 'GPT Image 1')).toBe('deprecated — shuts down 2026-12-01, use GPT Image 1');
    expect(describeLifecycle(deprecated)).toBe('deprecated — shuts down 2026-12-01, use gpt-image-1');
    expect(describeLifecycle({ status: 'deprecated', shutdownDate: '2026-12-01' }, 'unused')).toBe(
      'deprecated — shuts down 2026-12-01'
    );
  });

  it('should name the model used in place of a shut-down one, or ask for another', () => {
    expect(describeLifecycle(shutDown, 'GPT Image 1')).toBe('shut down — GPT Image 1 is used instead');
    expect(describeLifecycle({ status: 'shut_down', shutdownDate: '2026-05-12' })).toBe(
      'shut down on 2026-05-12 — choose another model'
    );
  });
});

describe(lifecycleTag.name, () => {
  it.each<[Lifecycle, string]>([
    [{ status: 'active' }, ''],
    [deprecated, 'deprecated'],
    [shutDown, 'shut down']
  ])('should tag %o as %j', (lifecycle, expected) => {
    expect(lifecycleTag(lifecycle)).toBe(expected);
  });
});
