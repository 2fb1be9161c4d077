import { generateProcedure, readProcedure, router } from '../../trpc';
import { contentHandler } from './content.handler';
import { ZContentInput } from './content.schema';
import { generateHandler } from './generate.handler';
import { ZGenerateInput } from './generate.schema';
import { getHandler } from './get.handler';
import { ZImageIdInput } from './get.schema';
import { historyHandler } from './history.handler';
import { ZHistoryInput } from './history.schema';

export const imagesRouter = router({
  generate: generateProcedure.input(ZGenerateInput).mutation(generateHandler),
  get: readProcedure.input(ZImageIdInput).query(getHandler),
  history: readProcedure.input(ZHistoryInput).query(historyHandler),
  content: readProcedure.input(ZContentInput).query(contentHandler)
});
