import { AppError } from '../../errors';

/** `{subject}`: a letter or underscore, then letters, digits or underscores. */
const VARIABLE = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The variables a template names, each once, in the order they first appear. */
export function templateVariables(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(VARIABLE), (match) => match[1]!))];
}

/**
 * The template with each `{variable}` replaced by its value. A variable left blank or an unknown one is a
 * validation error naming it, so a caller learns every mistake at once.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const variables = templateVariables(template);
  const missing = variables.filter((name) => !values[name]?.trim());
  const unknown = Object.keys(values).filter((name) => !variables.includes(name));
  const problems = [
    missing.length ? `fill in ${missing.map((name) => `{${name}}`).join(', ')}` : '',
    unknown.length
      ? `the template has no ${unknown.map((name) => `{${name}}`).join(', ')} (its variables: ${variables.map((name) => `{${name}}`).join(', ') || 'none'})`
      : ''
  ].filter(Boolean);
  if (problems.length) throw new AppError('validation', `To use this template, ${problems.join('; ')}.`);
  return template.replace(VARIABLE, (_, name: string) => values[name]!.trim());
}
