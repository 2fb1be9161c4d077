import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ApiCaller } from '../../src/lib/server/api';
import type { CallerFactory } from '../server';
import type { AtelierTool } from '../tool-definition';
import { analyzeImageTool } from './analyze-image';
import { deleteImageTool } from './delete-image';
import { editImageTool } from './edit-image';
import { enhancePromptTool } from './enhance-prompt';
import { estimateCostTool } from './estimate-cost';
import { favoriteImageTool } from './favorite-image';
import { generateImageTool } from './generate-image';
import { getImageTool } from './get-image';
import { listImagesTool } from './list-images';
import { listProvidersTool } from './list-providers';
import { manageCollectionTool } from './manage-collection';
import { restoreImageTool } from './restore-image';
import { searchImagesTool } from './search-images';

/** Every tool, alphabetically; `registerAtelierTools` lists those the caller's scopes allow. */
export function atelierTools(server: McpServer, api: ApiCaller, callerFor: CallerFactory): AtelierTool[] {
  return [
    analyzeImageTool(callerFor),
    deleteImageTool(api),
    editImageTool(server, callerFor),
    enhancePromptTool(api),
    estimateCostTool(api),
    favoriteImageTool(api),
    generateImageTool(server, callerFor),
    getImageTool(api),
    listImagesTool(api),
    listProvidersTool(api),
    manageCollectionTool(api),
    restoreImageTool(api),
    searchImagesTool(api)
  ];
}
