import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appErrorOf,
  closedPortUrl,
  providerErrorOf,
  rejectionOf,
  sizeOf,
  pngImage,
  testCallSettings
} from '../../../../../tests/fakes/provider-test-kit';
import {
  startStabilityFake,
  type StabilityFake,
  type StabilityFakeOptions
} from '../../../../../tests/fakes/stability-fake';
import { MAX_SEED, type EditCall, type GenerateCall } from '../types';
import { ChargedRefusalError } from './errors';
import { createStabilityProvider, type StabilityProviderOptions } from './index';

const SETTINGS = testCallSettings();

let fake: StabilityFake;

async function restartFake(options: StabilityFakeOptions) {
  await fake.close();
  fake = await startStabilityFake(options);
}

beforeEach(async () => {
  fake = await startStabilityFake();
});

afterEach(async () => {
  await fake.close();
});

function stability(overrides: Partial<StabilityProviderOptions> = {}) {
  return createStabilityProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    usdPerCredit: 0.01,
    calls: SETTINGS,
    pollIntervalMs: 5,
    ...overrides
  });
}

function generateCall(overrides: Partial<GenerateCall> = {}): GenerateCall {
  return { model: 'core', prompt: 'a lighthouse at dusk', width: 1024, height: 1024, count: 1, ...overrides };
}

async function editCall(overrides: Partial<EditCall>): Promise<EditCall> {
  return { operation: 'upscale', model: 'upscale-fast', image: await pngImage(64, 64), count: 1, ...overrides };
}

const onlyRequest = () => {
  expect(fake.requests).toHaveLength(1);
  return fake.requests[0]!;
};

const IMAGE_FILE = { filename: 'image.png', mediaType: 'image/png', width: 64, height: 64 };

