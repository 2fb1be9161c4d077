import { formatCost } from './format';
import type { GenerationEstimate } from './trpc';

/** How the vendor bills, when it is not simply per image; credits say their own rule instead. */
const BILLING_NOTE: Record<Exclude<GenerationEstimate['price']['unit'], 'credit'>, string> = {
  free: '',
  image: '',
  token: ' (billed by tokens; estimate)',
  second: ' (billed per GPU-second; estimate)'
};

/** The short hint next to Generate: what the request would cost, and in how many provider calls. */
export function describeEstimate(estimate: GenerationEstimate): string {
  const { unit, description } = estimate.price;
  if (unit === 'free') return 'Free — runs on this machine';
  const images = `${estimate.count} image${estimate.count === 1 ? '' : 's'}`;
  const calls = estimate.calls > 1 ? ` in ${estimate.calls} calls` : '';
  const note = unit === 'credit' ? ` — ${description}` : BILLING_NOTE[unit];
  return `≈ ${formatCost(estimate.estimatedUsd)} for ${images}${calls}${note}`;
}
