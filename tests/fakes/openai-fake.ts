import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { encodeRgba, inspectImage } from '$lib/server/images';

/**
 * A local stand-in for OpenAI's image API, following shared/providers/openai-images.md: the routes the
 * adapter uses, the validation the real API does (so a wrong request fails here too), base64 or URL
 * answers with real image bytes, token usage, OpenAI's error bodies and headers. Outputs are 64×64
 * whatever size was asked, to keep tests fast.
 */

export type ReceivedFile = { filename: string; type: string; bytes: Uint8Array };

export type ReceivedRequest = {
  method: string;
  /** Path without the query, e.g. `/v1/images/generations`. */
  path: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** A JSON body, or the text fields of a multipart body (as strings, the way they travel). */
  fields: Record<string, unknown>;
  /** Multipart files by field name (`image`, `image[]`, `mask`). */
  files: Record<string, ReceivedFile[]>;
};

export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string> };

type Scenario =
  | { kind: 'answer'; answer: FakeAnswer }
  | { kind: 'raw'; status: number; body: string; contentType: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'unsafe' };

export type ListedFakeModel = { id: string; shutdown_date?: number | string | null };

/** Output tokens per image by quality (gpt-image-1's published figures for 1024x1024). */
export const FAKE_OUTPUT_TOKENS: Record<string, number> = { low: 272, medium: 1056, high: 4160 };
/** Text tokens of any prompt, and image tokens per input image of an edit. */
export const FAKE_PROMPT_TOKENS = 50;
export const FAKE_INPUT_IMAGE_TOKENS = 200;
export const FAKE_IMAGE_SIZE = 64;
/** What `auto` quality becomes, as the answer's `quality` echo says. */
const AUTO_QUALITY = 'medium';

const GPT_IMAGE_MODELS = ['gpt-image-2', 'gpt-image-1.5', 'gpt-image-1', 'gpt-image-1-mini'];
const DEFAULT_LISTING: ListedFakeModel[] = [...GPT_IMAGE_MODELS, 'dall-e-3', 'dall-e-2'].map((id) => ({ id }));
const GPT_FIXED_SIZES = ['1024x1024', '1536x1024', '1024x1536', 'auto'];
const DALL_E_SIZES: Record<string, string[]> = {
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
  'dall-e-2': ['256x256', '512x512', '1024x1024']
};
/** Moderation categories of omni-moderation (shared/providers/openai-images.md, "Moderations"). */
export const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic'
] as const;
const MODERATION_MODEL_SERVED = 'omni-moderation-2024-09-26';
const MEDIA_TYPES = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;
type Format = keyof typeof MEDIA_TYPES;

class VendorRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly type = 'invalid_request_error'
  ) {
    super(message);
  }
}

const isGptImage = (model: string) => model.startsWith('gpt-image') || model === 'chatgpt-image-latest';

function gptImage2SizeOk(size: string): boolean {
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) return size === 'auto';
  const [width, height] = [Number(match[1]), Number(match[2])];
  const [long, short] = [Math.max(width, height), Math.min(width, height)];
  return width % 16 === 0 && height % 16 === 0 && long / short <= 3 && long <= 3840 && width * height <= 3840 * 2160;
}

function checkSize(model: string, size: string | undefined): void {
  if (size === undefined) return;
  const ok = model.startsWith('gpt-image-2')
    ? gptImage2SizeOk(size)
    : isGptImage(model)
      ? GPT_FIXED_SIZES.includes(size)
      : (DALL_E_SIZES[model]?.includes(size) ?? true);
  if (!ok)
    throw new VendorRefusal(400, `Invalid value: '${size}'. Supported values are not this.`, 'invalid_value', 'size');
}

function checkCount(model: string, n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 10) {
    throw new VendorRefusal(400, `Invalid 'n': integer between 1 and 10 expected.`, 'integer_out_of_range', 'n');
  }
  if (model === 'dall-e-3' && n !== 1) {
    throw new VendorRefusal(400, 'Invalid value for n. dall-e-3 only supports n=1.', 'invalid_value', 'n');
  }
}

