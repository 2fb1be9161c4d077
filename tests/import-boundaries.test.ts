import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/without-sveltekit';

const eslint = new ESLint({ cwd: REPO_ROOT });

/** The boundary errors `npm run lint` reports for `code` saved at `path` (which need not exist). */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: `${REPO_ROOT}/${path}` });
  return result!.messages
    .filter((message) => message.ruleId === 'boundaries/dependencies' || message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('import boundaries (eslint.boundaries.js)', () => {
  it.each([
    ['a service importing the API', 'src/lib/server/services/x.ts', "export { appRouter } from '../api/root';"],
    ['images importing the database', 'src/lib/server/images/x.ts', "export { users } from '../db/schema';"],
    [
      'an MCP tool calling a service',
      'mcp/tools/x.ts',
      "export { listHistory } from '../../src/lib/server/services/library';"
    ],
    [
      'the API importing an HTTP adapter',
      'src/lib/server/api/x.ts',
      "export { respondWithFile } from '../http/files';"
    ],
    ['browser code importing server code', 'src/lib/client/x.ts', "export { appRouter } from '$lib/server/api';"],
    ['the app module importing SvelteKit', 'src/lib/server/app-x.ts', "export { json } from '@sveltejs/kit';"]
  ])('should refuse %s', async (_case, path, code) => {
    expect(await boundaryErrors(path, code)).toHaveLength(1);
  });

  it.each([
    ['a service importing the database', 'src/lib/server/services/x.ts', "export { users } from '../db/schema';"],
    ['an MCP tool importing the API', 'mcp/tools/x.ts', "export { ZHistoryInput } from '../../src/lib/server/api';"],
    ['browser code importing the API type', 'src/lib/client/x.ts', "export type { AppRouter } from '$lib/server/api';"],
    ['an HTTP adapter importing SvelteKit', 'src/lib/server/http/x.ts', "export { json } from '@sveltejs/kit';"]
  ])('should allow %s', async (_case, path, code) => {
    expect(await boundaryErrors(path, code)).toStrictEqual([]);
  });
});
