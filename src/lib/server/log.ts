import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * A failed query's error (drizzle's DrizzleQueryError) carries the statement's parameters, in `params` and
 * in its message and stack: user text such as prompts. Logs keep the statement and the database's own
 * error, never the parameters, wherever such an error sits in a chain of causes.
 */
function withoutQueryParameters(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const cause = withoutQueryParameters(error.cause);
  if ('params' in error && 'query' in error) {
    const redacted = new Error(`Failed query: ${String(error.query)}`, { cause });
    redacted.name = error.name;
    const frames = error.stack?.indexOf('\n    at ') ?? -1;
    redacted.stack = `${error.name}: ${redacted.message}${frames >= 0 ? error.stack!.slice(frames) : ''}`;
    return redacted;
  }
  if (cause === error.cause) return error;
  const copy: Error = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as Error, error);
  Object.defineProperties(copy, {
    message: { value: error.message },
    stack: { value: error.stack },
    cause: { value: cause }
  });
  return copy;
}

export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  // Logs go to stderr by default: stdout of `npm run mcp` is the MCP protocol stream.
  return pino(
    {
      level,
      redact: { paths: ['*.apiKey', '*.apiToken', '*.token', '*.authorization'], remove: true },
      serializers: { err: (error: unknown) => pino.stdSerializers.err(withoutQueryParameters(error) as Error) }
    },
    destination
  );
}
