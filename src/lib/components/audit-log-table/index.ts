import Root from './audit-log-table.svelte';

export { Root, Root as AuditLogTable };
export type { AuditLogTableProps } from './audit-log-table.svelte';
