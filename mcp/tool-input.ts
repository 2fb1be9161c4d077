import type { z } from 'zod';
import { AppError } from '../src/lib/server/api';

/** Names other image APIs use, accepted as the field they mean (documented in mcp/README.md). */
const ALIASES: Record<string, string> = { n: 'count', num_images: 'count', num_outputs: 'count' };

/**
 * A tool's arguments checked against its schema, forgivingly where the meaning is certain and strictly
 * elsewhere: documented aliases (`n`, snake_case names, `width` + `height` for `size`) become the field
 * they name; any other unknown argument is refused, naming the nearest field, instead of being dropped.
 */
export function parseToolArguments<Schema extends z.ZodObject>(
  schema: Schema,
  args: Record<string, unknown> = {},
  /** Who takes the fields, for the refusal of an unknown one: "this tool takes …". */
  taker = 'this tool'
): z.output<Schema> {
  const input = renameAliases(args, Object.keys(schema.shape), taker);
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation', describeIssues(result.error, input));
  return result.data;
}

function renameAliases(args: Record<string, unknown>, fields: string[], taker: string): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (fields.includes(name)) input[name] = value;
    else if (fields.includes('size') && (name === 'width' || name === 'height')) continue;
    else {
      const field = ALIASES[name] ?? camelCase(name);
      if (!fields.includes(field)) unknown.push(name);
      else if (field in args) throw new AppError('validation', `Give ${field} or ${name}, not both.`);
      else input[field] = value;
    }
  }
  if (unknown.length) throw unknownNames(unknown, fields, 'argument', `${taker} takes`);
  if ('width' in args || 'height' in args) input.size = sizeOf(args);
  return input;
}

function sizeOf({ width, height, size }: Record<string, unknown>): string {
  if (size !== undefined) throw new AppError('validation', 'Give size or width and height, not both.');
  if (!Number.isInteger(width) || !Number.isInteger(height)) {
    throw new AppError('validation', 'width and height go together as whole numbers; or give size, e.g. "1024x768".');
  }
  return `${width}x${height}`;
}

/** `Unknown argument "sizes" (did you mean "size"?); this tool takes prompt, …` as a validation error. */
export function unknownNames(names: string[], known: string[], noun: string, knownAre: string): AppError {
  const parts = names.map((name) => {
    const nearest = nearestField(name, known);
    return nearest ? `"${name}" (did you mean "${nearest}"?)` : `"${name}"`;
  });
  const plural = names.length === 1 ? '' : 's';
  return new AppError('validation', `Unknown ${noun}${plural} ${parts.join(', ')}; ${knownAre} ${known.join(', ')}.`);
}

/** The field within a few typos of `name`, else one that contains it or that it contains ("image_url" → image). */
function nearestField(name: string, fields: string[]): string | undefined {
  const lower = name.toLowerCase();
  const [closest] = fields
    .map((field) => ({ field, distance: editDistance(lower, field.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance);
  if (closest && closest.distance <= Math.max(2, Math.floor(name.length / 3))) return closest.field;
  return fields.find((field) => {
    const other = field.toLowerCase();
    return Math.min(other.length, lower.length) >= 4 && (other.includes(lower) || lower.includes(other));
  });
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function camelCase(name: string): string {
  return name.replace(/[_-]([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Each problem once, led by its field unless the schema's message already names it. */
function describeIssues(error: z.ZodError, input: Record<string, unknown>): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.');
      if (issue.code === 'invalid_type' && issue.path.length === 1 && !(field in input)) return `${field} is required.`;
      if (!field || issue.message.startsWith(String(issue.path[0]))) return issue.message;
      return `${field}: ${issue.message}`;
    })
    .join(' ');
}
