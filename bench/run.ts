import { benchColdStart } from './cold-start';
import { benchDownloads } from './downloads';
import { benchGenerateVsAiSdk } from './generate-vs-ai-sdk';
import { benchHealthUnderLoad } from './health-under-load';
import { benchHistory } from './history';
import { benchLibrarySearch } from './library-search';
import { benchLimiter } from './limiter';
import { benchLocalAnalysis } from './local-analysis';
import { benchLocalEdits } from './local-edits';
import { benchMcpStdioStart } from './mcp-stdio-start';
import { benchNsfwClassifier } from './nsfw-classifier';
import { benchOfflineUpscale } from './offline-upscale';
import { benchOrchestration } from './orchestration';

const BENCHES: Record<string, () => Promise<unknown>> = {
  orchestration: benchOrchestration,
  generateVsAiSdk: benchGenerateVsAiSdk,
  history: benchHistory,
  librarySearch: benchLibrarySearch,
  limiter: benchLimiter,
  localEdits: benchLocalEdits,
  localAnalysis: benchLocalAnalysis,
  coldStart: benchColdStart,
  healthUnderLoad: benchHealthUnderLoad,
  mcpStdioStart: benchMcpStdioStart,
  offlineUpscale: benchOfflineUpscale,
  downloads: benchDownloads,
  nsfwClassifier: benchNsfwClassifier
};

/** `npm run bench [-- name …]`: prints one JSON document, of every bench or of the named ones. Never part of `npm test`. */
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHES));
if (unknown.length > 0)
  throw new Error(`Unknown bench ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}.`);
const results: Record<string, unknown> = {
  machine: { node: process.version, platform: `${process.platform}/${process.arch}` }
};
for (const [name, run] of Object.entries(BENCHES)) {
  if (chosen.length === 0 || chosen.includes(name)) results[name] = await run();
}
console.log(JSON.stringify(results, null, 2));
process.exit(0);
