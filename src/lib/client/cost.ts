import { formatCost } from './format';
import type { GenerationEstimate } from './trpc';

/** How the vendor bills, when it is not simply per image (the full rule sits beside the model). */
const BILLING_NOTE: Record<GenerationEstimate['price']['unit'], string> = {
  free: '',
  image: '',
  token: ' (billed by tokens; estimate)',
  credit: ' (billed in credits)',
  second: ' (billed per GPU-second; estimate)'
};

/** The short hint next to Generate: what the request would cost. */
export function describeEstimate(estimate: GenerationEstimate): string {
  const images = `${estimate.count} image${estimate.count === 1 ? '' : 's'}`;
  if (estimate.price.unit === 'free') return `Free — ${images}`;
  const calls = estimate.calls > 1 ? ` in ${estimate.calls} calls` : '';
  return `≈ ${formatCost(estimate.estimatedUsd)} for ${images}${calls}${BILLING_NOTE[estimate.price.unit]}`;
}
