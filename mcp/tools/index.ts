import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ApiCaller } from '../../src/lib/server/api';
import type { CallerFactory } from '../server';
import { registerEstimateCostTool } from './estimate-cost';
import { registerGenerateImageTool } from './generate-image';
import { registerGetImageTool } from './get-image';
import { registerListImagesTool } from './list-images';
import { registerListProvidersTool } from './list-providers';

export function registerTools(server: McpServer, api: ApiCaller, callerFor: CallerFactory): void {
  registerEstimateCostTool(server, api);
  registerGenerateImageTool(server, callerFor);
  registerGetImageTool(server, api);
  registerListImagesTool(server, api);
  registerListProvidersTool(server, api);
}
