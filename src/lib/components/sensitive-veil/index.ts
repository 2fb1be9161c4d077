import Root from './sensitive-veil.svelte';

export { Root, Root as SensitiveVeil };
export type { SensitiveVeilProps } from './sensitive-veil.svelte';
