import type { Model } from './trpc';

type Lifecycle = Model['lifecycle'];

/** A few words after the model's name in the picker, or '' for an active model. */
export function lifecycleTag(lifecycle: Lifecycle): string {
  if (lifecycle.status === 'active') return '';
  return lifecycle.status === 'deprecated' ? 'deprecated' : 'shut down';
}

/**
 * The badge of a model that is going away, or null for an active one. `replacementLabel` names the
 * successor the way the picker does; without it the id from the lifecycle is used.
 */
export function describeLifecycle(lifecycle: Lifecycle, replacementLabel?: string): string | null {
  if (lifecycle.status === 'active') return null;
  const replacement = lifecycle.replacement ? (replacementLabel ?? lifecycle.replacement) : undefined;
  if (lifecycle.status === 'deprecated') {
    const advice = replacement ? `, use ${replacement}` : '';
    return `deprecated — shuts down ${lifecycle.shutdownDate}${advice}`;
  }
  return replacement
    ? `shut down — ${replacement} is used instead`
    : `shut down on ${lifecycle.shutdownDate} — choose another model`;
}
