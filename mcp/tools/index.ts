import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ApiCaller } from '../../src/lib/server/api';
import type { CallerFactory } from '../server';
import { registerCreateVariationsTool } from './create-variations';
import { registerDeleteImageTool } from './delete-image';
import { registerEditImageTool } from './edit-image';
import { registerEnhancePromptTool } from './enhance-prompt';
import { registerEstimateCostTool } from './estimate-cost';
import { registerFavoriteImageTool } from './favorite-image';
import { registerGenerateImageTool } from './generate-image';
import { registerGetImageTool } from './get-image';
import { registerListImagesTool } from './list-images';
import { registerListProvidersTool } from './list-providers';
import { registerManageCollectionTool } from './manage-collection';
import { registerRemoveBackgroundTool } from './remove-background';
import { registerRestoreImageTool } from './restore-image';
import { registerRestyleImageTool } from './restyle-image';
import { registerSearchImagesTool } from './search-images';
import { registerUpscaleImageTool } from './upscale-image';

export function registerTools(server: McpServer, api: ApiCaller, callerFor: CallerFactory): void {
  registerCreateVariationsTool(server, callerFor);
  registerDeleteImageTool(server, api);
  registerEditImageTool(server, callerFor);
  registerEnhancePromptTool(server, api);
  registerEstimateCostTool(server, api);
  registerFavoriteImageTool(server, api);
  registerGenerateImageTool(server, callerFor);
  registerGetImageTool(server, api);
  registerListImagesTool(server, api);
  registerListProvidersTool(server, api);
  registerManageCollectionTool(server, api);
  registerRemoveBackgroundTool(server, callerFor);
  registerRestoreImageTool(server, api);
  registerRestyleImageTool(server, callerFor);
  registerSearchImagesTool(server, api);
  registerUpscaleImageTool(server, callerFor);
}
