import { generateProcedure, generateScopeProcedure, readProcedure, router } from '../../trpc';
import { cancelHandler } from './cancel.handler';
import { contentHandler } from './content.handler';
import { ZContentInput } from './content.schema';
import { estimateHandler } from './estimate.handler';
import { generateHandler } from './generate.handler';
import { generateWithProgressHandler } from './generate-with-progress.handler';
import { ZGenerateInput } from './generate.schema';
import { getHandler } from './get.handler';
import { ZImageIdInput } from './get.schema';
import { historyHandler } from './history.handler';
import { ZHistoryInput } from './history.schema';

export const imagesRouter = router({
  generate: generateProcedure.input(ZGenerateInput).mutation(generateHandler),
  generateWithProgress: generateProcedure.input(ZGenerateInput).mutation(generateWithProgressHandler),
  estimate: readProcedure.input(ZGenerateInput).query(estimateHandler),
  cancel: generateScopeProcedure.input(ZImageIdInput).mutation(cancelHandler),
  get: readProcedure.input(ZImageIdInput).query(getHandler),
  history: readProcedure.input(ZHistoryInput).query(historyHandler),
  content: readProcedure.input(ZContentInput).query(contentHandler)
});
