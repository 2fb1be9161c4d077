/**
 * The words of the tables' text enums, apart from the tables: code that needs only the words (the API's input
 * schemas, and through them the start-up bundle of `atelier-mcp`) then loads no table and no drizzle.
 */
export const USER_ROLES = ['admin', 'user'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const IMAGE_STATUSES = ['pending', 'generating', 'completed', 'failed', 'canceled'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];
