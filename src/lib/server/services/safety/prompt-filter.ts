/**
 * The local prompt filter: a small curated list of words and phrases matched on whole words after a light
 * normalization (case, accents, common digit/symbol stand-ins such as `p0rn` or `$ex`), so "Scunthorpe",
 * "Sussex" or "cocktail" never match. Categories use OpenAI moderation's names, so both verdicts read alike.
 * It cannot understand a prompt: it catches the obvious, OpenAI's moderation (when configured) the rest.
 */

export type FilterCategory = 'sexual' | 'sexual/minors' | 'violence/graphic' | 'self-harm' | 'hate';

export type FilterVerdict = {
  flagged: boolean;
  categories: FilterCategory[];
  /** The listed words or phrases found, as listed. */
  matches: string[];
};

const LISTS: Record<Exclude<FilterCategory, 'sexual/minors'>, string[]> = {
  sexual: [
    'porn',
    'porno',
    'pornographic',
    'pornography',
    'hentai',
    'nsfw',
    'xxx',
    'nudity',
    'fully nude',
    'nude woman',
    'nude man',
    'nude girl',
    'nude boy',
    'naked woman',
    'naked man',
    'naked girl',
    'naked boy',
    'topless',
    'genitals',
    'penis',
    'vagina',
    'erection',
    'orgasm',
    'blowjob',
    'cumshot',
    'having sex',
    'oral sex',
    'explicit sex',
    'sex scene',
    'sex act',
    'sex tape'
  ],
  'violence/graphic': [
    'gore',
    'gory',
    'dismembered',
    'dismemberment',
    'decapitated',
    'decapitation',
    'beheading',
    'disembowelled',
    'disemboweled',
    'mutilated',
    'mutilation'
  ],
  'self-harm': ['self harm', 'kill myself', 'slit wrists', 'slit my wrists', 'suicide note'],
  hate: ['nigger', 'faggot', 'kike', 'heil hitler', 'white power']
};

/** Always refused on their own: sexual content involving minors. */
const MINOR_SEXUAL_TERMS = ['lolicon', 'shotacon', 'child porn'];
/** A sexual match together with one of these becomes `sexual/minors`. */
const MINOR_WORDS = new Set([
  'child',
  'children',
  'kid',
  'kids',
  'minor',
  'minors',
  'underage',
  'preteen',
  'toddler',
  'infant',
  'schoolgirl',
  'schoolboy',
  'loli',
  'shota'
]);

/** Digits and symbols people type for letters; applied before splitting into words. */
const STAND_INS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's'
};

/** Lower case, accents off, stand-ins replaced, then the words (letters only). */
export function normalizeWords(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[013457@$]/g, (character) => STAND_INS[character] ?? character);
  return plain.split(/[^\p{L}]+/u).filter(Boolean);
}

/** Whether `phrase` (words separated by single spaces) occurs in `words` as whole consecutive words. */
function containsPhrase(words: string[], phrase: string): boolean {
  const wanted = phrase.split(' ');
  return words.some((_, start) => wanted.every((word, offset) => words[start + offset] === word));
}

export function filterPrompt(text: string): FilterVerdict {
  const words = normalizeWords(text);
  const categories = new Set<FilterCategory>();
  const matches: string[] = [];
  const find = (category: FilterCategory, phrases: string[]) => {
    for (const phrase of phrases) {
      if (!containsPhrase(words, phrase)) continue;
      categories.add(category);
      matches.push(phrase);
    }
  };
  for (const [category, phrases] of Object.entries(LISTS) as [FilterCategory, string[]][]) find(category, phrases);
  find('sexual/minors', MINOR_SEXUAL_TERMS);
  if (categories.has('sexual') && words.some((word) => MINOR_WORDS.has(word))) categories.add('sexual/minors');
  return { flagged: categories.size > 0, categories: [...categories], matches };
}
