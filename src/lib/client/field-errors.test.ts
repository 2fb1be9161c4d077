import { describe, expect, it } from 'vitest';
import { splitError } from './field-errors';

const ACCOUNT_LIMIT =
  'Your account may generate at most 2 images per request; ask for 2 or fewer, or ask an admin to raise the limit.';

describe(splitError.name, () => {
  it('should put a schema issue beside its field without the "Invalid input: prompt:" wording', () => {
    expect(splitError('Invalid input: prompt: Prompts are limited to 4000 characters; shorten it.')).toStrictEqual({
      fields: { prompt: 'Prompts are limited to 4000 characters; shorten it.' },
      other: null
    });
  });

  it('should split several issues and keep the ones about no form field for the form', () => {
    expect(splitError('Invalid input: count: Too big: expected number to be <=10; seed: Too small.')).toStrictEqual({
      fields: { count: 'Too big: expected number to be <=10' },
      other: 'seed: Too small.'
    });
  });

  it("should put the account's count limit beside the count", () => {
    expect(splitError(ACCOUNT_LIMIT)).toStrictEqual({ fields: { count: ACCOUNT_LIMIT }, other: null });
  });

  it('should leave any other refusal whole', () => {
    expect(splitError('The daily budget is spent.')).toStrictEqual({ fields: {}, other: 'The daily budget is spent.' });
  });
});
