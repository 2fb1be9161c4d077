import PolicyValue from './policy-value.svelte';
import Root from './user-table.svelte';

export { Root, PolicyValue, Root as UserTable };
export type { PolicyValueProps } from './policy-value.svelte';
export type { UserTableProps } from './user-table.svelte';
