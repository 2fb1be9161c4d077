import type { Deps } from '../../../services/deps';
import {
  createTemplate,
  deleteTemplate,
  listTemplates,
  renderTemplate,
  updateTemplate
} from '../../../services/presets';
import type { Actor } from '../../../services/users';
import type {
  TCreateTemplateInput,
  TRenderTemplateInput,
  TTemplateIdInput,
  TUpdateTemplateInput
} from './templates.schema';

type Ctx = { deps: Deps; user: Actor };

export const templateHandlers = {
  list: async ({ ctx }: { ctx: Ctx }) => ({ templates: await listTemplates(ctx.deps, ctx.user) }),
  create: ({ ctx, input }: { ctx: Ctx; input: TCreateTemplateInput }) => createTemplate(ctx.deps, ctx.user, input),
  update: ({ ctx, input: { id, ...patch } }: { ctx: Ctx; input: TUpdateTemplateInput }) =>
    updateTemplate(ctx.deps, ctx.user, id, patch),
  delete: ({ ctx, input }: { ctx: Ctx; input: TTemplateIdInput }) => deleteTemplate(ctx.deps, ctx.user, input.id),
  render: ({ ctx, input }: { ctx: Ctx; input: TRenderTemplateInput }) =>
    renderTemplate(ctx.deps, ctx.user, input.id, input.variables)
};
