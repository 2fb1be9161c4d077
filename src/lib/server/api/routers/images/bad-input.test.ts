import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedImages } from '$lib/server/db/schema';
import { createLogger } from '$lib/server/log';
import { listFiles } from '$tests/support/files';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { toErrorBody } from '../../middlewares/error-mapping';
import { createActorCaller } from '../../root';

const PROMPT = 'a quiet harbour';

let deps: TestDeps;
let logged = '';
function caller() {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString();
      done();
    }
  });
  return createActorCaller({ ...deps, log: createLogger('debug', destination) }, deps.actor);
}

async function refusalOf(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => toErrorBody(error)
  );
}

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps?.close();
});

describe('bad input to images.generate and images.estimate', () => {
  it.each([
    ['prompt', { prompt: `${PROMPT}\u0000` }],
    ['negativePrompt', { prompt: PROMPT, negativePrompt: `blur\u0000${PROMPT}` }],
    ['style', { prompt: PROMPT, style: 'vivid\u0000' }],
    ['quality', { prompt: PROMPT, quality: '\u0000hd' }],
    ['model', { prompt: PROMPT, model: 'procedural-v1\u0000' }]
  ])(
    'should refuse a NUL character in %s as validation, before any row and without logging the prompt',
    async (field, input) => {
      logged = '';
      const sut = caller();

      const generated = await refusalOf(sut.images.generate({ size: '256x256', ...input }));
      const estimated = await refusalOf(sut.images.estimate({ size: '256x256', ...input }));

      for (const body of [generated, estimated]) {
        expect(body).toMatchObject({ kind: 'validation', code: 400 });
        expect(body.message).toContain(field);
        expect(body.message).toContain('control characters');
      }
      expect(await deps.db.select().from(generatedImages)).toStrictEqual([]);
      expect(await listFiles(deps.storageRoot)).toStrictEqual([]);
      expect(logged).not.toContain(PROMPT);
    }
  );

  it('should refuse a seed whose images would pass the largest seed, before any row', async () => {
    const body = await refusalOf(
      caller().images.generate({ prompt: PROMPT, size: '256x256', seed: 2147483647, count: 10 })
    );

    expect(body).toMatchObject({ kind: 'validation', code: 400 });
    expect(body.message).toContain('seed + count - 1');
    expect(await deps.db.select().from(generatedImages)).toStrictEqual([]);
  });

  it('should still take the largest seed for a single image', async () => {
    const { images } = await caller().images.generate({ prompt: PROMPT, size: '256x256', seed: 2147483647 });

    expect(images.map((image) => [image.status, image.seed])).toStrictEqual([['completed', 2147483647]]);
  });
});

describe('bad input to images.history', () => {
  it.each([
    ['year 275760', `+275760-09-13T00:00:00.000Z|00000000-0000-4000-8000-000000000000`],
    ['year -1', `-000001-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000`]
  ])('should refuse a cursor dated %s as validation', async (_name, decoded) => {
    const cursor = Buffer.from(decoded).toString('base64url');

    const body = await refusalOf(caller().images.history({ limit: 5, cursor }));

    expect(body).toMatchObject({ kind: 'validation', code: 400 });
    expect(body.message).toContain('cursor');
  });
});
