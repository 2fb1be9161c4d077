import { createServer, type Server } from 'node:http';
import Replicate from 'replicate';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  pngImage,
  providerErrorOf,
  rejectionOf,
  sizeOf,
  testCallSettings
} from '../../../../../tests/fakes/provider-test-kit';
import {
  startReplicateFake,
  type FakePredictionPlan,
  type ReplicateFake
} from '../../../../../tests/fakes/replicate-fake';
import { AppError } from '../../errors';
import { createJobNotifier, type JobNotifier } from '../jobs';
import { downloadVendorImage } from '../kit/download';
import type { EditCall, GenerateCall, InputImage } from '../types';
import { createReplicateProvider, type ReplicateProviderOptions } from './index';
import { outputUrls, parsePrediction } from './map';
import { REAL_ESRGAN_VERSION, REPLICATE_VENDOR, SDXL_LIGHTNING_VERSION, SDXL_VERSION } from './models';
import { verifyReplicateWebhook } from './webhook';

const SETTINGS = testCallSettings({ timeoutMs: 5_000, maxRetryDelayMs: 1_500 });

let fake: ReplicateFake;

beforeEach(async () => {
  fake = await startReplicateFake({ maxHoldMs: 50 });
});

afterEach(async () => {
  await fake.close();
});

function replicate(overrides: Partial<ReplicateProviderOptions> = {}) {
  return createReplicateProvider({
    apiToken: fake.token,
    baseUrl: fake.baseUrl,
    calls: SETTINGS,
    pollIntervalMs: 20,
    ...overrides
  });
}

function call(overrides: Partial<GenerateCall>): GenerateCall {
  return {
    model: 'black-forest-labs/flux-schnell',
    prompt: 'a lighthouse at dusk',
    width: 1024,
    height: 1024,
    count: 1,
    ...overrides
  };
}

const sent = (route: string) => fake.requests.filter((request) => request.route === route);

function decodedDataUri(value: unknown): Buffer {
  const match = typeof value === 'string' ? /^data:image\/png;base64,(.+)$/.exec(value) : null;
  if (!match?.[1]) throw new Error(`expected a PNG data URI, got ${String(value).slice(0, 40)}`);
  return Buffer.from(match[1], 'base64');
}

