import { MAX_PROMPT_LENGTH } from '../../providers/types';
import { fitPromptToLength, type EnhanceRequest, type EnhanceResult } from '../../providers/assistant';
import {
  ASPECT_CUES,
  ASPECT_PHRASES,
  DIRECTIONS,
  NEGATIVE_TERMS,
  PHOTO_CUES,
  PHOTO_PHRASES,
  STOP_WORDS,
  TEXT_NEGATIVE_TERM,
  type Aspect
} from './vocabulary';

const ASPECTS: readonly Aspect[] = ['style', 'lighting', 'composition', 'detail'];
const MAX_SUGGESTIONS = 3;
const MAX_TAGS = 8;
const LETTERING_PHRASE = 'crisp legible lettering';
const TEXT_CUES = ['text', 'lettering', 'sign', 'signs', 'saying', 'words', 'title', 'typography', 'logo', 'label'];

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [];
}

/** The prompt as one line without trailing punctuation, cut at a word boundary to fit `maxLength`. */
function basePrompt(prompt: string, maxLength: number): string {
  const line = prompt
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[\s,.;:]+$/, '');
  return fitPromptToLength(line, maxLength);
}

/** The base followed by as many of the phrases, in order, as fit within `maxLength`. */
function withPhrases(base: string, phrases: readonly string[], maxLength: number): string {
  let text = base;
  for (const phrase of phrases) {
    const longer = `${text}, ${phrase}`;
    if (longer.length <= maxLength) text = longer;
  }
  return text;
}

function wantsLettering(prompt: string, words: ReadonlySet<string>): boolean {
  return /["“][^"”]+["”]/.test(prompt) || TEXT_CUES.some((cue) => words.has(cue));
}

function missingPhrases(words: ReadonlySet<string>, lettering: boolean, textRendering: boolean): string[] {
  const photographic = PHOTO_CUES.some((cue) => words.has(cue));
  const phrases = ASPECTS.filter((aspect) => !ASPECT_CUES[aspect].some((cue) => words.has(cue))).map(
    (aspect) => (photographic ? PHOTO_PHRASES[aspect] : undefined) ?? ASPECT_PHRASES[aspect]
  );
  if (lettering && textRendering && !words.has('legible')) phrases.push(LETTERING_PHRASE);
  return phrases;
}

function suggestionsFor(base: string, words: ReadonlySet<string>, enhanced: string, maxLength: number): string[] {
  const fresh = DIRECTIONS.filter((direction) => !words.has(direction.cue));
  const directions = [...fresh, ...DIRECTIONS.filter((direction) => !fresh.includes(direction))];
  const suggestions = directions
    .map((direction) => withPhrases(base, [direction.phrase], maxLength))
    .filter((suggestion) => suggestion !== enhanced && suggestion !== base);
  return [...new Set(suggestions)].slice(0, MAX_SUGGESTIONS);
}

function tagsOf(prompt: string): string[] {
  const content = wordsOf(prompt)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word) && !/^\d+$/.test(word));
  return [...new Set(content)].slice(0, MAX_TAGS);
}

function negativePromptFor(negativePrompt: string | undefined, lettering: boolean): string {
  const given = (negativePrompt ?? '')
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean);
  const defaults = lettering ? NEGATIVE_TERMS : [...NEGATIVE_TERMS, TEXT_NEGATIVE_TERM];
  const seen = new Set(given.map((term) => term.toLowerCase()));
  const added = defaults.filter((term) => !seen.has(term));
  return withPhrases(given.join(', '), added, MAX_PROMPT_LENGTH).replace(/^, /, '');
}

/**
 * The offline enhancer: names what the prompt leaves open (style, lighting, composition, detail) with
 * stock phrases, offers the subject in other looks, tags the prompt's own content words, and writes a
 * negative prompt only for a target that takes one. Pure and deterministic; stays within the target's
 * prompt length (a longer prompt is cut at a word boundary), and enhancing its own output adds nothing.
 */
export function enhanceLocally({ prompt, negativePrompt, target }: EnhanceRequest): EnhanceResult {
  const maxLength = Math.min(target.maxPromptLength, MAX_PROMPT_LENGTH);
  const words = new Set(wordsOf(prompt));
  const lettering = wantsLettering(prompt, words);
  const base = basePrompt(prompt, maxLength);
  const enhancedPrompt = withPhrases(base, missingPhrases(words, lettering, target.textRendering), maxLength);
  return {
    enhancedPrompt,
    suggestions: suggestionsFor(base, words, enhancedPrompt, maxLength),
    tags: tagsOf(base),
    negativePrompt: target.negativePrompt ? negativePromptFor(negativePrompt, lettering) : null
  };
}
