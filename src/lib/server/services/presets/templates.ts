import {
  countTemplateUse,
  deleteOwnTemplate,
  findReadableTemplate,
  insertTemplate,
  listVisibleTemplates,
  updateOwnTemplate,
  type TemplateListRow
} from '../../db/repositories/prompt-templates';
import { AppError } from '../../errors';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { fillTemplate, templateVariables } from './template-variables';

type TemplateDeps = Pick<Deps, 'db'>;

export type TemplateFields = {
  name: string;
  template: string;
  description?: string | null;
  category?: string | null;
  isPublic?: boolean;
  defaultProvider?: string | null;
  defaultModel?: string | null;
  defaultSize?: string | null;
};

export type TemplateDto = ReturnType<typeof toTemplateDto>;

export type RenderedTemplate = {
  template: TemplateDto;
  prompt: string;
  provider: string | null;
  model: string | null;
  size: string | null;
};

function toTemplateDto(row: TemplateListRow, actor: Actor) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    template: row.template,
    category: row.category,
    /** Parsed from the template text when it is saved: `{subject}` → `subject`. */
    variables: row.variables,
    defaultProvider: row.defaultProvider,
    defaultModel: row.defaultModel,
    defaultSize: row.defaultSize,
    isPublic: row.isPublic,
    useCount: row.useCount,
    builtIn: row.userId === null,
    /** The actor may change or delete it. */
    own: row.userId === actor.id,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString()
  };
}

/** The actor's templates, other users' public ones and the built-ins: by category, most used first. */
export async function listTemplates(deps: TemplateDeps, actor: Actor): Promise<TemplateDto[]> {
  const rows = await listVisibleTemplates(deps.db, actor.id);
  const category = (row: TemplateListRow) => row.category ?? '\uffff';
  return rows
    .sort((a, b) => category(a).localeCompare(category(b)) || b.useCount - a.useCount || a.name.localeCompare(b.name))
    .map((row) => toTemplateDto(row, actor));
}

export async function createTemplate(deps: TemplateDeps, actor: Actor, fields: TemplateFields): Promise<TemplateDto> {
  const row = await insertTemplate(deps.db, {
    ...fields,
    userId: actor.id,
    variables: templateVariables(fields.template)
  });
  return toTemplateDto({ ...row, authorName: actor.displayName }, actor);
}

export async function updateTemplate(
  deps: TemplateDeps,
  actor: Actor,
  id: string,
  patch: Partial<TemplateFields>
): Promise<TemplateDto> {
  await findEditable(deps, actor, id);
  const variables = patch.template === undefined ? {} : { variables: templateVariables(patch.template) };
  const row = await updateOwnTemplate(deps.db, actor.id, id, { ...patch, ...variables });
  if (!row) throw notFound(id);
  return toTemplateDto({ ...row, authorName: actor.displayName }, actor);
}

export async function deleteTemplate(deps: TemplateDeps, actor: Actor, id: string): Promise<{ id: string }> {
  await findEditable(deps, actor, id);
  if (!(await deleteOwnTemplate(deps.db, actor.id, id))) throw notFound(id);
  return { id };
}

/** The template's prompt with `variables` filled in, and its default provider, model and size; counts the use. */
export async function renderTemplate(
  deps: TemplateDeps,
  actor: Actor,
  id: string,
  variables: Record<string, string>
): Promise<RenderedTemplate> {
  const row = await findReadableTemplate(deps.db, actor.id, id);
  if (!row) throw notFound(id);
  const prompt = fillTemplate(row.template, variables);
  const useCount = await countTemplateUse(deps.db, row.id);
  return {
    template: toTemplateDto({ ...row, useCount }, actor),
    prompt,
    provider: row.defaultProvider,
    model: row.defaultModel,
    size: row.defaultSize
  };
}

/** Another user's public template or a built-in is readable but not theirs to change; a private one is not found. */
async function findEditable(deps: TemplateDeps, actor: Actor, id: string): Promise<TemplateListRow> {
  const row = await findReadableTemplate(deps.db, actor.id, id);
  if (!row) throw notFound(id);
  if (row.userId !== actor.id) {
    throw new AppError(
      'forbidden',
      `"${row.name}" is ${row.userId === null ? 'built in' : "another user's template"}; create your own template from its text to change it.`
    );
  }
  return row;
}

function notFound(id: string): AppError {
  return new AppError('not_found', `No template with id ${id}; list the templates to find the right id.`);
}
