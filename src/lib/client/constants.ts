/** Seeds are 31-bit so every provider accepts them. */
export const MAX_SEED = 2 ** 31 - 1;
/** Images per history request, for the first server-rendered page and every "Load more". */
export const HISTORY_PAGE_SIZE = 24;
/** Audit entries per page on the admin page, for the first page and every "Load older". */
export const AUDIT_PAGE_SIZE = 50;
/** Images per library request: the server-rendered first page and every page the grid's scrolling asks for. */
export const LIBRARY_PAGE_SIZE = 60;
/** Reports per page of the admin page's report queue. */
export const REPORT_PAGE_SIZE = 50;
