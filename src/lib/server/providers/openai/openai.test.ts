import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake, type ReceivedRequest } from '../../../../../tests/fakes/openai-fake';
import { closedPortUrl, rejectionOf, testCallSettings } from '../../../../../tests/fakes/provider-test-kit';
import { decodeRgba, encodeRgba, inspectImage } from '../../images';
import type { EditCall, GenerateCall, InputImage } from '../types';
import { createOpenAIProvider, type OpenAIProviderOptions } from './index';

const calls = testCallSettings();
const PROMPT = 'a lighthouse at dusk';

let fake: OpenAIFake;

beforeEach(async () => {
  fake = await startOpenAIFake();
});

afterEach(async () => {
  await fake.close();
});

function provider(overrides: Partial<OpenAIProviderOptions> = {}) {
  return createOpenAIProvider({
    apiKey: fake.apiKey,
    organization: 'org-atelier',
    baseUrl: fake.baseUrl,
    calls,
    ...overrides
  });
}

function generateCall(call: Partial<GenerateCall> = {}): GenerateCall {
  return { model: 'gpt-image-2', prompt: PROMPT, width: 1024, height: 1024, count: 1, ...call };
}

/** A flat image in the given colour, or with its left half white and right half black (`'mask'`). */
async function inputImage(
  width: number,
  height: number,
  fill: 'grey' | 'mask' = 'grey',
  format: 'png' | 'jpeg' = 'png'
) {
  const pixels = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index++) {
    const white = fill === 'mask' ? index % width < width / 2 : false;
    const value = fill === 'grey' ? 128 : white ? 255 : 0;
    pixels.set([value, value, value, 255], index * 4);
  }
  const bytes = await encodeRgba(pixels, width, height, format);
  const image: InputImage = { bytes, mediaType: format === 'png' ? 'image/png' : 'image/jpeg', width, height };
  return image;
}

const imageRequests = () => fake.requests.filter((request) => request.path.startsWith('/v1/images/'));

function theImageRequest(): ReceivedRequest {
  const [request, ...more] = imageRequests();
  if (!request || more.length > 0) throw new Error(`expected one image request, got ${imageRequests().length}`);
  return request;
}

