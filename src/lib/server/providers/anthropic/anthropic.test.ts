import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TOOL_INPUTS, startAnthropicFake, type AnthropicFake } from '../../../../../tests/fakes/anthropic-fake';
import { closedPortUrl, pngImage, providerErrorOf } from '../../../../../tests/fakes/provider-test-kit';
import type { AnalyzeRequest, EnhanceRequest, PromptTarget } from '../assistant';
import { createAnthropicAssistant, type AnthropicAssistantOptions } from './index';
import { priceOf, usdFor } from './models';

const DALL_E_LIKE: PromptTarget = {
  provider: 'openai',
  model: 'gpt-image-2',
  label: 'GPT Image 2',
  maxPromptLength: 4000,
  negativePrompt: false,
  textRendering: true,
  description: 'OpenAI’s newest image model.'
};
const SDXL_LIKE: PromptTarget = {
  provider: 'replicate',
  model: 'stability-ai/sdxl',
  label: 'SDXL',
  maxPromptLength: 60,
  negativePrompt: true,
  textRendering: false,
  description: 'An open diffusion model.'
};
const ENHANCE: EnhanceRequest = { prompt: 'a fox in snow', target: DALL_E_LIKE };

type Logged = { level: 'info' | 'warn'; details: object; message: string };

let fake: AnthropicFake;
let logged: Logged[];

beforeEach(async () => {
  fake = await startAnthropicFake();
  logged = [];
});

afterEach(async () => {
  await fake.close();
});

function assistant(overrides: Partial<AnthropicAssistantOptions> = {}) {
  return createAnthropicAssistant(
    {
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      models: { enhance: 'claude-haiku-4-5', analyze: 'claude-sonnet-4-6' },
      prices: {},
      timeoutMs: 3_000,
      maxRetries: 2,
      maxRetryDelayMs: 1_000,
      ...overrides
    },
    {
      info: (details: object, message: string) => logged.push({ level: 'info', details, message }),
      warn: (details: object, message: string) => logged.push({ level: 'warn', details, message })
    }
  );
}

async function analyzeRequest(): Promise<AnalyzeRequest> {
  const image = await pngImage(96, 64);
  return { bytes: Buffer.from(image.bytes), mediaType: 'image/png' };
}

function theMessageRequest() {
  const [request, ...more] = fake.messageRequests();
  if (!request || more.length > 0) throw new Error(`expected one message, got ${fake.messageRequests().length}`);
  return request;
}