/** Parameters one family rejects as unknown, the way OpenAI does. */
function checkFamilyParameters(model: string, fields: Record<string, unknown>): void {
  const foreign = isGptImage(model)
    ? ['response_format', 'style']
    : ['output_format', 'background', 'moderation', 'output_compression', ...(model === 'dall-e-3' ? [] : ['style'])];
  for (const name of foreign) {
    if (fields[name] !== undefined)
      throw new VendorRefusal(400, `Unknown parameter: '${name}'.`, 'unknown_parameter', name);
  }
  const quality = fields.quality;
  const qualities = isGptImage(model)
    ? ['low', 'medium', 'high', 'auto']
    : model === 'dall-e-3'
      ? ['standard', 'hd']
      : ['standard'];
  if (quality !== undefined && !qualities.includes(String(quality))) {
    throw new VendorRefusal(400, `Invalid value: '${String(quality)}'.`, 'invalid_value', 'quality');
  }
  if (fields.background === 'transparent') {
    if (model.startsWith('gpt-image-2')) {
      throw new VendorRefusal(
        400,
        'Transparent background is not supported for this model.',
        'invalid_value',
        'background'
      );
    }
    if (fields.output_format === 'jpeg') {
      throw new VendorRefusal(400, 'Transparent background requires png or webp.', 'invalid_value', 'background');
    }
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseRequest(request: IncomingMessage): Promise<ReceivedRequest> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? '')
    ])
  );
  const received: ReceivedRequest = {
    method: request.method ?? 'GET',
    path: url.pathname,
    headers,
    fields: {},
    files: {}
  };
  const body = await readBody(request);
  const contentType = headers['content-type'] ?? '';
  if (contentType.startsWith('application/json') && body.length > 0) {
    received.fields = z.record(z.string(), z.unknown()).parse(JSON.parse(body.toString('utf8')));
  } else if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') received.fields[name] = value;
      else {
        const file = { filename: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
        (received.files[name] ??= []).push(file);
      }
    }
  }
  return received;
}

function errorBody(refusal: VendorRefusal) {
  return { error: { message: refusal.message, type: refusal.type, param: refusal.param, code: refusal.code } };
}

function defaultErrorBody(status: number) {
  const byStatus: Record<number, [string, string, string | null]> = {
    401: ['Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'],
    429: ['Rate limit reached for images per minute.', 'requests', 'rate_limit_exceeded'],
    500: ['The server had an error while processing your request.', 'server_error', null],
    503: ['The engine is currently overloaded.', 'server_error', null]
  };
  const [message, type, code] = byStatus[status] ?? ['Something went wrong.', 'invalid_request_error', null];
  return { error: { message, type, param: null, code } };
}

