import Root from './report-queue.svelte';

export { Root, Root as ReportQueue };
export type { ReportQueueProps } from './report-queue.svelte';