describe('enhancePrompt', () => {
  it('should force the strict tool, tell the target’s limits and answer the tool input with priced usage', async () => {
    const answer = await assistant().enhancePrompt(ENHANCE);

    const { body, headers } = theMessageRequest();
    expect(headers['anthropic-version']).toBeTruthy();
    expect(body).toMatchObject({
      model: 'claude-haiku-4-5',
      tool_choice: { type: 'tool', name: 'enhance_prompt' },
      tools: [{ name: 'enhance_prompt', strict: true, input_schema: { type: 'object', additionalProperties: false } }]
    });
    expect(body.system).toContain('at most 4000 characters');
    expect(body.system).toContain('takes no negative prompt');
    expect(body.system).toContain('renders legible text');
    expect(JSON.stringify(body.messages)).toContain('<prompt>a fox in snow</prompt>');

    const canned = FAKE_TOOL_INPUTS.enhance_prompt as { enhancedPrompt: string; suggestions: string[] };
    expect(answer.result).toStrictEqual({
      enhancedPrompt: canned.enhancedPrompt,
      suggestions: canned.suggestions,
      tags: ['fox', 'snow', 'dawn', 'wildlife'],
      negativePrompt: null
    });
    expect(answer.model).toBe('claude-haiku-4-5');
    expect(answer.usage.inputTokens).toBeGreaterThan(0);
    expect(answer.usage.outputTokens).toBeGreaterThan(0);
    expect(answer.costUsd).toBeCloseTo(usdFor({ input: 1, output: 5 }, answer.usage), 12);
  });

  it('should keep a negative prompt only for a target that takes one, and fit the prompt to its length', async () => {
    const answer = await assistant().enhancePrompt({ prompt: 'a fox', target: SDXL_LIKE });

    const { body } = theMessageRequest();
    expect(body.system).toContain('It takes a negative prompt');
    expect(body.system).toContain('cannot render legible text');
    expect(answer.result.negativePrompt).toBe('blurry, extra limbs, watermark');
    expect(answer.result.enhancedPrompt.length).toBeLessThanOrEqual(60);
    expect(answer.result.enhancedPrompt).toBe('A red fox in fresh snow at dawn, soft golden rim light');
  });

  it('should ask once more after a malformed answer and then use the valid one, paying for both', async () => {
    fake.answerNextToolInput({ enhancedPrompt: 'only this' });

    const answer = await assistant().enhancePrompt(ENHANCE);

    expect(fake.messageRequests()).toHaveLength(2);
    expect(answer.result.suggestions).toHaveLength(2);
    expect(logged.some((entry) => entry.level === 'warn' && entry.message.includes('malformed'))).toBe(true);
    const single = await assistant().enhancePrompt(ENHANCE);
    expect(answer.usage.inputTokens).toBe(2 * single.usage.inputTokens);
  });

  it('should ask again with twice the output tokens after an answer cut off at max_tokens', async () => {
    fake.cutOffNext();
    fake.cutOffNext();

    const error = await providerErrorOf(assistant().enhancePrompt(ENHANCE));

    expect(fake.messageRequests().map((request) => request.body.max_tokens)).toStrictEqual([1024, 2048]);
    expect(error.message).toMatch(/it was cut off at 2048 output tokens \(asked twice\)/);
  });

  it('should fail with provider_error after two malformed answers (bad input, then JSON cut off)', async () => {
    fake.answerNextToolInput({ enhancedPrompt: 'x', suggestions: ['only one'], tags: [], negativePrompt: null });
    fake.answerNextRaw('{"id":"msg_1","type":"message","content":[{"type":"tool_');

    const error = await providerErrorOf(assistant().enhancePrompt(ENHANCE));

    expect(error.kind).toBe('provider_error');
    expect(error.message).toMatch(
      /Claude sent an answer Atelier cannot read: the answer was not valid JSON \(asked twice\)/
    );
    expect(fake.messageRequests()).toHaveLength(2);
  });

  it('should answer a refusal as content_policy without asking again', async () => {
    fake.refuseNext();

    const error = await providerErrorOf(assistant().enhancePrompt(ENHANCE));

    expect(error.kind).toBe('content_policy');
    expect(error.message).toMatch(/Claude declined/);
    expect(fake.messageRequests()).toHaveLength(1);
  });
});

describe('errors', () => {
  it('should wait what retry-after asks on a 429 and then succeed', async () => {
    fake.failNext(429, { headers: { 'retry-after': '1' } });

    const answer = await assistant().enhancePrompt(ENHANCE);

    expect(answer.result.tags).toContain('fox');
    expect(fake.messageRequests()).toHaveLength(2);
  });

  it('should answer rate_limited with retryAfterMs when the asked wait is longer than allowed', async () => {
    fake.failNext(429, { headers: { 'retry-after': '30' } });

    const error = await providerErrorOf(assistant().enhancePrompt(ENHANCE));

    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.message).toMatch(/try again in 30 s/);
    expect(fake.messageRequests()).toHaveLength(1);
  });

  it('should not retry a 429 for the spend limit, and call it provider_unavailable', async () => {
    fake.failNext(429, {
      message: 'Your organization has reached its spend limit.',
      details: { error_code: 'enforced_spend_limit_reached' },
      headers: { 'retry-after': '0' }
    });

    const error = await providerErrorOf(assistant().enhancePrompt(ENHANCE));

    expect(error.kind).toBe('provider_unavailable');
    expect(error.message).toMatch(/no credit or quota left/);
    expect(fake.messageRequests()).toHaveLength(1);
  });

  it('should retry a 529 overload and answer provider_unavailable when it persists', async () => {
    for (let index = 0; index < 2; index++) fake.failNext(529, { headers: { 'retry-after': '0' } });

    const error = await providerErrorOf(assistant({ maxRetries: 1 }).enhancePrompt(ENHANCE));

    expect(error.kind).toBe('provider_unavailable');
    expect(error.message).toMatch(/overloaded/);
    expect(error.status).toBe(529);
    expect(fake.messageRequests()).toHaveLength(2);
  });

  it('should answer provider_unavailable naming the API key on 401', async () => {
    const error = await providerErrorOf(assistant({ apiKey: 'sk-ant-wrong' }).enhancePrompt(ENHANCE));

    expect(error.kind).toBe('provider_unavailable');
    expect(error.message).toMatch(/refused this server's credentials.*API key/);
    expect(error.reason).toBe('invalid x-api-key');
  });

  it('should answer provider_error naming the model when the account does not serve it', async () => {
    const models = { enhance: 'claude-sonnet-4-5', analyze: 'claude-sonnet-4-6' };
    const error = await providerErrorOf(assistant({ models }).enhancePrompt(ENHANCE));

    expect(error.kind).toBe('provider_error');
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/Claude refused the request \(Claude said: model: claude-sonnet-4-5\)/);
  });

  it('should time out a slow answer as provider_unavailable', async () => {
    fake.delayNext(5_000);

    const error = await providerErrorOf(assistant({ timeoutMs: 1_000 }).enhancePrompt(ENHANCE));

    expect(error.kind).toBe('provider_unavailable');
    expect(error.message).toMatch(/did not answer within 1 s/);
  });

  it('should answer provider_unavailable when nothing listens', async () => {
    const error = await providerErrorOf(
      assistant({ baseUrl: await closedPortUrl(), maxRetries: 0 }).enhancePrompt(ENHANCE)
    );

    expect(error.kind).toBe('provider_unavailable');
    expect(error.beforePaidWork).toBe(true);
  });
});