describe(createReplicateProvider.name, () => {
  describe('generate', () => {
    it.each([
      {
        name: 'flux-schnell',
        call: call({
          width: 1344,
          height: 768,
          count: 2,
          seed: 7,
          steps: 4,
          outputFormat: 'jpeg',
          negativePrompt: 'fog'
        }),
        path: '/v1/models/black-forest-labs/flux-schnell/predictions',
        body: {
          input: {
            prompt: 'a lighthouse at dusk',
            aspect_ratio: '16:9',
            num_outputs: 2,
            num_inference_steps: 4,
            seed: 7,
            output_format: 'jpg'
          }
        },
        plan: {},
        images: { count: 2, width: 64, height: 36, mediaType: 'image/jpeg', seed: 7 },
        costUsd: 2 * 0.003,
        warnings: [
          {
            type: 'unsupported',
            setting: 'negativePrompt',
            details: 'black-forest-labs/flux-schnell ignores negativePrompt.'
          }
        ]
      },
      {
        name: 'flux-dev',
        call: call({ model: 'black-forest-labs/flux-dev', steps: 28, cfgScale: 3.5, seed: 1, outputFormat: 'png' }),
        path: '/v1/models/black-forest-labs/flux-dev/predictions',
        body: {
          input: {
            prompt: 'a lighthouse at dusk',
            aspect_ratio: '1:1',
            num_outputs: 1,
            num_inference_steps: 28,
            guidance: 3.5,
            seed: 1,
            output_format: 'png'
          }
        },
        plan: {},
        images: { count: 1, width: 64, height: 64, mediaType: 'image/png', seed: 1 },
        costUsd: 0.025,
        warnings: []
      },
      {
        name: 'flux-1.1-pro',
        call: call({
          model: 'black-forest-labs/flux-1.1-pro',
          width: 832,
          height: 1216,
          seed: 3,
          steps: 20,
          cfgScale: 5,
          outputFormat: 'webp'
        }),
        path: '/v1/models/black-forest-labs/flux-1.1-pro/predictions',
        body: { input: { prompt: 'a lighthouse at dusk', aspect_ratio: '2:3', seed: 3, output_format: 'webp' } },
        plan: {},
        images: { count: 1, width: 43, height: 64, mediaType: 'image/webp', seed: 3 },
        costUsd: 0.04,
        warnings: [
          { type: 'unsupported', setting: 'steps', details: 'black-forest-labs/flux-1.1-pro ignores steps.' },
          { type: 'unsupported', setting: 'cfgScale', details: 'black-forest-labs/flux-1.1-pro ignores cfgScale.' }
        ]
      },
      {
        name: 'sdxl-lightning-4step',
        call: call({
          model: 'bytedance/sdxl-lightning-4step',
          count: 4,
          steps: 4,
          cfgScale: 0,
          negativePrompt: 'blurry',
          outputFormat: 'webp',
          seed: 5
        }),
        path: '/v1/predictions',
        body: {
          version: SDXL_LIGHTNING_VERSION,
          input: {
            prompt: 'a lighthouse at dusk',
            width: 1024,
            height: 1024,
            num_outputs: 4,
            negative_prompt: 'blurry',
            num_inference_steps: 4,
            guidance_scale: 0,
            seed: 5
          }
        },
        plan: { predictTimeS: 2.4 },
        images: { count: 4, width: 64, height: 64, mediaType: 'image/png', seed: 5 },
        costUsd: 2.4 * 0.001525,
        warnings: [
          {
            type: 'unsupported',
            setting: 'outputFormat',
            details: 'bytedance/sdxl-lightning-4step ignores outputFormat.'
          }
        ]
      },
      {
        name: 'sdxl',
        call: call({ model: 'stability-ai/sdxl', width: 1152, height: 896, steps: 30, cfgScale: 7.5, quality: 'hd' }),
        path: '/v1/predictions',
        body: {
          version: SDXL_VERSION,
          input: {
            prompt: 'a lighthouse at dusk',
            width: 1152,
            height: 896,
            num_outputs: 1,
            num_inference_steps: 30,
            guidance_scale: 7.5
          }
        },
        plan: { predictTimeS: 7 },
        images: { count: 1, width: 72, height: 56, mediaType: 'image/png', seed: undefined },
        costUsd: 7 * 0.000725,
        warnings: [{ type: 'unsupported', setting: 'quality', details: 'stability-ai/sdxl ignores quality.' }]
      }
    ])('should generate with $name, sending its own input fields and costing it by its rule', async (row) => {
      fake.planNext(row.plan);

      const result = await replicate().generate(row.call);

      const [create] = sent('create');
      expect([create?.path, create?.headers.prefer, create?.body]).toStrictEqual([row.path, 'wait=4', row.body]);
      const sizes = await Promise.all(result.images.map((image) => sizeOf(image.bytes)));
      expect(sizes).toStrictEqual(
        Array.from({ length: row.images.count }, () => ({
          width: row.images.width,
          height: row.images.height,
          mediaType: row.images.mediaType
        }))
      );
      expect(result.images.map((image) => image.seed)).toStrictEqual(result.images.map(() => row.images.seed));
      expect(result.costUsd).toBeCloseTo(row.costUsd, 10);
      expect(result.warnings).toStrictEqual(row.warnings);
      expect(sent('get')).toHaveLength(0);
    });

    it('should keep the cost basis and the prediction id in providerMetadata', async () => {
      fake.planNext({ predictTimeS: 3.2 });

      const result = await replicate().generate(call({ model: 'stability-ai/sdxl' }));

      const id = result.providerMetadata?.vendorRequestId;
      expect(fake.prediction(String(id))?.status).toBe('succeeded');
      expect(result.providerMetadata).toStrictEqual({
        vendorRequestId: id,
        retries: 0,
        finishedBy: 'answer',
        predictTimeS: 3.2
      });
    });

    it('should fall back to the estimate, and say so, when a per-second model reports no run time', async () => {
      fake.planNext({ predictTimeS: null });

      const result = await replicate().generate(call({ model: 'stability-ai/sdxl' }));

      expect(result.costUsd).toBeCloseTo(8 * 0.000725, 10);
      expect(result.providerMetadata?.costEstimated).toBe(true);
    });

    it('should fit steps into the model range and warn instead of sending what the API refuses', async () => {
      const result = await replicate().generate(call({ steps: 30 }));

      expect(sent('create')[0]?.body).toMatchObject({ input: { num_inference_steps: 4 } });
      expect(result.warnings).toStrictEqual([
        {
          type: 'other',
          message: 'black-forest-labs/flux-schnell takes steps from 1 to 4; 4 was used instead of 30.'
        }
      ]);
    });

    it('should warn and charge only for the images returned when the model returns fewer than asked', async () => {
      fake.planNext({ outputCount: 1 });

      const result = await replicate().generate(call({ count: 3 }));

      expect(result.images).toHaveLength(1);
      expect(result.costUsd).toBeCloseTo(0.003, 10);
      expect(result.warnings).toStrictEqual([
        {
          type: 'other',
          message: 'black-forest-labs/flux-schnell returned 1 of 3 images; its safety checker may have removed some.'
        }
      ]);
    });

    it('should refuse an unknown model as validation, listing the models, before any request', async () => {
      const error = await rejectionOf(replicate().generate(call({ model: 'acme/imaginary' })));

      expect(error).toBeInstanceOf(AppError);
      expect([(error as AppError).kind, (error as AppError).message]).toStrictEqual([
        'validation',
        'Replicate has no model "acme/imaginary". Available models: black-forest-labs/flux-schnell, black-forest-labs/flux-dev, black-forest-labs/flux-1.1-pro, bytedance/sdxl-lightning-4step, stability-ai/sdxl, nightmareai/real-esrgan.'
      ]);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('seeds', () => {
    it('should mark the models that stamp one seed on a whole call', () => {
      const sut = replicate();

      expect(sut.models.map((model) => [model.id, model.oneSeedPerCall === true])).toStrictEqual([
        ['black-forest-labs/flux-schnell', true],
        ['black-forest-labs/flux-dev', true],
        ['black-forest-labs/flux-1.1-pro', true],
        ['bytedance/sdxl-lightning-4step', true],
        ['stability-ai/sdxl', true],
        ['nightmareai/real-esrgan', false]
      ]);
    });

    it('should report the seed it sent on every image, so a re-run with that seed gives the same bytes', async () => {
      const sut = replicate();

      const batch = await sut.generate(call({ count: 2, seed: 7 }));
      const again = await sut.generate(call({ seed: 7 }));
      const next = await sut.generate(call({ seed: 8 }));

      expect(sent('create').map((request) => (request.body as { input: { seed?: number } }).input.seed)).toStrictEqual([
        7, 7, 8
      ]);
      expect([...batch.images, ...again.images, ...next.images].map((image) => image.seed)).toStrictEqual([7, 7, 7, 8]);
      const [first, second] = batch.images.map((image) => Buffer.from(image.bytes));
      expect(Buffer.from(again.images[0]!.bytes).equals(first!)).toBe(true);
      expect(second!.equals(first!)).toBe(false);
      expect(Buffer.from(next.images[0]!.bytes).equals(first!)).toBe(false);
    });
  });

  describe('long predictions', () => {
    it('should report the job id and poll the same prediction until it finishes', async () => {
      fake.planNext({ runMs: 150 });
      const started: Array<{ id: string; status?: string }> = [];

      const result = await replicate().generate(
        call({
          onJobStarted: async (id) => void started.push({ id, status: fake.prediction(id)?.status })
        })
      );

      const id = result.providerMetadata?.vendorRequestId;
      expect(started).toStrictEqual([{ id, status: 'processing' }]);
      expect(result.providerMetadata?.finishedBy).toBe('poll');
      expect(result.images).toHaveLength(1);
      expect(sent('create')).toHaveLength(1);
      expect(sent('get').length).toBeGreaterThan(0);
      expect(sent('get').every((request) => request.path === `/v1/predictions/${String(id)}`)).toBe(true);
    });

    it('should take the webhook delivery before the slow backstop poll would have run', async () => {
      const notifier = createJobNotifier();
      const receiver = await startWebhookReceiver(notifier, fake.webhookSecret);
      try {
        fake.planNext({ runMs: 100 });
        const sut = replicate({ webhook: { url: receiver.url }, notifier, pollIntervalMs: 1_000 });

        const result = await sut.generate(call({ onJobStarted: async () => undefined }));

        expect(result.providerMetadata?.finishedBy).toBe('webhook');
        expect(sent('create')[0]?.body).toMatchObject({ webhook: receiver.url, webhook_events_filter: ['completed'] });
        expect(sent('get')).toHaveLength(0);
        await fake.settled();
        expect(fake.deliveries).toStrictEqual([
          { predictionId: result.providerMetadata?.vendorRequestId, url: receiver.url, status: 200 }
        ]);
      } finally {
        await receiver.close();
      }
    });

    it('should still finish by polling when the webhook went to another instance', async () => {
      const elsewhere = await startWebhookReceiver(createJobNotifier(), fake.webhookSecret);
      try {
        fake.planNext({ runMs: 50 });
        const sut = replicate({ webhook: { url: elsewhere.url }, notifier: createJobNotifier(), pollIntervalMs: 10 });

        const result = await sut.generate(call({}));

        expect(result.providerMetadata?.finishedBy).toBe('poll');
      } finally {
        await elsewhere.close();
      }
    });

    it('should cancel the prediction and time out when it runs past the job timeout', async () => {
      fake.planNext({ runMs: Infinity });
      const started: string[] = [];
      const sut = replicate({ calls: { ...SETTINGS, timeoutsMs: { generate: 400, edit: 400, job: 400 } } });

      const error = await providerErrorOf(sut.generate(call({ onJobStarted: async (id) => void started.push(id) })));

      expect([error.kind, error.beforePaidWork]).toStrictEqual(['provider_unavailable', false]);
      expect(error.message).toMatch(/did not answer within/);
      expect(sent('create')[0]?.headers.prefer).toBeUndefined();
      expect(sent('cancel').map((request) => request.path)).toStrictEqual([`/v1/predictions/${started[0]}/cancel`]);
      expect(fake.prediction(started[0]!)?.status).toBe('canceled');
    });

    it("should cancel the running prediction at Replicate and pass the caller's abort on unchanged", async () => {
      fake.planNext({ runMs: Infinity });
      const controller = new AbortController();
      const started: string[] = [];

      const error = await rejectionOf(
        replicate().generate(
          call({
            signal: controller.signal,
            onJobStarted: async (id) => {
              started.push(id);
              controller.abort(new DOMException('The user left.', 'AbortError'));
            }
          })
        )
      );

      expect(error).toBe(controller.signal.reason);
      expect(sent('cancel').map((request) => request.path)).toStrictEqual([`/v1/predictions/${started[0]}/cancel`]);
      expect(fake.prediction(started[0]!)?.status).toBe('canceled');
    });

    it('should answer with a cancellation when someone else cancels the job', async () => {
      fake.planNext({ runMs: Infinity });
      const sut = replicate();

      const error = await providerErrorOf(sut.generate(call({ onJobStarted: (id) => sut.cancelJob!(id) })));

      expect([error.kind, error.beforePaidWork]).toStrictEqual(['provider_error', false]);
      expect(error.message).toBe(`The Replicate prediction ${error.vendorRequestId} was canceled before it finished.`);
      expect(fake.prediction(error.vendorRequestId!)?.status).toBe('canceled');
    });
  });

  describe('outputs', () => {
    it('should read data: URLs, as sync mode returns them', async () => {
      fake.planNext({ delivery: 'data-url' });

      const result = await replicate().generate(call({ count: 2 }));

      const sizes = await Promise.all(result.images.map((image) => sizeOf(image.bytes)));
      expect(sizes).toStrictEqual([
        { width: 64, height: 64, mediaType: 'image/webp' },
        { width: 64, height: 64, mediaType: 'image/webp' }
      ]);
    });

    it("should read the SDK's FileOutput objects that replicate.run() returns", async () => {
      fake.planNext({ delivery: 'data-url' });
      const output = await new Replicate({ auth: fake.token, baseUrl: fake.baseUrl }).run(
        'black-forest-labs/flux-schnell',
        { input: { prompt: 'a lighthouse at dusk', num_outputs: 2 } }
      );

      const urls = outputUrls(parsePrediction({ id: 'run', status: 'succeeded', output }, 'the run output'));
      const images = await Promise.all(urls.map((url) => downloadVendorImage(REPLICATE_VENDOR, url)));

      expect(Array.isArray(output) && output.every((entry) => entry instanceof ReadableStream)).toBe(true);
      const sizes = await Promise.all(images.map((image) => sizeOf(image.bytes)));
      expect(sizes).toStrictEqual([
        { width: 64, height: 64, mediaType: 'image/webp' },
        { width: 64, height: 64, mediaType: 'image/webp' }
      ]);
    });

    it('should follow a redirect that stays on the host the output URL named', async () => {
      fake.planNext({ delivery: 'redirect' });

      const result = await replicate().generate(call({}));

      expect(await sizeOf(result.images[0]!.bytes)).toStrictEqual({ width: 64, height: 64, mediaType: 'image/webp' });
    });

    it("should refuse a redirect to a host that is not Replicate's, as paid work", async () => {
      fake.planNext({ delivery: 'foreign-redirect' });

      const error = await providerErrorOf(replicate().generate(call({})));

      expect([error.kind, error.beforePaidWork]).toStrictEqual(['provider_error', false]);
      expect(error.message).toMatch(
        /^Replicate made the image but it could not be downloaded: it redirected to http:\/\/localhost:\d+, which is not one of Replicate's hosts\.$/
      );
    });
  });

  describe('failures', () => {
    it("should report a safety checker's refusal as content_policy in the model's words", async () => {
      fake.planNext({ error: 'NSFW content detected. Try running it again, or try a different prompt.' });

      const error = await providerErrorOf(replicate().generate(call({})));

      expect([error.kind, error.reason, error.beforePaidWork]).toStrictEqual([
        'content_policy',
        'NSFW content detected. Try running it again, or try a different prompt.',
        false
      ]);
      expect(error.message).toContain('NSFW content detected');
      expect(fake.prediction(error.vendorRequestId!)?.status).toBe('failed');
    });

    it('should report any other failed prediction as provider_error with its error text', async () => {
      fake.planNext({ error: 'CUDA out of memory' });

      const error = await providerErrorOf(replicate().generate(call({})));

      expect([error.kind, error.message]).toStrictEqual([
        'provider_error',
        "Replicate's model failed: CUDA out of memory"
      ]);
    });

    it('should refuse bad credentials once, without the SDK repeating the request', async () => {
      const error = await providerErrorOf(replicate({ apiToken: 'r8_wrong' }).generate(call({})));

      expect([error.kind, error.status, error.reason, error.beforePaidWork]).toStrictEqual([
        'provider_unavailable',
        401,
        'You did not pass a valid authentication token',
        true
      ]);
      expect(fake.requests).toHaveLength(1);
    });

    it.each([
      ['a Retry-After header', { 'retry-after': '0.05' }, 'Request was throttled.'],
      ['only the body hint', {}, 'Request was throttled. Your rate limit resets in ~1s.']
    ])('should retry a 429 with %s after the wait asked for, and count it', async (_, headers, detail) => {
      fake.failNext({ status: 429, body: { detail }, headers }, 'create');
      const startedAt = Date.now();

      const result = await replicate().generate(call({}));

      expect(sent('create')).toHaveLength(2);
      expect(result.providerMetadata?.retries).toBe(1);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(detail.includes('~1s') ? 950 : 40);
    });

    it.each([
      ['a Retry-After header', { 'retry-after': '30' }, 'Request was throttled.'],
      ['only the body hint', {}, 'Request was throttled. Your rate limit resets in ~30s.']
    ])('should fail fast with retryAfterMs when %s asks for more than maxRetryDelayMs', async (_, headers, detail) => {
      fake.failNext({ status: 429, body: { detail }, headers }, 'create');

      const error = await providerErrorOf(replicate().generate(call({})));

      expect([error.kind, error.status, error.retryAfterMs, error.beforePaidWork]).toStrictEqual([
        'provider_unavailable',
        429,
        30_000,
        true
      ]);
      expect(sent('create')).toHaveLength(1);
    });

    it('should not repeat a create answered 500 (it may have been created)', async () => {
      fake.failNext({ status: 500, body: { detail: 'Internal server error' } }, 'create');

      const error = await providerErrorOf(replicate().generate(call({})));

      expect([error.kind, error.status, error.reason]).toStrictEqual([
        'provider_unavailable',
        500,
        'Internal server error'
      ]);
      expect(sent('create')).toHaveLength(1);
    });

    it('should retry a poll answered 500 and count it', async () => {
      fake.planNext({ runMs: 100 });
      fake.failNext({ status: 500, body: { detail: 'Internal server error' } }, 'get');

      const result = await replicate().generate(call({}));

      expect(result.providerMetadata?.retries).toBe(1);
      expect(result.images).toHaveLength(1);
    });

    it.each([
      ['a body that is not JSON', '{"id": "gm3q", '],
      ['JSON that is not a prediction', { hello: 'world' }]
    ])('should report %s after a 201 as a malformed answer that may have been billed', async (_, body) => {
      fake.failNext({ status: 201, body }, 'create');

      const error = await providerErrorOf(replicate().generate(call({})));

      expect([error.kind, error.beforePaidWork]).toStrictEqual(['provider_error', false]);
      expect(error.message).toMatch(/^Replicate sent an answer Atelier cannot read: the new prediction is not/);
      expect(sent('create')).toHaveLength(1);
    });
  });

  describe('edit', () => {
    async function upscale(overrides: Partial<EditCall>, plan: FakePredictionPlan = {}) {
      fake.planNext(plan);
      const image = await pngImage(32, 24);
      const result = await replicate().edit!({
        operation: 'upscale',
        model: 'nightmareai/real-esrgan',
        image,
        count: 1,
        ...overrides
      });
      return { image, result, body: sent('create')[0]?.body as { version: string; input: Record<string, unknown> } };
    }

    it.each([
      [2, true, { width: 64, height: 48 }],
      [4, false, { width: 128, height: 96 }]
    ] as const)('should upscale %ix with Real-ESRGAN (face_enhance %s)', async (scale, faceEnhance, size) => {
      const { image, result, body } = await upscale({ scale, faceEnhance }, { predictTimeS: 4 });

      expect(body.version).toBe(REAL_ESRGAN_VERSION);
      expect({ ...body.input, image: undefined }).toStrictEqual({ image: undefined, scale, face_enhance: faceEnhance });
      expect(decodedDataUri(body.input.image).equals(Buffer.from(image.bytes))).toBe(true);
      expect(await sizeOf(result.images[0]!.bytes)).toStrictEqual({ ...size, mediaType: 'image/png' });
      expect(result.costUsd).toBeCloseTo(4 * 0.000225, 10);
      expect(result.warnings).toStrictEqual([]);
    });

    it('should warn about the settings Real-ESRGAN has no input for', async () => {
      const { result, body } = await upscale({ prompt: 'sharper', seed: 9, upscaleMode: 'creative' });

      expect(body.input.scale).toBe(4);
      expect(result.images[0]?.seed).toBeUndefined();
      expect(result.warnings).toStrictEqual([
        { type: 'unsupported', setting: 'seed', details: 'nightmareai/real-esrgan ignores seed.' },
        { type: 'other', message: 'nightmareai/real-esrgan takes no prompt; it was not sent.' },
        { type: 'other', message: 'nightmareai/real-esrgan takes no upscale mode; it was not sent.' }
      ]);
    });

    it('should inpaint with SDXL, sending the image and our white-means-repaint mask as they are', async () => {
      fake.planNext({ predictTimeS: 6 });
      const image = await pngImage(48, 32, 90);
      const mask = await pngImage(48, 32, 255);

      const result = await replicate().edit!({
        operation: 'inpaint',
        model: 'stability-ai/sdxl',
        image,
        mask,
        prompt: 'a red door',
        negativePrompt: 'text',
        strength: 0.8,
        seed: 11,
        count: 2
      });

      const body = sent('create')[0]?.body as { version: string; input: Record<string, unknown> };
      expect(body.version).toBe(SDXL_VERSION);
      expect({ ...body.input, image: undefined, mask: undefined }).toStrictEqual({
        prompt: 'a red door',
        image: undefined,
        mask: undefined,
        num_outputs: 2,
        negative_prompt: 'text',
        prompt_strength: 0.8,
        seed: 11
      });
      expect(decodedDataUri(body.input.image).equals(Buffer.from(image.bytes))).toBe(true);
      expect(decodedDataUri(body.input.mask).equals(Buffer.from(mask.bytes))).toBe(true);
      expect(await Promise.all(result.images.map((output) => sizeOf(output.bytes)))).toStrictEqual([
        { width: 48, height: 32, mediaType: 'image/png' },
        { width: 48, height: 32, mediaType: 'image/png' }
      ]);
      expect(result.images.map((output) => output.seed)).toStrictEqual([11, 11]);
      expect(result.costUsd).toBeCloseTo(6 * 0.000725, 10);
    });

    type EditShape = (image: InputImage, masks: { same: InputImage; small: InputImage }) => EditCall;
    const inpaint = { operation: 'inpaint', model: 'stability-ai/sdxl', count: 1 } as const;
    const upscaling = { operation: 'upscale', count: 1 } as const;
    it.each<[string, EditShape, RegExp]>([
      ['an inpaint without a mask', (image) => ({ ...inpaint, image, prompt: 'a door' }), /send a mask/],
      [
        'a mask of another size',
        (image, masks) => ({ ...inpaint, image, mask: masks.small, prompt: 'a door' }),
        /The mask is 16x16 but the image is 32x24/
      ],
      ['an inpaint without a prompt', (image, masks) => ({ ...inpaint, image, mask: masks.same }), /prompt/],
      [
        'a mask for the upscaler',
        (image, masks) => ({ ...upscaling, model: 'nightmareai/real-esrgan', image, mask: masks.same }),
        /no mask/
      ],
      [
        'an upscale with flux',
        (image) => ({ ...upscaling, model: 'black-forest-labs/flux-dev', image }),
        /does not edit images/
      ]
    ])('should refuse %s before any request', async (_, shape, message) => {
      const masks = { same: await pngImage(32, 24, 255), small: await pngImage(16, 16, 255) };

      const error = await rejectionOf(replicate().edit!(shape(await pngImage(32, 24), masks)));

      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(message);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('checkReachable', () => {
    it('should be reachable through the account endpoint, which costs nothing', async () => {
      const answer = await replicate().checkReachable!(AbortSignal.timeout(2_000));

      expect(answer).toStrictEqual({ reachable: true, detail: 'Signed in as atelier-fake.' });
      expect(fake.requests.map((request) => request.path)).toStrictEqual(['/v1/account']);
    });

    it('should not be reachable on a closed port', async () => {
      const closedBaseUrl = fake.baseUrl;
      await fake.close();
      fake = await startReplicateFake();

      const answer = await replicate({ baseUrl: closedBaseUrl }).checkReachable!(AbortSignal.timeout(2_000));

      expect(answer).toStrictEqual({ reachable: false, detail: 'Replicate could not be reached; try again later.' });
    });
  });
});

/** Stands in for the webhook route: verifies each delivery and hands it to the waiting request. */
async function startWebhookReceiver(notifier: JobNotifier, secret: string) {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string') headers.set(name, value);
      try {
        const { prediction } = verifyReplicateWebhook({
          headers,
          rawBody: Buffer.concat(chunks).toString('utf8'),
          secret,
          now: new Date()
        });
        const delivered = notifier.deliver(prediction.id, prediction);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ delivered }));
      } catch {
        response.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/replicate`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
