import Root from './account-overview.svelte';
import BudgetCard from './budget-card.svelte';

export { Root, BudgetCard, Root as AccountOverview };
export type { AccountOverviewProps } from './account-overview.svelte';
export type { BudgetCardProps } from './budget-card.svelte';