describe('analyzeImage', () => {
  it('should send the image before the text and answer a normalised analysis', async () => {
    const answer = await assistant().analyzeImage(await analyzeRequest());

    const { body } = theMessageRequest();
    expect(body.model).toBe('claude-sonnet-4-6');
    const [message] = body.messages as { content: { type: string; source?: { media_type: string } }[] }[];
    expect(message!.content.map((block) => block.type)).toStrictEqual(['image', 'text']);
    expect(message!.content[0]!.source?.media_type).toBe('image/png');
    expect(answer.result.palette).toStrictEqual([
      { hex: '#5a5a5a', share: 0.9, name: 'grey' },
      { hex: '#6b6b6b', share: 0.1, name: 'dim grey' }
    ]);
    expect(answer.result).toMatchObject({ style: 'minimalist', tags: ['grey', 'minimal', 'abstract'] });
    expect(answer.costUsd).toBeCloseTo(usdFor({ input: 3, output: 15 }, answer.usage), 12);
  });

  it('should sort the palette, normalise hex codes and tags, and refuse a palette without hex codes', async () => {
    const canned = FAKE_TOOL_INPUTS.describe_image as object;
    fake.answerNextToolInput({
      ...canned,
      palette: [
        { hex: '00FF00', share: 0.2, name: ' green ' },
        { hex: '#FF0000', share: 0.7, name: null }
      ],
      tags: ['Red', 'red', ' Green ']
    });
    const answer = await assistant().analyzeImage(await analyzeRequest());
    expect(answer.result.palette).toStrictEqual([
      { hex: '#ff0000', share: 0.7, name: null },
      { hex: '#00ff00', share: 0.2, name: 'green' }
    ]);
    expect(answer.result.tags).toStrictEqual(['red', 'green']);

    for (let index = 0; index < 2; index++) {
      fake.answerNextToolInput({ ...canned, palette: [{ hex: 'crimson', share: 1, name: 'crimson' }] });
    }
    const error = await providerErrorOf(assistant().analyzeImage(await analyzeRequest()));
    expect(error.message).toMatch(/describe_image input did not match the schema \(palette\.0\.hex/);
  });
});

describe('estimateUsd', () => {
  it('should reserve at least what a call costs, for both attempts, at the operation’s model price', async () => {
    const sut = assistant();
    const answer = await sut.enhancePrompt(ENHANCE);
    const estimate = sut.estimateUsd('enhance', { promptLength: ENHANCE.prompt.length });
    expect(estimate).toBeGreaterThanOrEqual(2 * answer.costUsd);
    fake.cutOffNext();
    fake.cutOffNext();
    const cutOff = await providerErrorOf(sut.enhancePrompt(ENHANCE));
    expect(cutOff.costUsd).toBeGreaterThan(2 * answer.costUsd);
    expect(estimate).toBeGreaterThanOrEqual(cutOff.costUsd);

    const analysis = await sut.analyzeImage(await analyzeRequest());
    expect(sut.estimateUsd('analyze', { imagePixels: 96 * 64 })).toBeGreaterThanOrEqual(2 * analysis.costUsd);
    expect(sut.estimateUsd('analyze', { imagePixels: 4000 * 4000 })).toBe(
      sut.estimateUsd('analyze', { imagePixels: 1568 * 1568 })
    );
  });

  it('should price models from ANTHROPIC_PRICES first, dated ids as their alias, unknown ones by tier', () => {
    expect(priceOf('claude-haiku-4-5-20251001', {})).toStrictEqual({ input: 1, output: 5 });
    expect(priceOf('claude-sonnet-4-6', { 'claude-sonnet-4-6': { input: 9, output: 9 } })).toStrictEqual({
      input: 9,
      output: 9
    });
    expect(priceOf('claude-haiku-9', {})).toStrictEqual({ input: 1, output: 5 });
    expect(priceOf('claude-mystery', {})).toStrictEqual({ input: 5, output: 25 });
  });
});

describe('checkModels', () => {
  it('should keep configured models the account lists', async () => {
    const sut = assistant();
    await sut.checkModels();
    expect(sut.models()).toStrictEqual({ enhance: 'claude-haiku-4-5', analyze: 'claude-sonnet-4-6' });
    expect(logged.filter((entry) => entry.level === 'warn')).toStrictEqual([]);
  });

  it('should replace a retired model by the newest of its tier, across pages, with a warning naming both', async () => {
    fake.listModels([
      { id: 'claude-sonnet-5', display_name: 'Claude Sonnet 5', created_at: '2026-08-01T00:00:00Z', line: 'sonnet' },
      { id: 'claude-opus-4-8', display_name: 'Claude Opus 4.8', created_at: '2026-09-01T00:00:00Z' },
      { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' },
      { id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6', created_at: '2026-02-17T00:00:00Z' }
    ]);
    const sut = assistant({ models: { enhance: 'claude-haiku-4-5', analyze: 'claude-sonnet-4-5' } });

    await sut.checkModels();

    expect(sut.models()).toStrictEqual({ enhance: 'claude-haiku-4-5', analyze: 'claude-sonnet-5' });
    const [warning, ...more] = logged.filter((entry) => entry.level === 'warn');
    expect(more).toStrictEqual([]);
    expect(warning!.message).toMatch(/claude-sonnet-4-5 .*not in this account's model list.*using claude-sonnet-5/);
    await sut.analyzeImage(await analyzeRequest());
    expect(fake.messageRequests()[0]!.body.model).toBe('claude-sonnet-5');
  });

  it('should read every page of the list', async () => {
    fake.listModels(
      Array.from({ length: 150 }, (_, index) => ({
        id: index === 149 ? 'claude-haiku-4-5' : `claude-opus-old-${index}`,
        display_name: `Model ${index}`,
        created_at: '2025-01-01T00:00:00Z'
      }))
    );
    const sut = assistant({ models: { enhance: 'claude-haiku-4-5', analyze: 'claude-haiku-4-5' } });

    await sut.checkModels();

    expect(sut.models().enhance).toBe('claude-haiku-4-5');
    expect(fake.requests.filter((request) => request.path === '/v1/models')).toHaveLength(2);
  });

  it('should take the newest listed model when none of the tier is left', async () => {
    fake.listModels([
      { id: 'claude-opus-4-6', display_name: 'Claude Opus 4.6', created_at: '2026-02-05T00:00:00Z' },
      { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' }
    ]);
    const sut = assistant({ models: { enhance: 'claude-haiku-4-5', analyze: 'claude-sonnet-4-5' } });

    await sut.checkModels();

    expect(sut.models().analyze).toBe('claude-opus-4-6');
  });

  it('should fail the check (for the caller to log) when the list cannot be read', async () => {
    const error = await providerErrorOf(assistant({ apiKey: 'sk-ant-wrong' }).checkModels());
    expect(error.kind).toBe('provider_unavailable');
  });
});