export async function startOpenAIFake(
  options: {
    apiKey?: string;
    /** How long to hold each API request before answering it: a slow vendor. */
    delayMs?: (request: ReceivedRequest) => number;
  } = {}
) {
  const apiKey = options.apiKey ?? 'sk-fake';
  const requests: ReceivedRequest[] = [];
  const scenarios: Scenario[] = [];
  const stored = new Map<string, { bytes: Uint8Array; type: string }>();
  let listing = DEFAULT_LISTING;
  const moderationFlags: Array<{ term: string; categories: string[] }> = [];
  let serveUrls = false;
  let pngAnswer: Uint8Array | undefined;
  let answered = 0;
  let origin = '';

  async function makeImage(format: Format, index: number): Promise<Uint8Array> {
    if (format === 'png' && pngAnswer) return pngAnswer;
    const pixels = new Uint8Array(FAKE_IMAGE_SIZE * FAKE_IMAGE_SIZE * 4);
    for (let offset = 0; offset < pixels.length; offset += 4) pixels.set([40 + index * 20, 90, 160, 255], offset);
    return encodeRgba(pixels, FAKE_IMAGE_SIZE, FAKE_IMAGE_SIZE, format);
  }

  function servedModel(fields: Record<string, unknown>, fallback: string): string {
    const model = typeof fields.model === 'string' && fields.model !== '' ? fields.model : fallback;
    if (!listing.some((entry) => entry.id === model)) {
      throw new VendorRefusal(
        404,
        `The model \`${model}\` does not exist or you do not have access to it.`,
        'model_not_found'
      );
    }
    return model;
  }

  async function imagesAnswer(model: string, fields: Record<string, unknown>, inputImages: number) {
    const n = Number(fields.n ?? 1);
    checkCount(model, n);
    const format: Format =
      fields.output_format === 'jpeg' || fields.output_format === 'webp' ? fields.output_format : 'png';
    const images = await Promise.all(Array.from({ length: n }, (_, index) => makeImage(format, index)));
    if (isGptImage(model)) {
      const quality = fields.quality === undefined || fields.quality === 'auto' ? AUTO_QUALITY : String(fields.quality);
      const outputTokens = (FAKE_OUTPUT_TOKENS[quality] ?? 0) * n;
      const imageTokens = FAKE_INPUT_IMAGE_TOKENS * inputImages;
      return {
        created: 1_760_000_000,
        data: images.map((bytes) => ({ b64_json: Buffer.from(bytes).toString('base64') })),
        background: fields.background === 'transparent' ? 'transparent' : 'opaque',
        output_format: format,
        quality,
        size: fields.size === undefined || fields.size === 'auto' ? '1024x1024' : String(fields.size),
        usage: {
          input_tokens: FAKE_PROMPT_TOKENS + imageTokens,
          input_tokens_details: { text_tokens: FAKE_PROMPT_TOKENS, image_tokens: imageTokens },
          output_tokens: outputTokens,
          output_tokens_details: { image_tokens: outputTokens, text_tokens: 0 },
          total_tokens: FAKE_PROMPT_TOKENS + imageTokens + outputTokens
        }
      };
    }
    const revised = model === 'dall-e-3' ? { revised_prompt: `A detailed picture of ${String(fields.prompt)}` } : {};
    // DALL·E's default is a URL; `serveUrls` plays a compatible server that ignores response_format.
    const asUrl = serveUrls || fields.response_format !== 'b64_json';
    return {
      created: 1_760_000_000,
      data: images.map((bytes, index) => {
        if (!asUrl) return { b64_json: Buffer.from(bytes).toString('base64'), ...revised };
        const name = `img-${answered}-${index}.${format}`;
        stored.set(name, { bytes, type: MEDIA_TYPES[format] });
        return { url: `${origin}/files/${name}`, ...revised };
      })
    };
  }

  function requirePrompt(fields: Record<string, unknown>): void {
    if (typeof fields.prompt !== 'string' || fields.prompt.trim() === '') {
      throw new VendorRefusal(400, "Missing required parameter: 'prompt'.", 'missing_required_parameter', 'prompt');
    }
  }

  async function anyImage(file: ReceivedFile) {
    return inspectImage(file.bytes).catch(() => {
      throw new VendorRefusal(400, 'Invalid image file or mode for image 1.', 'invalid_image', 'image');
    });
  }

  async function squarePng(file: ReceivedFile | undefined, param: string) {
    if (!file)
      throw new VendorRefusal(400, `Missing required parameter: '${param}'.`, 'missing_required_parameter', param);
    const info = await inspectImage(file.bytes).catch(() => undefined);
    if (!info || info.format !== 'png' || info.width !== info.height || file.bytes.byteLength >= 4 * 1024 * 1024) {
      throw new VendorRefusal(
        400,
        `Invalid input image - format must be a square PNG under 4 MB.`,
        'invalid_image',
        param
      );
    }
    return info;
  }

  async function edit(received: ReceivedRequest) {
    const model = servedModel(received.fields, 'gpt-image-1.5');
    requirePrompt(received.fields);
    if (model === 'dall-e-3')
      throw new VendorRefusal(400, 'dall-e-3 does not support image edits.', 'invalid_value', 'model');
    const images = [...(received.files.image ?? []), ...(received.files['image[]'] ?? [])];
    if (images.length === 0)
      throw new VendorRefusal(400, "Missing required parameter: 'image'.", 'missing_required_parameter', 'image');
    if (images.length > (isGptImage(model) ? 16 : 1))
      throw new VendorRefusal(400, 'Too many images.', 'invalid_value', 'image');
    const first = isGptImage(model) ? await anyImage(images[0]!) : await squarePng(images[0], 'image');
    const mask = received.files.mask?.[0];
    if (mask) {
      const info = await inspectImage(mask.bytes).catch(() => undefined);
      if (!info || info.format !== 'png' || info.width !== first.width || info.height !== first.height) {
        throw new VendorRefusal(
          400,
          'Invalid mask image: must be a PNG of the same dimensions as the image.',
          'invalid_image',
          'mask'
        );
      }
    }
    checkFamilyParameters(model, received.fields);
    checkSize(model, received.fields.size === undefined ? undefined : String(received.fields.size));
    return imagesAnswer(model, received.fields, images.length);
  }

  async function variation(received: ReceivedRequest) {
    const model = servedModel(received.fields, 'dall-e-2');
    if (model !== 'dall-e-2')
      throw new VendorRefusal(400, 'Variations are only supported for dall-e-2.', 'invalid_value', 'model');
    await squarePng(received.files.image?.[0], 'image');
    checkSize(model, received.fields.size === undefined ? undefined : String(received.fields.size));
    return imagesAnswer(model, received.fields, 1);
  }

  async function generation(received: ReceivedRequest) {
    const model = servedModel(received.fields, 'dall-e-2');
    requirePrompt(received.fields);
    checkFamilyParameters(model, received.fields);
    checkSize(model, typeof received.fields.size === 'string' ? received.fields.size : undefined);
    return imagesAnswer(model, received.fields, 0);
  }

  function unsafeRefusal(received: ReceivedRequest): VendorRefusal {
    const model = typeof received.fields.model === 'string' ? received.fields.model : 'dall-e-2';
    return isGptImage(model)
      ? new VendorRefusal(
          400,
          'Your request was rejected by the safety system.',
          'moderation_blocked',
          null,
          'image_generation_user_error'
        )
      : new VendorRefusal(
          400,
          'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
          'content_policy_violation'
        );
  }

  /** One result per input text (image inputs are not served); a text containing a scripted term is flagged in that term's categories. */
  function moderation(received: ReceivedRequest) {
    const input = received.fields.input;
    const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input.map(String) : [];
    if (texts.length === 0)
      throw new VendorRefusal(400, "Missing required parameter: 'input'.", 'missing_required_parameter', 'input');
    const model = received.fields.model ?? 'omni-moderation-latest';
    if (model !== 'omni-moderation-latest' && model !== MODERATION_MODEL_SERVED)
      throw new VendorRefusal(404, `The model \`${String(model)}\` does not exist.`, 'model_not_found', 'model');
    return {
      id: `modr-fake-${answered}`,
      model: MODERATION_MODEL_SERVED,
      results: texts.map((text) => {
        const flagged = new Set(
          moderationFlags
            .filter((flag) => text.toLowerCase().includes(flag.term.toLowerCase()))
            .flatMap((flag) => flag.categories)
        );
        return {
          flagged: flagged.size > 0,
          categories: Object.fromEntries(MODERATION_CATEGORIES.map((name) => [name, flagged.has(name)])),
          category_scores: Object.fromEntries(
            MODERATION_CATEGORIES.map((name) => [name, flagged.has(name) ? 0.97 : 0.0004])
          ),
          // Text inputs only: every category was scored on the text.
          category_applied_input_types: Object.fromEntries(MODERATION_CATEGORIES.map((name) => [name, ['text']]))
        };
      })
    };
  }

  async function route(received: ReceivedRequest): Promise<unknown> {
    const { method, path } = received;
    if (method === 'GET' && path === '/v1/models')
      return {
        object: 'list',
        data: listing.map((entry) => ({ object: 'model', created: 1_700_000_000, owned_by: 'system', ...entry }))
      };
    if (method === 'POST' && path === '/v1/images/generations') return generation(received);
    if (method === 'POST' && path === '/v1/images/edits') return edit(received);
    if (method === 'POST' && path === '/v1/images/variations') return variation(received);
    if (method === 'POST' && path === '/v1/moderations') return moderation(received);
    throw new VendorRefusal(404, `Invalid URL (${method} ${path})`);
  }

  function send(response: ServerResponse, status: number, body: string, headers: Record<string, string>) {
    if (response.destroyed) return;
    response.writeHead(status, {
      'content-type': 'application/json',
      'x-request-id': `req_fake_${answered}`,
      ...headers
    });
    response.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const received = await parseRequest(request);
    const file = received.path.startsWith('/files/') ? stored.get(received.path.slice('/files/'.length)) : undefined;
    if (file) {
      response.writeHead(200, { 'content-type': file.type, 'content-length': String(file.bytes.byteLength) });
      response.end(file.bytes);
      return;
    }
    requests.push(received);
    answered++;
    const scenario = scenarios.shift();
    if (scenario?.kind === 'answer') {
      const { status, body, headers = {} } = scenario.answer;
      return send(response, status, JSON.stringify(body ?? defaultErrorBody(status)), headers);
    }
    if (scenario?.kind === 'raw')
      return send(response, scenario.status, scenario.body, { 'content-type': scenario.contentType });
    const delayMs = (scenario?.kind === 'delay' ? scenario.ms : 0) + (options.delayMs?.(received) ?? 0);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    try {
      if (received.headers.authorization !== `Bearer ${apiKey}`) {
        throw new VendorRefusal(401, 'Incorrect API key provided.', 'invalid_api_key');
      }
      if (scenario?.kind === 'unsafe') throw unsafeRefusal(received);
      send(response, 200, JSON.stringify(await route(received)), {});
    } catch (error) {
      if (!(error instanceof VendorRefusal)) throw error;
      send(response, error.status, JSON.stringify(errorBody(error)), {});
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(
        response,
        500,
        JSON.stringify({ error: { message: String(error), type: 'server_error', param: null, code: null } }),
        {}
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** What the SDK's `baseURL` should be. */
    baseUrl: `${origin}/v1`,
    apiKey,
    /** Every API request received, in order (image downloads from `/files/` are not recorded). */
    requests,
    /** Answers the next request with this status, body (OpenAI's error shape by default) and headers. */
    failNext(answer: FakeAnswer) {
      scenarios.push({ kind: 'answer', answer });
    },
    /** Answers the next request with a raw body, e.g. a 200 that is not JSON. */
    answerNextRaw(body: string, status = 200, contentType = 'application/json') {
      scenarios.push({ kind: 'raw', status, body, contentType });
    },
    /** Answers the next request normally, after `ms`. */
    delayNext(ms: number) {
      scenarios.push({ kind: 'delay', ms });
    },
    /** Refuses the next request the way OpenAI's safety system does for its model. */
    refuseNextAsUnsafe() {
      scenarios.push({ kind: 'unsafe' });
    },
    /** From now on, `/moderations` flags any text containing `term` (case-insensitive) in these categories. */
    flagInModeration(term: string, categories: (typeof MODERATION_CATEGORIES)[number][]) {
      moderationFlags.push({ term, categories });
    },
    /** `/moderations` flags nothing again. */
    clearModerationFlags() {
      moderationFlags.length = 0;
    },
    /** What `GET /models` lists and which models answer; the catalog's ids by default. */
    listModels(entries: ListedFakeModel[]) {
      listing = entries;
    },
    /** Every PNG answered from now on carries these bytes (e.g. a full-size picture for a benchmark), not a flat 64×64. */
    answerPngWith(bytes: Uint8Array | undefined) {
      pngAnswer = bytes;
    },
    /** Answer DALL·E-style models with URLs even when base64 was asked for. */
    serveUrls(on: boolean) {
      serveUrls = on;
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    }
  };
}

export type OpenAIFake = Awaited<ReturnType<typeof startOpenAIFake>>;