describe(createOpenAIProvider.name, () => {
  describe('catalog', () => {
    it("should offer OpenAI's catalog with gpt-image-2 as default and DALL·E shut down", () => {
      const sut = createOpenAIProvider({ apiKey: 'sk-test', calls });

      expect(sut.models.map((model) => [model.id, model.lifecycle])).toStrictEqual([
        ['gpt-image-2', { status: 'active' }],
        ['gpt-image-1.5', { status: 'active' }],
        ['gpt-image-1', { status: 'active' }],
        ['gpt-image-1-mini', { status: 'deprecated', shutdownDate: '2026-12-01', replacement: 'gpt-image-2' }],
        ['dall-e-3', { status: 'shut_down', shutdownDate: '2026-05-12', replacement: 'gpt-image-2' }],
        ['dall-e-2', { status: 'shut_down', shutdownDate: '2026-05-12', replacement: 'gpt-image-2' }]
      ]);
      expect(sut.defaultModel).toBe('gpt-image-2');
    });

    it.each([
      ['gpt-image-2', 1024, 1024, 'low', 0.011],
      ['gpt-image-2', 2560, 1440, 'high', (0.167 * 2560 * 1440) / (1024 * 1024)],
      ['gpt-image-1.5', 1536, 1024, 'medium', 0.063],
      ['gpt-image-1', 1024, 1536, 'high', 0.25],
      ['gpt-image-1', 1024, 1024, 'auto', 0.167],
      ['gpt-image-1', 1024, 1024, undefined, 0.167],
      ['gpt-image-1-mini', 1024, 1024, 'low', 0.005],
      ['gpt-image-1-mini', 1536, 1024, 'high', 0.052],
      ['dall-e-3', 1792, 1024, 'hd', 0.12],
      ['dall-e-3', 1024, 1024, undefined, 0.04],
      ['dall-e-2', 256, 256, undefined, 0.016]
    ])('should estimate %s at %ix%i quality %s as $%d per image', (id, width, height, quality, usd) => {
      const model = createOpenAIProvider({ apiKey: 'sk-test', calls }).models.find((known) => known.id === id);

      expect(model?.price.perImageUsd({ width, height, quality })).toBeCloseTo(usd, 6);
    });

    it('should keep retired models active on a self-hosted server that serves them', () => {
      const sut = provider();

      expect(sut.models.find((model) => model.id === 'dall-e-3')?.lifecycle).toStrictEqual({ status: 'active' });
      expect(sut.kind).toBe('a self-hosted server speaking the OpenAI image API');
    });
  });

  describe('generate', () => {
    it.each([
      {
        call: {
          model: 'gpt-image-2',
          width: 1536,
          height: 1024,
          quality: 'high',
          outputFormat: 'webp',
          background: 'opaque',
          seed: 7
        },
        sent: {
          model: 'gpt-image-2',
          prompt: PROMPT,
          n: 1,
          size: '1536x1024',
          quality: 'high',
          output_format: 'webp',
          background: 'opaque'
        },
        mediaType: 'image/webp',
        // 50 text tokens at $5/M + 4160 image tokens at $40/M
        costUsd: 0.16665,
        warnings: [{ type: 'unsupported', setting: 'seed', details: 'gpt-image-2 ignores seed.' }]
      },
      {
        call: {
          model: 'gpt-image-1.5',
          width: 1024,
          height: 1536,
          count: 2,
          quality: 'low',
          outputFormat: 'jpeg',
          negativePrompt: 'fog'
        },
        sent: {
          model: 'gpt-image-1.5',
          prompt: PROMPT,
          n: 2,
          size: '1024x1536',
          quality: 'low',
          output_format: 'jpeg'
        },
        mediaType: 'image/jpeg',
        // 50 × $5/M + 2 × 272 × $40/M
        costUsd: 0.02201,
        warnings: [{ type: 'unsupported', setting: 'negativePrompt', details: 'gpt-image-1.5 ignores negativePrompt.' }]
      },
      {
        call: { model: 'gpt-image-1', quality: 'medium', background: 'transparent', outputFormat: 'png', steps: 30 },
        sent: {
          model: 'gpt-image-1',
          prompt: PROMPT,
          n: 1,
          size: '1024x1024',
          quality: 'medium',
          output_format: 'png',
          background: 'transparent'
        },
        mediaType: 'image/png',
        // 50 × $5/M + 1056 × $40/M
        costUsd: 0.04249,
        warnings: [{ type: 'unsupported', setting: 'steps', details: 'gpt-image-1 ignores steps.' }]
      },
      {
        call: { model: 'gpt-image-1-mini', cfgScale: 7 },
        sent: { model: 'gpt-image-1-mini', prompt: PROMPT, n: 1, size: '1024x1024' },
        mediaType: 'image/png',
        // auto quality came back as medium: 50 × $2/M + 1056 × $8/M
        costUsd: 0.008548,
        warnings: [{ type: 'unsupported', setting: 'cfgScale', details: 'gpt-image-1-mini ignores cfgScale.' }]
      },
      {
        call: { model: 'dall-e-3', width: 1792, height: 1024, quality: 'hd', style: 'natural', outputFormat: 'webp' },
        sent: {
          model: 'dall-e-3',
          prompt: PROMPT,
          n: 1,
          size: '1792x1024',
          response_format: 'b64_json',
          quality: 'hd',
          style: 'natural'
        },
        mediaType: 'image/png',
        costUsd: 0.12,
        warnings: [{ type: 'unsupported', setting: 'outputFormat', details: 'dall-e-3 ignores outputFormat.' }]
      },
      {
        call: { model: 'dall-e-2', width: 512, height: 512, count: 3, quality: 'hd' },
        sent: { model: 'dall-e-2', prompt: PROMPT, n: 3, size: '512x512', response_format: 'b64_json' },
        mediaType: 'image/png',
        costUsd: 3 * 0.018,
        warnings: [{ type: 'unsupported', setting: 'quality', details: 'dall-e-2 ignores quality.' }]
      }
    ] as const)(
      'should send $call.model the fields it takes and bill $costUsd',
      async ({ call, sent, mediaType, costUsd, warnings }) => {
        const result = await provider().generate(generateCall(call));

        expect(imageRequests().map((request) => [request.path, request.fields])).toStrictEqual([
          ['/v1/images/generations', sent]
        ]);
        expect(result.images).toHaveLength(sent.n);
        for (const image of result.images) {
          expect(image.mediaType).toBe(mediaType);
          expect((await inspectImage(image.bytes)).mediaType).toBe(mediaType);
        }
        expect(result.costUsd).toBeCloseTo(costUsd, 9);
        expect(result.warnings).toStrictEqual(warnings);
        expect(result.providerMetadata).toMatchObject({ retries: 0, vendorRequestId: 'req_fake_1' });
      }
    );

    it('should keep the token usage and what the model really used for billing', async () => {
      const result = await provider().generate(generateCall({ model: 'gpt-image-1', quality: 'auto' }));

      expect(result.providerMetadata).toStrictEqual({
        retries: 0,
        vendorRequestId: 'req_fake_1',
        usage: {
          input_tokens: 50,
          output_tokens: 1056,
          input_tokens_details: { text_tokens: 50, image_tokens: 0 }
        },
        size: '1024x1024',
        quality: 'medium',
        background: 'opaque',
        outputFormat: 'png'
      });
    });

    it('should return the prompt DALL·E 3 actually used', async () => {
      const result = await provider().generate(generateCall({ model: 'dall-e-3' }));

      expect(result.images[0]?.revisedPrompt).toBe(`A detailed picture of ${PROMPT}`);
    });

    it('should send the API key and OPENAI_ORG_ID with every request', async () => {
      await provider().generate(generateCall());

      expect(fake.requests[0]?.headers).toMatchObject({
        authorization: `Bearer ${fake.apiKey}`,
        'openai-organization': 'org-atelier'
      });
    });

    it('should download the images of a server that answers with URLs', async () => {
      fake.serveUrls(true);

      const result = await provider().generate(generateCall({ model: 'dall-e-2', width: 256, height: 256, count: 2 }));

      expect(result.images.map((image) => image.mediaType)).toStrictEqual(['image/png', 'image/png']);
      expect((await decodeRgba(result.images[1]!.bytes)).width).toBe(64);
    });

    it('should warn about and not send a transparent background to gpt-image-2, which has none', async () => {
      const result = await provider().generate(generateCall({ background: 'transparent' }));

      expect(imageRequests()[0]?.fields).not.toHaveProperty('background');
      expect(result.warnings).toStrictEqual([
        {
          type: 'unsupported',
          setting: 'background',
          details: 'gpt-image-2 has no background "transparent"; it knows opaque, auto. The default was used.'
        }
      ]);
    });

    it.each([
      [{ model: 'gpt-image-9' }, 'validation', 'OpenAI has no model "gpt-image-9". Available models: gpt-image-2'],
      [
        { model: 'gpt-image-1', background: 'transparent', outputFormat: 'jpeg' } as const,
        'validation',
        'cannot make a transparent background as JPEG'
      ],
      [
        { model: 'dall-e-2', width: 256, height: 256, prompt: 'x'.repeat(1001) },
        'validation',
        'at most 1000 characters'
      ],
      [{ prompt: '   ' }, 'validation', 'gpt-image-2 needs a prompt']
    ])('should refuse %o before calling OpenAI', async (call, kind, message) => {
      const error = await rejectionOf(provider().generate(generateCall(call)));

      expect(error).toMatchObject({ kind });
      expect((error as Error).message).toContain(message);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('vendor failures', () => {
    it('should report refused credentials without retrying', async () => {
      const error = await rejectionOf(provider({ apiKey: 'sk-wrong' }).generate(generateCall()));

      expect(error).toMatchObject({
        kind: 'provider_unavailable',
        status: 401,
        beforePaidWork: true,
        reason: 'Incorrect API key provided.'
      });
      expect(fake.requests).toHaveLength(1);
    });

    it('should wait what a 429 asks, retry once and count the retry', async () => {
      fake.failNext({ status: 429, headers: { 'retry-after-ms': '40' } });

      const result = await provider().generate(generateCall());

      expect(result.images).toHaveLength(1);
      expect(result.providerMetadata).toMatchObject({ retries: 1, vendorRequestId: 'req_fake_2' });
      // Both attempts are ours: the SDK itself never retries, so it counts none.
      expect(fake.requests.map((request) => request.headers['x-stainless-retry-count'])).toStrictEqual(['0', '0']);
    });

    it('should fail fast with retryAfterMs when a 429 asks for a longer wait than allowed', async () => {
      fake.failNext({ status: 429, headers: { 'retry-after': '60' } });
      const started = Date.now();

      const error = await rejectionOf(provider().generate(generateCall()));

      expect(error).toMatchObject({
        kind: 'provider_unavailable',
        status: 429,
        beforePaidWork: true,
        retryAfterMs: 60_000
      });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(fake.requests).toHaveLength(1);
    });

    it('should not retry a 429 for exhausted quota', async () => {
      fake.failNext({
        status: 429,
        headers: { 'retry-after-ms': '10' },
        body: {
          error: {
            message: 'You exceeded your current quota.',
            type: 'insufficient_quota',
            param: null,
            code: 'insufficient_quota'
          }
        }
      });

      const error = await rejectionOf(provider().generate(generateCall()));

      expect(error).toMatchObject({ kind: 'provider_unavailable', status: 429, beforePaidWork: true });
      expect((error as Error).message).toContain('has no credit or quota left');
      expect(fake.requests).toHaveLength(1);
    });

    it('should retry 5xx answers up to maxRetries and then report the outage', async () => {
      for (let attempt = 0; attempt < 3; attempt++) fake.failNext({ status: 500, headers: { 'retry-after-ms': '10' } });

      const error = await rejectionOf(provider().generate(generateCall()));

      expect(error).toMatchObject({
        kind: 'provider_unavailable',
        status: 500,
        beforePaidWork: true,
        vendorRequestId: 'req_fake_3'
      });
      expect(fake.requests).toHaveLength(3);
    });

    it('should count retries per call', async () => {
      const sut = provider();
      fake.failNext({ status: 503, headers: { 'retry-after-ms': '10' } });
      const first = await sut.generate(generateCall());

      const second = await sut.generate(generateCall());

      expect([first.providerMetadata?.retries, second.providerMetadata?.retries]).toStrictEqual([1, 0]);
    });

    it.each([
      ['gpt-image-1', 'Your request was rejected by the safety system.'],
      ['dall-e-3', 'Your request was rejected as a result of our safety system.']
    ])("should report %s's safety refusal as content policy with its reason", async (model, reason) => {
      fake.refuseNextAsUnsafe();

      const error = await rejectionOf(provider().generate(generateCall({ model })));

      expect(error).toMatchObject({
        kind: 'content_policy',
        status: 400,
        beforePaidWork: true,
        vendorRequestId: 'req_fake_1'
      });
      expect((error as Error).message).toContain(reason);
      expect(fake.requests).toHaveLength(1);
    });

    it('should report any other 400 as a refused request', async () => {
      fake.failNext({
        status: 400,
        body: { error: { message: "Invalid 'size'.", type: 'invalid_request_error', param: 'size', code: null } }
      });

      const error = await rejectionOf(provider().generate(generateCall()));

      expect(error).toMatchObject({ kind: 'provider_error', status: 400, reason: "Invalid 'size'." });
    });

    it('should time out a slow answer and say the work may have been billed', async () => {
      fake.delayNext(2000);
      const started = Date.now();

      const error = await rejectionOf(
        provider({ calls: { ...calls, timeoutsMs: { generate: 200, edit: 200, job: 200 } } }).generate(generateCall())
      );

      expect(error).toMatchObject({ kind: 'provider_unavailable', beforePaidWork: false });
      expect((error as Error).message).toContain('did not answer within');
      expect(Date.now() - started).toBeLessThan(1500);
      expect(fake.requests).toHaveLength(1);
    });

    it("should pass the caller's abort on instead of calling it a vendor failure", async () => {
      fake.delayNext(2000);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new DOMException('The user left.', 'AbortError')), 50);

      const error = await rejectionOf(provider().generate(generateCall({ signal: controller.signal })));

      expect(error).toBe(controller.signal.reason);
    });

    it.each([
      ['without data', JSON.stringify({ created: 1 }), 'the answer has an unexpected shape (data:'],
      [
        'whose image is not an image',
        JSON.stringify({ created: 1, data: [{ b64_json: 'aGVsbG8gd29ybGQ=' }] }),
        'image 1 is not a PNG, JPEG or WebP image'
      ],
      ['that is not JSON', '<html>Bad gateway</html>', 'the answer is not JSON']
    ])('should report a 2xx answer %s as malformed, never re-sending the paid request', async (_, body, message) => {
      fake.answerNextRaw(body);

      const error = await rejectionOf(provider().generate(generateCall()));

      expect(error).toMatchObject({ kind: 'provider_error', beforePaidWork: false });
      expect((error as Error).message).toContain(message);
      expect(fake.requests).toHaveLength(1);
    });

    it('should report a server that cannot be reached as unavailable before any paid work', async () => {
      const error = await rejectionOf(provider({ baseUrl: await closedPortUrl('/v1') }).generate(generateCall()));

      expect(error).toMatchObject({ kind: 'provider_unavailable', beforePaidWork: true });
    });
  });

  describe('edit', () => {
    function editCall(call: Partial<EditCall> & Pick<EditCall, 'image'>): EditCall {
      return { operation: 'inpaint', model: 'gpt-image-1.5', prompt: 'add a red door', count: 1, ...call };
    }

    it('should inpaint with references and a mask converted to transparent-means-edit', async () => {
      const image = await inputImage(64, 48);
      const references = [await inputImage(32, 32), await inputImage(16, 16, 'grey', 'jpeg')];
      const mask = await inputImage(32, 24, 'mask');

      const result = await provider().edit(editCall({ image, extraImages: references, mask, seed: 3 }));

      const sent = theImageRequest();
      expect([sent.path, sent.fields]).toStrictEqual([
        '/v1/images/edits',
        { model: 'gpt-image-1.5', prompt: 'add a red door', n: '1' }
      ]);
      expect(sent.files['image[]']?.map((file) => file.type)).toStrictEqual(['image/png', 'image/png', 'image/jpeg']);
      const sentMask = await decodeRgba(sent.files.mask![0]!.bytes);
      const alphaAt = (x: number, y: number) => sentMask.pixels[(y * sentMask.width + x) * 4 + 3];
      expect([sentMask.width, sentMask.height, alphaAt(2, 2), alphaAt(61, 45)]).toStrictEqual([64, 48, 0, 255]);
      // 50 text tokens × $5/M + 3 × 200 image tokens × $10/M + 1056 × $40/M
      expect(result.costUsd).toBeCloseTo(0.04849, 9);
      expect(result.warnings).toStrictEqual([
        { type: 'unsupported', setting: 'seed', details: 'gpt-image-1.5 ignores seed.' }
      ]);
    });

    it('should restyle an image after reference images, without a mask', async () => {
      const result = await provider().edit(
        editCall({
          operation: 'style',
          model: 'gpt-image-2',
          image: await inputImage(32, 32),
          extraImages: [await inputImage(32, 32)],
          quality: 'low',
          outputFormat: 'webp',
          strength: 0.4
        })
      );

      const sent = theImageRequest();
      expect(sent.fields).toStrictEqual({
        model: 'gpt-image-2',
        prompt: 'add a red door',
        n: '1',
        quality: 'low',
        output_format: 'webp'
      });
      expect([sent.files['image[]']?.length, sent.files.mask]).toStrictEqual([2, undefined]);
      expect(result.images[0]?.mediaType).toBe('image/webp');
      expect(result.warnings).toStrictEqual([
        { type: 'other', message: 'gpt-image-2 has no strength setting for edits; it was ignored.' }
      ]);
    });

    it('should edit a square PNG with dall-e-2 at one of its sizes', async () => {
      const result = await provider().edit(
        editCall({
          model: 'dall-e-2',
          image: await inputImage(64, 64),
          mask: await inputImage(64, 64, 'mask'),
          count: 2
        })
      );

      const sent = theImageRequest();
      expect(sent.fields).toStrictEqual({
        model: 'dall-e-2',
        prompt: 'add a red door',
        n: '2',
        size: '1024x1024',
        response_format: 'b64_json'
      });
      expect(sent.files.image).toHaveLength(1);
      expect(result.costUsd).toBeCloseTo(2 * 0.02, 9);
    });

    it('should make dall-e-2 variations and say the prompt was not used', async () => {
      const result = await provider().edit(
        editCall({ operation: 'variation', model: 'dall-e-2', image: await inputImage(256, 256), count: 2 })
      );

      const sent = theImageRequest();
      expect([sent.path, sent.fields]).toStrictEqual([
        '/v1/images/variations',
        { model: 'dall-e-2', n: '2', size: '256x256', response_format: 'b64_json' }
      ]);
      expect(result.images).toHaveLength(2);
      expect(result.costUsd).toBeCloseTo(2 * 0.016, 9);
      expect(result.warnings).toStrictEqual([
        { type: 'other', message: 'Variations take no prompt; it was not sent.' }
      ]);
    });

    it.each([
      ['an inpaint without a mask', async () => ({}), 'validation', 'Inpainting needs a mask'],
      [
        'a style edit with a mask',
        async () => ({ operation: 'style' as const, mask: await inputImage(8, 8, 'mask') }),
        'validation',
        'takes no mask'
      ],
      [
        '17 images',
        async () => ({
          extraImages: Array.from({ length: 16 }, () => ({
            bytes: new Uint8Array(1),
            mediaType: 'image/png' as const,
            width: 8,
            height: 8
          }))
        }),
        'validation',
        'at most 16 images'
      ],
      [
        'a non-square image for dall-e-2',
        async () => ({ model: 'dall-e-2', image: await inputImage(64, 32), mask: await inputImage(64, 32, 'mask') }),
        'validation',
        'edits only square PNG images'
      ],
      [
        'a JPEG for dall-e-2',
        async () => ({
          model: 'dall-e-2',
          operation: 'variation' as const,
          image: await inputImage(64, 64, 'grey', 'jpeg')
        }),
        'validation',
        'edits only square PNG images'
      ]
    ])('should refuse %s before calling OpenAI', async (_, overrides, kind, message) => {
      const call = editCall({ image: await inputImage(16, 16), mask: undefined, ...(await overrides()) });

      const error = await rejectionOf(provider().edit(call));

      expect(error).toMatchObject({ kind });
      expect((error as Error).message).toContain(message);
      expect(fake.requests).toHaveLength(0);
    });

    it("should report an edit's safety refusal as content policy", async () => {
      fake.refuseNextAsUnsafe();

      const error = await rejectionOf(
        provider().edit(editCall({ image: await inputImage(16, 16), mask: await inputImage(16, 16, 'mask') }))
      );

      expect(error).toMatchObject({ kind: 'content_policy', beforePaidWork: true });
    });
  });

  describe('checkReachable', () => {
    it('should ask the free model list', async () => {
      const sut = await provider().checkReachable(AbortSignal.timeout(2000));

      expect(sut).toStrictEqual({ reachable: true });
      expect(fake.requests.map((request) => [request.method, request.path])).toStrictEqual([['GET', '/v1/models']]);
    });

    it('should say no, with the reason, when nothing answers', async () => {
      const sut = await provider({ baseUrl: await closedPortUrl('/v1') }).checkReachable(AbortSignal.timeout(2000));

      expect(sut?.reachable).toBe(false);
      expect(sut?.detail).toContain('could not be reached');
    });
  });

  describe('refreshCatalog', () => {
    const JUNE_2026 = Date.parse('2026-06-01T00:00:00Z');

    it("should apply OpenAI's shutdown dates, given as unix seconds or ISO dates", async () => {
      fake.listModels([
        { id: 'gpt-image-2' },
        { id: 'gpt-image-1', shutdown_date: Date.parse('2026-03-01T00:00:00Z') / 1000 },
        { id: 'gpt-image-1.5', shutdown_date: '2027-02-15' },
        { id: 'gpt-image-1-mini', shutdown_date: null }
      ]);
      // OpenAI itself (no base URL), with its address pointed at the fake.
      const viaFake: typeof fetch = (input, init) =>
        fetch(
          String(input instanceof Request ? input.url : input).replace('https://api.openai.com/v1', fake.baseUrl),
          init
        );
      const sut = createOpenAIProvider({ apiKey: fake.apiKey, calls, fetch: viaFake, now: () => JUNE_2026 });

      await sut.refreshCatalog();

      expect(Object.fromEntries(sut.models.map((model) => [model.id, model.lifecycle]))).toStrictEqual({
        'gpt-image-2': { status: 'active' },
        'gpt-image-1': { status: 'shut_down', shutdownDate: '2026-03-01', replacement: 'gpt-image-2' },
        'gpt-image-1.5': { status: 'deprecated', shutdownDate: '2027-02-15', replacement: 'gpt-image-2' },
        'gpt-image-1-mini': { status: 'deprecated', shutdownDate: '2026-12-01', replacement: 'gpt-image-2' },
        'dall-e-3': { status: 'shut_down', shutdownDate: '2026-05-12', replacement: 'gpt-image-2' },
        'dall-e-2': { status: 'shut_down', shutdownDate: '2026-05-12', replacement: 'gpt-image-2' }
      });
    });

    it("should discover a self-hosted server's image models and generate with them", async () => {
      fake.listModels([{ id: 'whisper-1' }, { id: 'flux-schnell' }, { id: 'sdxl-turbo' }]);
      const sut = provider();

      await sut.refreshCatalog();
      const result = await sut.generate(generateCall({ model: 'flux-schnell', width: 512, height: 512 }));

      expect([sut.models.map((model) => model.id), sut.defaultModel]).toStrictEqual([
        ['flux-schnell', 'sdxl-turbo'],
        'flux-schnell'
      ]);
      expect(sut.models[0]).toMatchObject({
        operations: ['generate'],
        sizes: ['1024x1024', '512x512'],
        maxImagesPerCall: 1
      });
      expect(sut.models[0]?.description).toContain(
        `served by the OpenAI-compatible server at ${new URL(fake.baseUrl).host}`
      );
      expect(imageRequests()[0]?.fields).toStrictEqual({
        model: 'flux-schnell',
        prompt: PROMPT,
        n: 1,
        size: '512x512',
        response_format: 'b64_json'
      });
      expect(result.costUsd).toBeCloseTo(0.011, 9);
    });

    it('should offer every listed id when none looks like an image model', async () => {
      fake.listModels([{ id: 'painter' }, { id: 'sketcher' }]);
      const sut = provider();

      await sut.refreshCatalog();

      expect(sut.models.map((model) => model.id)).toStrictEqual(['painter', 'sketcher']);
    });

    it('should keep configured models on a self-hosted server and only apply shutdown dates to them', async () => {
      fake.listModels([{ id: 'dall-e-3', shutdown_date: '2026-01-01' }, { id: 'flux-dev' }, { id: 'painter' }]);
      const sut = provider({ models: ['dall-e-3', 'painter'], now: () => JUNE_2026 });

      await sut.refreshCatalog();

      expect(sut.models.map((model) => [model.id, model.lifecycle.status])).toStrictEqual([
        ['dall-e-3', 'shut_down'],
        ['painter', 'active']
      ]);
    });

    it('should fail with the vendor error and keep the models when the list cannot be read', async () => {
      fake.failNext({ status: 401 });
      const sut = provider();

      const error = await rejectionOf(sut.refreshCatalog());

      expect(error).toMatchObject({ kind: 'provider_unavailable', status: 401 });
      expect(sut.models).toHaveLength(6);
    });
  });
});
