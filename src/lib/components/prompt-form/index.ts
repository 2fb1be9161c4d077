import Root from './prompt-form.svelte';

export { Root, Root as PromptForm };
