import { authedProcedure, router } from '../../trpc';
import { contentHandler } from './content.handler';
import { ZContentInput } from './content.schema';
import { generateHandler } from './generate.handler';
import { ZGenerateInput } from './generate.schema';
import { getHandler } from './get.handler';
import { ZImageIdInput } from './get.schema';
import { historyHandler } from './history.handler';
import { ZHistoryInput } from './history.schema';

export const imagesRouter = router({
  generate: authedProcedure.input(ZGenerateInput).mutation(generateHandler),
  get: authedProcedure.input(ZImageIdInput).query(getHandler),
  history: authedProcedure.input(ZHistoryInput).query(historyHandler),
  content: authedProcedure.input(ZContentInput).query(contentHandler)
});
