import { describe, expect, it } from 'vitest';
import { filterPrompt, normalizeWords } from './prompt-filter';

describe('filterPrompt', () => {
  it.each([
    ['a porn poster', 'sexual', 'porn'],
    ['Hentai style drawing', 'sexual', 'hentai'],
    ['P0RN', 'sexual', 'porn'],
    ['a $ex scene on the beach', 'sexual', 'sex scene'],
    ['a NUDE WOMAN on a sofa', 'sexual', 'nude woman'],
    ['a gory battlefield', 'violence/graphic', 'gory'],
    ['a d3capitated statue', 'violence/graphic', 'decapitated'],
    ['self-harm illustration', 'self-harm', 'self harm'],
    ['lolicon art', 'sexual/minors', 'lolicon']
  ])('should flag %j as %s (matched %j)', (prompt, category, match) => {
    const verdict = filterPrompt(prompt);

    expect(verdict.flagged).toBe(true);
    expect(verdict.categories).toContain(category);
    expect(verdict.matches).toContain(match);
  });

  it.each([
    'Scunthorpe United football ground at dusk',
    'a cottage in Sussex',
    'a cocktail party, analysis of a therapist at work',
    'an assassin bug on a leaf',
    'a nude-colour lipstick product shot',
    'naked tree branches in winter',
    'the sex of a peacock shown by its tail',
    'Essex countryside, 1024x1024, 35mm, f/1.4',
    'a gorgeous sunset over Gorey harbour',
    'a xxxl t-shirt mockup',
    'a mountain lake at dawn, photorealistic'
  ])('should let %j through', (prompt) => {
    expect(filterPrompt(prompt)).toStrictEqual({ flagged: false, categories: [], matches: [] });
  });

  it('should flag sexual content next to a word for a child as sexual/minors too', () => {
    const verdict = filterPrompt('topless child');

    expect(verdict.categories).toStrictEqual(['sexual', 'sexual/minors']);
    expect(filterPrompt('a child flying a kite').flagged).toBe(false);
  });

  it('should report every category found, each match once', () => {
    const verdict = filterPrompt('gore and porn');

    expect(verdict.categories.sort()).toStrictEqual(['sexual', 'violence/graphic']);
    expect(verdict.matches.sort()).toStrictEqual(['gore', 'porn']);
  });
});

describe('normalizeWords', () => {
  it('should lower-case, drop accents and stand-ins, and split on anything that is not a letter', () => {
    expect(normalizeWords('Crème-Brûlée, n5fw!')).toStrictEqual(['creme', 'brulee', 'nsfw']);
  });
});
