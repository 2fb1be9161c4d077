import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { fillTemplate, templateVariables } from './template-variables';

describe('template variables', () => {
  it('should list each variable once in the order it first appears', () => {
    expect(templateVariables('{subject} in {place}, {subject} again, {not a var} {2x}')).toStrictEqual([
      'subject',
      'place'
    ]);
  });

  it('should fill every occurrence', () => {
    expect(fillTemplate('{a} and {b}, then {a}', { a: 'cat', b: ' dog ' })).toBe('cat and dog, then cat');
  });

  it('should name the missing and the unknown variables in one validation error', () => {
    const attempt = () => fillTemplate('{subject} in {place}', { subject: ' ', mood: 'calm' });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(
      'To use this template, fill in {subject}, {place}; the template has no {mood} (its variables: {subject}, {place}).'
    );
  });
});
