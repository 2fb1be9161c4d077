import Root from './batch-group.svelte';

export { Root, Root as BatchGroup };
