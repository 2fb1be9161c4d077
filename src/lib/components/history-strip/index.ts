import Root from './history-strip.svelte';

export { Root, Root as HistoryStrip };
