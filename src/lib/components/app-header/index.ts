import Root from './app-header.svelte';
import HealthIndicator from './health-indicator.svelte';

export { Root, HealthIndicator, Root as AppHeader };
export type { HealthIndicatorProps } from './health-indicator.svelte';
