import Root from './invite-form.svelte';

export { Root, Root as InviteForm };
export type { InviteFormProps } from './invite-form.svelte';
