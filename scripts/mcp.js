// `npm run mcp`: `atelier-mcp`, built first when the build is missing or older than its sources.
import { buildMcpIfOutdated } from './build-mcp.js';

await buildMcpIfOutdated();
await import('../mcp/bin.js');
