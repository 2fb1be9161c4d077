import { generateScopeProcedure, readProcedure, router } from '../../trpc';
import { ZRenderedTemplateOutput, ZTemplateListOutput, ZTemplateOutput } from './template.output';
import { templateHandlers } from './templates.handler';
import { ZCreateTemplateInput, ZRenderTemplateInput, ZTemplateIdInput, ZUpdateTemplateInput } from './templates.schema';

/** Prompt templates with {variables}: the caller's own, other users' public ones and the built-ins. */
export const templatesRouter = router({
  list: readProcedure.output(ZTemplateListOutput).query(templateHandlers.list),
  create: generateScopeProcedure.input(ZCreateTemplateInput).output(ZTemplateOutput).mutation(templateHandlers.create),
  update: generateScopeProcedure.input(ZUpdateTemplateInput).output(ZTemplateOutput).mutation(templateHandlers.update),
  delete: generateScopeProcedure.input(ZTemplateIdInput).output(ZTemplateIdInput).mutation(templateHandlers.delete),
  /** The prompt with the variables filled in; counts the use (a write, so the generate scope). */
  render: generateScopeProcedure
    .input(ZRenderTemplateInput)
    .output(ZRenderedTemplateOutput)
    .mutation(templateHandlers.render)
});
