import AccountMenu from './account-menu.svelte';
import Root from './app-header.svelte';
import AppNav from './app-nav.svelte';
import HealthIndicator from './health-indicator.svelte';

export { Root, AccountMenu, AppNav, HealthIndicator, Root as AppHeader };
export type { AccountMenuProps } from './account-menu.svelte';
export type { AppHeaderProps } from './app-header.svelte';
export type { AppNavProps } from './app-nav.svelte';
export type { HealthIndicatorProps } from './health-indicator.svelte';
