import Root from './report-dialog.svelte';

export { Root, Root as ReportDialog };
export type { ReportDialogProps } from './report-dialog.svelte';