describe(createStabilityProvider.name, () => {
  describe('models', () => {
    it('should price every model in credits at the configured price of a credit', () => {
      const prices = Object.fromEntries(
        stability({ usdPerCredit: 0.02 }).models.map((model) => [
          model.id,
          model.price.perImageUsd({ width: 1024, height: 1024 })
        ])
      );
      expect(prices).toEqual({
        core: expect.closeTo(0.06, 10),
        ultra: expect.closeTo(0.16, 10),
        'sd3.5-large': expect.closeTo(0.13, 10),
        'sd3.5-large-turbo': expect.closeTo(0.08, 10),
        'sd3.5-medium': expect.closeTo(0.07, 10),
        'stable-diffusion-xl-1024-v1-0': expect.closeTo(0.018, 10),
        inpaint: expect.closeTo(0.1, 10),
        outpaint: expect.closeTo(0.08, 10),
        'search-and-replace': expect.closeTo(0.1, 10),
        'remove-background': expect.closeTo(0.1, 10),
        'upscale-fast': expect.closeTo(0.04, 10),
        'upscale-conservative': expect.closeTo(0.8, 10),
        'upscale-creative': expect.closeTo(1.2, 10)
      });
    });

    it('should describe prices as credits with their dollar value', () => {
      const core = stability().models.find((model) => model.id === 'core');
      expect(core?.price).toMatchObject({ unit: 'credit', description: '3 credits (≈ $0.03) per image' });
    });

    it('should say that SDXL 1.0 on the v1 API may be refused', () => {
      const sdxl = stability().models.find((model) => model.id === 'stable-diffusion-xl-1024-v1-0');
      expect(sdxl?.lifecycle).toStrictEqual({ status: 'active' });
      expect(sdxl?.description).toMatch(/unconfirmed.*refused/i);
    });
  });

  describe('generate', () => {
    it.each([
      { model: 'core', path: '/v2beta/stable-image/generate/core', credits: 3, costUsd: 0.03, sd3: false },
      { model: 'ultra', path: '/v2beta/stable-image/generate/ultra', credits: 8, costUsd: 0.08, sd3: false },
      { model: 'sd3.5-large', path: '/v2beta/stable-image/generate/sd3', credits: 6.5, costUsd: 0.065, sd3: true },
      { model: 'sd3.5-large-turbo', path: '/v2beta/stable-image/generate/sd3', credits: 4, costUsd: 0.04, sd3: true },
      { model: 'sd3.5-medium', path: '/v2beta/stable-image/generate/sd3', credits: 3.5, costUsd: 0.035, sd3: true }
    ])(
      'should send $model its multipart fields and cost its credits',
      async ({ model, path, credits, costUsd, sd3 }) => {
        const result = await stability().generate(
          generateCall({
            model,
            width: 1344,
            height: 768,
            negativePrompt: 'fog',
            seed: 1234,
            style: 'cinematic',
            outputFormat: 'jpeg',
            ...(sd3 && { cfgScale: 5 })
          })
        );

        const request = onlyRequest();
        expect(request.method).toBe('POST');
        expect(request.path).toBe(path);
        expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
        expect(request.headers).toMatchObject({ accept: 'application/json', authorization: `Bearer ${fake.apiKey}` });
        expect(request.fields).toStrictEqual({
          prompt: 'a lighthouse at dusk',
          negative_prompt: 'fog',
          aspect_ratio: '16:9',
          seed: '1234',
          output_format: 'jpeg',
          style_preset: 'cinematic',
          ...(sd3 && { model, mode: 'text-to-image', cfg_scale: '5' })
        });
        expect(result.warnings).toStrictEqual([]);
        expect(result.costUsd).toBeCloseTo(costUsd, 10);
        expect(result.costUsd).toBeCloseTo(fake.creditsCharged() * 0.01, 10);
        expect(result.providerMetadata).toStrictEqual({ credits, retries: 0 });
        expect(result.images).toHaveLength(1);
        expect(result.images[0]?.seed).toBe(1234);
        expect(await sizeOf(result.images[0]!.bytes)).toStrictEqual({
          width: 114,
          height: 64,
          mediaType: 'image/jpeg'
        });
      }
    );

    it('should warn about the knobs Core ignores and not send them', async () => {
      const result = await stability().generate(generateCall({ steps: 30, cfgScale: 7, seed: 5 }));

      expect(result.warnings).toStrictEqual([
        { type: 'unsupported', setting: 'steps', details: 'core ignores steps.' },
        { type: 'unsupported', setting: 'cfgScale', details: 'core ignores cfgScale.' }
      ]);
      expect(onlyRequest().fields).toStrictEqual({ prompt: 'a lighthouse at dusk', aspect_ratio: '1:1', seed: '5' });
    });

    it('should fall back to PNG with a warning when an SD 3.5 model is asked for WebP', async () => {
      const result = await stability().generate(generateCall({ model: 'sd3.5-medium', outputFormat: 'webp', seed: 1 }));

      expect(result.warnings).toStrictEqual([
        {
          type: 'unsupported',
          setting: 'outputFormat',
          details: 'sd3.5-medium has no outputFormat "webp"; it knows png, jpeg. The default was used.'
        }
      ]);
      expect(onlyRequest().fields).not.toHaveProperty('output_format');
      expect(result.images[0]?.mediaType).toBe('image/png');
    });

    it('should clamp an SD 3.5 guidance outside 1–10 and say so', async () => {
      const result = await stability().generate(generateCall({ model: 'sd3.5-large', cfgScale: 25, seed: 1 }));

      expect(onlyRequest().fields?.cfg_scale).toBe('10');
      expect(result.warnings).toStrictEqual([
        { type: 'other', message: 'sd3.5-large takes guidance (cfg scale) from 1 to 10; 10 was used instead of 25.' }
      ]);
    });

    it('should draw a seed that fits the seed column when none is given, and report it', async () => {
      const result = await stability().generate(generateCall());

      const sent = Number(onlyRequest().fields?.seed);
      expect(Number.isInteger(sent) && sent >= 1 && sent <= MAX_SEED).toBe(true);
      expect(result.images[0]?.seed).toBe(sent);
    });

    it('should not report a seed Stability chose above what the seed column holds', async () => {
      await restartFake({ randomSeed: () => 4_000_000_000 });

      const result = await stability().generate(generateCall({ seed: 0 }));

      expect(onlyRequest().fields?.seed).toBe('0');
      expect(result.images[0]?.seed).toBeUndefined();
      expect(result.warnings).toStrictEqual([
        {
          type: 'other',
          message: `Stability used seed 4000000000, above the largest seed Atelier stores (${MAX_SEED}); this image cannot be repeated by its seed.`
        }
      ]);
    });

    it('should send SDXL 1.0 as v1 JSON with the negative prompt as a text prompt of weight −1', async () => {
      const result = await stability().generate(
        generateCall({
          model: 'stable-diffusion-xl-1024-v1-0',
          width: 1152,
          height: 896,
          count: 2,
          negativePrompt: 'blurry',
          seed: 10,
          steps: 30,
          cfgScale: 7,
          style: 'anime'
        })
      );

      const request = onlyRequest();
      expect(request.path).toBe('/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image');
      expect(request.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
      expect(request.json).toStrictEqual({
        text_prompts: [
          { text: 'a lighthouse at dusk', weight: 1 },
          { text: 'blurry', weight: -1 }
        ],
        width: 1152,
        height: 896,
        samples: 2,
        seed: 10,
        steps: 30,
        cfg_scale: 7,
        style_preset: 'anime'
      });
      expect(result.images.map((image) => image.seed)).toStrictEqual([10, 11]);
      expect(await sizeOf(result.images[1]!.bytes)).toStrictEqual({ width: 82, height: 64, mediaType: 'image/png' });
      expect(result.costUsd).toBeCloseTo(0.018, 10);
      expect(result.costUsd).toBeCloseTo(fake.creditsCharged() * 0.01, 10);
      expect(result.warnings).toStrictEqual([]);
    });

    it('should bring SDXL steps into 10–50 and warn that SDXL has no output format', async () => {
      const result = await stability().generate(
        generateCall({ model: 'stable-diffusion-xl-1024-v1-0', steps: 80, outputFormat: 'webp', seed: 3 })
      );

      expect(onlyRequest().json).toMatchObject({ steps: 50 });
      expect(result.warnings).toStrictEqual([
        {
          type: 'unsupported',
          setting: 'outputFormat',
          details: 'stable-diffusion-xl-1024-v1-0 ignores outputFormat.'
        },
        {
          type: 'other',
          message: 'stable-diffusion-xl-1024-v1-0 takes steps from 10 to 50; 50 was used instead of 80.'
        }
      ]);
    });

    it('should return the SDXL images that passed the safety filter and warn about the blurred one, charging all', async () => {
      fake.filterNext(1);

      const result = await stability().generate(
        generateCall({ model: 'stable-diffusion-xl-1024-v1-0', count: 3, seed: 20 })
      );

      expect(result.images.map((image) => image.seed)).toStrictEqual([21, 22]);
      expect(result.warnings).toStrictEqual([
        {
          type: 'other',
          message: "1 of 3 images did not come back (1 blurred by Stability's safety filter); all were charged."
        }
      ]);
      expect(result.costUsd).toBeCloseTo(0.027, 10);
    });

    it('should refuse an unknown model as validation, listing the models, without calling Stability', async () => {
      const error = await appErrorOf(stability().generate(generateCall({ model: 'sd3-turbo' })));

      expect([error.kind, error.message]).toStrictEqual([
        'validation',
        'Stability AI has no model "sd3-turbo". Available models: core, ultra, sd3.5-large, sd3.5-large-turbo, sd3.5-medium, stable-diffusion-xl-1024-v1-0, inpaint, outpaint, search-and-replace, remove-background, upscale-fast, upscale-conservative, upscale-creative.'
      ]);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('refusals', () => {
    it('should report refused credentials with Stability’s words and request id', async () => {
      const error = await providerErrorOf(stability({ apiKey: 'sk-wrong' }).generate(generateCall()));

      expect(error).toMatchObject({ kind: 'provider_unavailable', status: 401, beforePaidWork: true });
      expect(error.reason).toBe('authorization: invalid or missing header value');
      expect(error.vendorRequestId).toMatch(/^[0-9a-f]{32}$/);
      expect(error.message).toContain('credentials');
    });

    it('should retry a 429 after the Retry-After it names and count the retry', async () => {
      fake.failNext({
        status: 429,
        headers: { 'retry-after': '0.05' },
        body: { id: 'r1', name: 'rate_limit_exceeded', errors: ['too many requests'] }
      });

      const result = await stability().generate(generateCall({ seed: 1 }));

      expect(fake.requests).toHaveLength(2);
      expect(result.providerMetadata?.retries).toBe(1);
      expect(result.images).toHaveLength(1);
    });

    it('should fail fast with retryAfterMs when the 429 asks for longer than the longest wait', async () => {
      fake.failNext({
        status: 429,
        headers: { 'retry-after': '120' },
        body: { id: 'r2', name: 'rate_limit_exceeded', errors: [] }
      });

      const error = await providerErrorOf(stability().generate(generateCall()));

      expect(error).toMatchObject({
        kind: 'provider_unavailable',
        status: 429,
        beforePaidWork: true,
        retryAfterMs: 120_000
      });
      expect(fake.requests).toHaveLength(1);
    });

    it('should expect the 60 s rate-limit penalty when a 429 names no wait', async () => {
      fake.failNext({ status: 429, body: { id: 'r3', name: 'rate_limit_exceeded', errors: ['slow down'] } });

      const error = await providerErrorOf(stability().generate(generateCall()));

      expect(error).toMatchObject({ status: 429, retryAfterMs: 60_000, vendorRequestId: 'r3', reason: 'slow down' });
      expect(fake.requests).toHaveLength(1);
    });

    it('should retry a 500 up to maxRetries and then report Stability as failing', async () => {
      const failure = { status: 500, body: { id: 'r4', name: 'internal_error', errors: ['boom'] } };
      fake.failNext(failure);
      fake.failNext(failure);

      const error = await providerErrorOf(
        stability({ calls: { ...SETTINGS, maxRetries: 1 } }).generate(generateCall())
      );

      expect(error).toMatchObject({ kind: 'provider_unavailable', status: 500, beforePaidWork: true, reason: 'boom' });
      expect(fake.requests).toHaveLength(2);
    });

    it('should report a 400 as a refused request with every error Stability listed', async () => {
      fake.failNext({
        status: 400,
        body: { id: 'r5', name: 'bad_request', errors: ['prompt: too long', 'seed: bad'] }
      });

      const error = await providerErrorOf(stability().generate(generateCall()));

      expect(error).toMatchObject({
        kind: 'provider_error',
        status: 400,
        reason: 'prompt: too long; seed: bad',
        vendorRequestId: 'r5'
      });
    });

    it('should treat a 403 as content moderation that charged nothing', async () => {
      fake.failNext({
        status: 403,
        body: {
          id: 'r6',
          name: 'content_moderation',
          errors: ['Your request was flagged by our content moderation system']
        }
      });

      const error = await providerErrorOf(stability().generate(generateCall()));

      expect(error).toMatchObject({ kind: 'content_policy', status: 403, beforePaidWork: true, vendorRequestId: 'r6' });
      expect(error.message).toContain('flagged by our content moderation system');
      expect(error.message).toContain('nothing was charged');
    });

    it('should refuse a blurred (CONTENT_FILTERED) image as content policy while carrying the credits it cost', async () => {
      fake.filterNext();

      const error = await rejectionOf(stability().generate(generateCall({ model: 'ultra' })));

      if (!(error instanceof ChargedRefusalError))
        throw new Error(`expected a ChargedRefusalError, got ${String(error)}`);
      expect(error).toMatchObject({ kind: 'content_policy', beforePaidWork: false, credits: 8 });
      expect(error.costUsd).toBeCloseTo(0.08, 10);
      expect(error.message).toContain('8 credits (≈ $0.08) were still charged');
      expect(fake.creditsCharged()).toBe(8);
    });

    it('should time out a slow answer as possibly billed', async () => {
      fake.delayNext(1_000);
      const startedAt = Date.now();

      const error = await providerErrorOf(
        stability({ calls: { ...SETTINGS, timeoutsMs: { ...SETTINGS.timeoutsMs, generate: 150 } } }).generate(
          generateCall()
        )
      );

      expect(error).toMatchObject({ kind: 'provider_unavailable', beforePaidWork: false });
      expect(error.message).toContain('did not answer');
      expect(Date.now() - startedAt).toBeLessThan(900);
    });

    it('should pass the caller’s own abort on unchanged', async () => {
      fake.delayNext(1_000);
      const controller = new AbortController();
      const reason = new Error('the user went away');
      setTimeout(() => controller.abort(reason), 50);

      const error = await rejectionOf(stability().generate(generateCall({ signal: controller.signal })));

      expect(error).toBe(reason);
    });

    it('should report a 200 that is not JSON as an unreadable, possibly billed answer', async () => {
      fake.failNext({ status: 200, body: '<html>gateway</html>' });

      const error = await providerErrorOf(stability().generate(generateCall()));

      expect(error).toMatchObject({ kind: 'provider_error', beforePaidWork: false });
      expect(error.message).toContain('not JSON');
    });

    it('should report a 200 whose image is not an image as unreadable', async () => {
      fake.failNext({ status: 200, body: { image: 'aGVsbG8gd29ybGQ=', finish_reason: 'SUCCESS', seed: 1 } });

      const error = await providerErrorOf(stability().generate(generateCall()));

      expect(error).toMatchObject({ kind: 'provider_error', beforePaidWork: false });
      expect(error.message).toContain('not a PNG, JPEG or WebP');
    });
  });

  describe('edit', () => {
    it('should inpaint the white area of the mask, sending image and mask as files', async () => {
      const result = await stability().edit(
        await editCall({
          operation: 'inpaint',
          model: 'inpaint',
          mask: await pngImage(64, 64, 255),
          prompt: 'a red door',
          negativePrompt: 'people',
          seed: 7,
          style: 'photographic',
          outputFormat: 'webp'
        })
      );

      const request = onlyRequest();
      expect(request.path).toBe('/v2beta/stable-image/edit/inpaint');
      expect(request.fields).toMatchObject({
        prompt: 'a red door',
        negative_prompt: 'people',
        seed: '7',
        style_preset: 'photographic',
        output_format: 'webp',
        image: IMAGE_FILE,
        mask: { filename: 'mask.png', mediaType: 'image/png', width: 64, height: 64 }
      });
      expect(Object.keys(request.fields ?? {}).sort()).toStrictEqual(
        ['image', 'mask', 'negative_prompt', 'output_format', 'prompt', 'seed', 'style_preset'].sort()
      );
      expect(await sizeOf(result.images[0]!.bytes)).toStrictEqual({ width: 64, height: 64, mediaType: 'image/webp' });
      expect(result.images[0]?.seed).toBe(7);
      expect(result.costUsd).toBeCloseTo(0.05, 10);
      expect(result.warnings).toStrictEqual([]);
    });

    it('should refuse inpainting without a mask, with a mask of another size, or without a prompt', async () => {
      const provider = stability();
      const inpaint = { operation: 'inpaint' as const, model: 'inpaint', prompt: 'a red door' };
      const errors = await Promise.all([
        appErrorOf(provider.edit(await editCall(inpaint))),
        appErrorOf(provider.edit(await editCall({ ...inpaint, mask: await pngImage(32, 64, 255) }))),
        appErrorOf(provider.edit(await editCall({ ...inpaint, prompt: ' ', mask: await pngImage(64, 64, 255) })))
      ]);

      expect(errors.map((error) => error.message)).toStrictEqual([
        'inpaint cannot work without: mask.',
        'The mask is 32x64 but the image is 64x64; they must match.',
        'inpaint cannot work without: prompt.'
      ]);
      expect(fake.requests).toHaveLength(0);
    });

    it('should outpaint only the sides asked for, with the strength as creativity', async () => {
      const result = await stability().edit(
        await editCall({
          operation: 'outpaint',
          model: 'outpaint',
          expand: { left: 16, down: 8 },
          strength: 0.4,
          prompt: 'more beach',
          seed: 2
        })
      );

      expect(onlyRequest().fields).toStrictEqual({
        prompt: 'more beach',
        seed: '2',
        creativity: '0.4',
        left: '16',
        down: '8',
        image: expect.objectContaining(IMAGE_FILE)
      });
      expect(await sizeOf(result.images[0]!.bytes)).toStrictEqual({ width: 80, height: 72, mediaType: 'image/png' });
      expect(result.costUsd).toBeCloseTo(0.04, 10);
    });

    it('should refuse an outpaint that grows no side or more than 2000 px', async () => {
      const provider = stability();
      const outpaint = { operation: 'outpaint' as const, model: 'outpaint' };
      const errors = await Promise.all([
        appErrorOf(provider.edit(await editCall({ ...outpaint, expand: { left: 0 } }))),
        appErrorOf(provider.edit(await editCall({ ...outpaint, expand: { up: 3000 } })))
      ]);

      expect(errors.map((error) => error.kind)).toStrictEqual(['validation', 'validation']);
      expect(errors[1]?.message).toContain('up was 3000');
      expect(fake.requests).toHaveLength(0);
    });

    it('should search and replace with the search prompt', async () => {
      const result = await stability().edit(
        await editCall({
          operation: 'searchReplace',
          model: 'search-and-replace',
          prompt: 'a dog',
          searchPrompt: 'cat',
          seed: 4
        })
      );

      expect(onlyRequest().fields).toStrictEqual({
        prompt: 'a dog',
        search_prompt: 'cat',
        seed: '4',
        image: expect.objectContaining(IMAGE_FILE)
      });
      expect(result.costUsd).toBeCloseTo(0.05, 10);
    });

    it('should remove the background, warning about JPEG and the prompt it does not take', async () => {
      const result = await stability().edit(
        await editCall({
          operation: 'removeBackground',
          model: 'remove-background',
          outputFormat: 'jpeg',
          prompt: 'cat'
        })
      );

      expect(onlyRequest().fields).toStrictEqual({ image: expect.objectContaining(IMAGE_FILE) });
      expect(result.warnings).toStrictEqual([
        {
          type: 'unsupported',
          setting: 'outputFormat',
          details: 'remove-background has no outputFormat "jpeg"; it knows png, webp. The default was used.'
        },
        { type: 'other', message: 'remove-background takes no prompt; it was not sent.' }
      ]);
      expect(result.images[0]?.mediaType).toBe('image/png');
      expect(result.costUsd).toBeCloseTo(0.05, 10);
    });

    it('should upscale fast to 4x and warn that 2x is not possible', async () => {
      const result = await stability().edit(await editCall({ scale: 2, outputFormat: 'jpeg' }));

      const request = onlyRequest();
      expect(request.path).toBe('/v2beta/stable-image/upscale/fast');
      expect(request.fields).toStrictEqual({ output_format: 'jpeg', image: expect.objectContaining(IMAGE_FILE) });
      expect(await sizeOf(result.images[0]!.bytes)).toStrictEqual({ width: 256, height: 256, mediaType: 'image/jpeg' });
      expect(result.warnings).toStrictEqual([
        { type: 'other', message: 'upscale-fast always enlarges 4x; 2x was not possible.' }
      ]);
      expect(result.costUsd).toBeCloseTo(0.02, 10);
    });

    it('should upscale conservatively with its prompt, and refuse it without one', async () => {
      const provider = stability();
      const missing = await appErrorOf(provider.edit(await editCall({ model: 'upscale-conservative' })));
      const result = await provider.edit(
        await editCall({ model: 'upscale-conservative', prompt: 'a sharp photo', strength: 0.3, seed: 9 })
      );

      expect(missing.message).toBe('upscale-conservative cannot work without: prompt.');
      expect(onlyRequest().fields).toStrictEqual({
        prompt: 'a sharp photo',
        seed: '9',
        creativity: '0.3',
        image: expect.objectContaining(IMAGE_FILE)
      });
      expect(await sizeOf(result.images[0]!.bytes)).toMatchObject({ width: 256, height: 256 });
      expect(result.costUsd).toBeCloseTo(0.4, 10);
    });

    it('should refuse an upscale mode other than the model’s, a mask on an upscale and an edit on a generate model', async () => {
      const provider = stability();
      const errors = await Promise.all([
        appErrorOf(provider.edit(await editCall({ upscaleMode: 'creative' }))),
        appErrorOf(provider.edit(await editCall({ mask: await pngImage(64, 64, 255) }))),
        appErrorOf(provider.edit(await editCall({ model: 'core' })))
      ]);

      expect(errors.map((error) => [error.kind, error.message])).toStrictEqual([
        ['validation', 'upscale-fast upscales in fast mode; for creative mode use the model upscale-creative.'],
        ['validation', 'upscale-fast works on the whole image; it takes no mask.'],
        ['unsupported', 'core does not edit images.']
      ]);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('creative upscale job', () => {
    const creative = () =>
      editCall({
        model: 'upscale-creative',
        upscaleMode: 'creative',
        prompt: 'crisp detail',
        style: 'enhance',
        seed: 3
      });

    it('should report the job id before polling, wait through 202s and cost 60 credits', async () => {
      fake.planNextJob({ pendingPolls: 2 });
      const started: Array<{ jobId: string; requestsSoFar: number }> = [];

      const result = await stability().edit({
        ...(await creative()),
        onJobStarted: async (jobId) => void started.push({ jobId, requestsSoFar: fake.requests.length })
      });

      expect(started).toHaveLength(1);
      const { jobId } = started[0]!;
      expect(jobId).toMatch(/^[0-9a-f]{64}$/);
      expect(started[0]?.requestsSoFar).toBe(1);
      expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toStrictEqual([
        'POST /v2beta/stable-image/upscale/creative',
        `GET /v2beta/results/${jobId}`,
        `GET /v2beta/results/${jobId}`,
        `GET /v2beta/results/${jobId}`
      ]);
      expect(fake.requests[0]?.fields).toMatchObject({ prompt: 'crisp detail', style_preset: 'enhance', seed: '3' });
      expect(fake.requests[3]?.headers).toMatchObject({ accept: 'application/json' });
      expect(await sizeOf(result.images[0]!.bytes)).toMatchObject({ width: 256, height: 256 });
      expect(result.costUsd).toBeCloseTo(0.6, 10);
      expect(result.providerMetadata).toStrictEqual({ credits: 60, retries: 0, vendorRequestId: jobId });
    });

    it('should retry a poll refused with 503 and count the retry', async () => {
      fake.planNextJob({ pendingPolls: 0 });

      const result = await stability().edit({
        ...(await creative()),
        onJobStarted: async () =>
          fake.failNext({ status: 503, headers: { 'retry-after': '0' }, body: { errors: ['busy'] } })
      });

      expect(fake.requests.filter((request) => request.method === 'GET')).toHaveLength(2);
      expect(result.providerMetadata?.retries).toBe(1);
    });

    it('should report an expired result as a failure after paid work', async () => {
      fake.planNextJob({ pendingPolls: 1, expires: true });

      const error = await providerErrorOf(stability().edit(await creative()));

      expect(error).toMatchObject({ kind: 'provider_error', status: 404, beforePaidWork: false });
      expect(error.vendorRequestId).toMatch(/^[0-9a-f]{64}$/);
      expect(error.message).toContain('24 hours');
    });

    it('should stop waiting at the job timeout', async () => {
      fake.planNextJob({ pendingPolls: 10_000 });

      const error = await providerErrorOf(
        stability({ calls: { ...SETTINGS, timeoutsMs: { ...SETTINGS.timeoutsMs, job: 1_000 } } }).edit(await creative())
      );

      expect(error).toMatchObject({ kind: 'provider_unavailable', beforePaidWork: false });
      expect(fake.requests.length).toBeGreaterThan(2);
    });
  });

  describe('checkReachable', () => {
    it('should read the credit balance without spending any', async () => {
      await restartFake({ credits: 42.5 });

      const answer = await stability().checkReachable(AbortSignal.timeout(2_000));

      expect(answer).toStrictEqual({ reachable: true, detail: '42.5 credits left (≈ $0.425).' });
      expect(onlyRequest()).toMatchObject({ method: 'GET', path: '/v1/user/balance' });
      expect(fake.creditsCharged()).toBe(0);
    });

    it('should be unreachable with a refused key', async () => {
      const answer = await stability({ apiKey: 'sk-wrong' }).checkReachable(AbortSignal.timeout(2_000));

      expect(answer.reachable).toBe(false);
      expect(answer.detail).toContain('credentials');
    });

    it('should be unreachable when nothing listens', async () => {
      const answer = await stability({ baseUrl: await closedPortUrl() }).checkReachable(AbortSignal.timeout(2_000));

      expect(answer).toStrictEqual({ reachable: false, detail: 'Stability AI could not be reached; try again later.' });
    });
  });
});

describe(startStabilityFake.name, () => {
  async function post(path: string, form: FormData) {
    const response = await fetch(`${fake.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, accept: 'application/json' },
      body: form
    });
    return {
      status: response.status,
      body: (await response.json()) as { id?: string; name?: string; errors?: string[] }
    };
  }

  const png = async (width: number, height: number) =>
    new Blob([new Uint8Array((await pngImage(width, height)).bytes)], { type: 'image/png' });

  it('should make the same image for the same prompt and seed, and another for another seed', async () => {
    const sut = stability();

    const [first, again, other] = await Promise.all(
      [5, 5, 6].map((seed) =>
        sut.generate(generateCall({ seed })).then((result) => Buffer.from(result.images[0]!.bytes))
      )
    );

    expect(again!.equals(first!)).toBe(true);
    expect(other!.equals(first!)).toBe(false);
  });

  it('should refuse what the doc says Stability refuses, in its error shape', async () => {
    const noPrompt = new FormData();
    noPrompt.append('aspect_ratio', '4:3');
    const mismatched = new FormData();
    mismatched.append('prompt', 'a door');
    mismatched.append('image', await png(64, 64), 'image.png');
    mismatched.append('mask', await png(32, 32), 'mask.png');

    const answers = await Promise.all([
      post('/v2beta/stable-image/generate/core', noPrompt),
      post('/v2beta/stable-image/edit/inpaint', mismatched)
    ]);

    expect(answers.map((answer) => answer.status)).toStrictEqual([400, 400]);
    expect(answers[0]?.body).toMatchObject({ name: 'bad_request', id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(answers[0]?.body.errors).toStrictEqual([
      'prompt: is required',
      'aspect_ratio: must be one of 1:1, 16:9, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21'
    ]);
    expect(answers[1]?.body.errors).toStrictEqual(['mask: must have the same dimensions as image (64x64), got 32x32']);
    expect(fake.creditsCharged()).toBe(0);
  });
});
