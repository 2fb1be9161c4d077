import Root from './notice-toast.svelte';

export { Root, Root as NoticeToast };
export type { NoticeToastProps } from './notice-toast.svelte';
