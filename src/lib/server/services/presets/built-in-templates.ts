import { upsertBuiltInTemplates, type NewPromptTemplateRow } from '../../db/repositories/prompt-templates';
import type { Deps } from '../deps';
import { templateVariables } from './template-variables';

type BuiltInTemplate = { id: string; name: string; description: string; category: string; template: string };

/** The starting templates everyone sees. Fixed ids make inserting them idempotent without a key column. */
export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  {
    id: '7e3a1e00-0000-4000-8000-000000000001',
    name: 'Product shot',
    description: 'A clean studio photo of a product.',
    category: 'Photography',
    template: 'studio product photo of {product} on a {surface} surface, soft box lighting, {background} background'
  },
  {
    id: '7e3a1e00-0000-4000-8000-000000000002',
    name: 'Portrait',
    description: 'A character portrait with a mood and a setting.',
    category: 'Photography',
    template: 'portrait of {subject}, {mood} expression, in {setting}, shallow depth of field'
  },
  {
    id: '7e3a1e00-0000-4000-8000-000000000003',
    name: 'Landscape',
    description: 'A place at a time of day, in a season.',
    category: 'Scenes',
    template: '{place} at {time_of_day} in {season}, wide angle, atmospheric light'
  },
  {
    id: '7e3a1e00-0000-4000-8000-000000000004',
    name: 'Book cover',
    description: 'An illustrated cover for a story of a genre.',
    category: 'Design',
    template: 'illustrated {genre} book cover showing {subject}, bold composition, room for the title at the top'
  },
  {
    id: '7e3a1e00-0000-4000-8000-000000000005',
    name: 'App icon',
    description: 'A rounded app icon of one object.',
    category: 'Design',
    template: 'app icon of {object}, rounded square, {color} gradient, simple flat shapes, centered'
  }
];

export function builtInTemplateRows(): NewPromptTemplateRow[] {
  return BUILT_IN_TEMPLATES.map((template) => ({
    ...template,
    userId: null,
    variables: templateVariables(template.template),
    isPublic: true
  }));
}

/** Inserts the built-in templates, or refreshes their texts; safe on every start and from many instances at once. */
export async function installBuiltInTemplates(deps: Pick<Deps, 'db'>): Promise<void> {
  await upsertBuiltInTemplates(deps.db, builtInTemplateRows());
}
