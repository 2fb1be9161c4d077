/** The fields of the prompt form that show their own error beside them. */
export type FormField = 'prompt' | 'count';

/** A refusal split by where it belongs: beside a field, or under the form. */
export type SplitError = { fields: Partial<Record<FormField, string>>; other: string | null };

/** How the server words a zod refusal: "Invalid input: prompt: …; count: …". */
const SCHEMA_PREFIX = 'Invalid input: ';
/** A new issue starts at "; <path>: " (a message may itself hold "; "). */
const ISSUE_BOUNDARY = /; (?=[\w.]+: )/;
const ISSUE = /^([\w.]+): (.*)$/s;
/** The account's own count limit (services/generation/policy.ts), which is not a schema issue. */
const ACCOUNT_COUNT_LIMIT = /at most (\d+) images? per request/;

function isFormField(path: string): path is FormField {
  return path === 'prompt' || path === 'count';
}

/**
 * Puts a refusal's parts beside the fields they are about, without the schema's "Invalid input: prompt:"
 * wording; what concerns no field of the form stays a message for the whole form.
 */
export function splitError(message: string): SplitError {
  if (ACCOUNT_COUNT_LIMIT.test(message)) return { fields: { count: message }, other: null };
  if (!message.startsWith(SCHEMA_PREFIX)) return { fields: {}, other: message };
  const fields: SplitError['fields'] = {};
  const rest: string[] = [];
  for (const issue of message.slice(SCHEMA_PREFIX.length).split(ISSUE_BOUNDARY)) {
    const [, path, text] = ISSUE.exec(issue) ?? [];
    if (path && text && isFormField(path)) fields[path] = text;
    else rest.push(issue);
  }
  return { fields, other: rest.length ? rest.join('; ') : null };
}
