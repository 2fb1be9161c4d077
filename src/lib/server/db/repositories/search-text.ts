/**
 * A search box's text as the two halves PostgreSQL can parse safely: `websearch_to_tsquery` takes words,
 * "quoted phrases", `or` and `-exclusions` but ignores a trailing `*`, so each unquoted `word*` (or `-word*`)
 * becomes a `to_tsquery` prefix term instead. Prefix terms keep only letters and digits, so nothing the user
 * types can become a tsquery operator; both halves are bound as parameters, never spliced into SQL.
 */
export type SearchText = { words: string; prefixes: string };

const TOKENS = /"[^"]*"?|\S+/g;
const PREFIX_TERM = /^(-?)([\p{L}\p{N}]+)\*+$/u;

export function splitSearchText(text: string): SearchText {
  const words: string[] = [];
  const prefixes: string[] = [];
  for (const [token] of text.matchAll(TOKENS)) {
    const prefix = token.startsWith('"') ? null : PREFIX_TERM.exec(token);
    if (prefix) prefixes.push(`${prefix[1] ? '!' : ''}${prefix[2]}:*`);
    else words.push(token);
  }
  return { words: words.join(' '), prefixes: prefixes.join(' & ') };
}
