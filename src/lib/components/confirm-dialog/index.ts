import Root from './confirm-dialog.svelte';

export { Root, Root as ConfirmDialog };
export type { ConfirmDialogProps } from './confirm-dialog.svelte';
