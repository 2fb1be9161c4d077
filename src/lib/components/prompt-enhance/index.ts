import Root from './prompt-enhance.svelte';

export { Root, Root as PromptEnhance };
