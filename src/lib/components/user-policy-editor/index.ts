import Root from './user-policy-editor.svelte';

export { Root, Root as UserPolicyEditor };
export type { UserPolicyEditorProps } from './user-policy-editor.svelte';
