import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  // Logs go to stderr: stdout of `npm run mcp` is the MCP protocol stream.
  return pino(
    { level, redact: { paths: ['*.apiKey', '*.apiToken', '*.token', '*.authorization'], remove: true } },
    pino.destination(2)
  );
}
