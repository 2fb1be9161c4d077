import { TRPCClientError } from '@trpc/client';

type ServerErrorBody = { code: number; kind: string; message: string };

function isServerErrorBody(value: unknown): value is ServerErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).message === 'string' &&
    typeof (value as Record<string, unknown>).kind === 'string'
  );
}

function isAbort(error: unknown): boolean {
  if (error instanceof TRPCClientError && error.cause) return isAbort(error.cause);
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * The message to show for a failed call, or null when the caller aborted it on purpose.
 * The server's own message says what to do, so it wins; transport failures fall back to `fallback`.
 */
export function handleError(error: unknown, fallback: string): string | null {
  if (isAbort(error)) return null;
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    const body = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).error : undefined;
    if (isServerErrorBody(body)) return body.message;
    // Without `data` the response never reached tRPC's error formatter (offline, proxy page, crash).
    if (data && error.message) return error.message;
  }
  return fallback;
}
