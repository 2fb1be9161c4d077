import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { createLogger } from './log';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    }
  });
  return { destination, text: () => lines.join('') };
}

describe(createLogger.name, () => {
  it("should log a failed query's statement and cause but never its parameters, also as a cause", () => {
    const { destination, text } = capture();
    const sut = createLogger('info', destination);
    const failed = new DrizzleQueryError(
      'insert into "generated_images" ("prompt") values ($1)',
      ['a secret prompt'],
      new Error('invalid byte sequence for encoding "UTF8": 0x00')
    );

    sut.error({ err: failed }, 'procedure failed');
    sut.error({ err: new AppError('provider_error', 'The image could not be stored.', { cause: failed }) }, 'wrapped');

    expect(text()).toContain('insert into \\"generated_images\\"');
    expect(text()).toContain('invalid byte sequence');
    expect(text()).toContain('The image could not be stored.');
    expect(text()).not.toContain('a secret prompt');
  });
});
