import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { encodeRgba, inspectImage, type EncodeFormat } from '$lib/server/images';
import { keyedImage } from './keyed-image';

/**
 * A local stand-in for api.stability.ai following shared/providers/stability.md: v2beta generate (core, ultra,
 * sd3), edits, upscales (creative as a job polled at /v2beta/results/{id}), SDXL 1.0 on v1, and the balance.
 * It validates like the doc says the API does, charges credits from its own price list, and answers with real
 * images whose pixels depend only on endpoint, model, prompt and seed: generations at the requested aspect
 * ratio with 64 px on the short side, edits at the input's size (outpaint grown, upscales 4x). The lists below are written from the doc on purpose, not imported from the
 * adapter, so a wrong value in the adapter shows up as a 400.
 */

const ASPECT_RATIOS: Record<string, [number, number]> = {
  '1:1': [1, 1],
  '16:9': [16, 9],
  '21:9': [21, 9],
  '2:3': [2, 3],
  '3:2': [3, 2],
  '4:5': [4, 5],
  '5:4': [5, 4],
  '9:16': [9, 16],
  '9:21': [9, 21]
};
const STYLE_PRESET_LIST = [
  '3d-model',
  'analog-film',
  'anime',
  'cinematic',
  'comic-book',
  'digital-art',
  'enhance',
  'fantasy-art',
  'isometric',
  'line-art',
  'low-poly',
  'modeling-compound',
  'neon-punk',
  'origami',
  'photographic',
  'pixel-art',
  'tile-texture'
] as const;
const STYLE_PRESETS = new Set<string>(STYLE_PRESET_LIST);
const SD3_MODEL_CREDITS: Record<string, number> = { 'sd3.5-large': 6.5, 'sd3.5-large-turbo': 4, 'sd3.5-medium': 3.5 };
const SDXL_SIZES = new Set([
  '1024x1024',
  '1152x896',
  '896x1152',
  '1216x832',
  '832x1216',
  '1344x768',
  '768x1344',
  '1536x640',
  '640x1536'
]);
/** UNCONFIRMED figure, the same the adapter assumes; the rest are the doc's. */
const SDXL_CREDITS_PER_SAMPLE = 0.9;
const MAX_V2_SEED = 4_294_967_294;
const MAX_PROMPT = 10_000;
const SHORT_SIDE = 64;
/** v1 text-to-image body (UNCONFIRMED ranges, as the doc gives them). */
const ZSdxlBody = z
  .object({
    text_prompts: z
      .array(z.object({ text: z.string().min(1), weight: z.number().optional() }))
      .min(1)
      .refine((prompts) => prompts.some((prompt) => (prompt.weight ?? 1) > 0), 'needs a prompt with a positive weight'),
    width: z.number().int().default(1024),
    height: z.number().int().default(1024),
    samples: z.number().int().min(1).max(10).default(1),
    steps: z.number().int().min(10).max(50).optional(),
    cfg_scale: z.number().min(0).max(35).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
    sampler: z.string().optional(),
    style_preset: z.enum(STYLE_PRESET_LIST).optional()
  })
  .refine((body) => SDXL_SIZES.has(`${body.width}x${body.height}`), {
    message: 'is not an allowed SDXL size',
    path: ['dimensions']
  });
const MEDIA_TYPES: Record<EncodeFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
const SDXL_PATH = '/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image';

export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string> };

export type RecordedFile = {
  filename: string;
  mediaType: string;
  size: number;
  width?: number;
  height?: number;
  /** The file as sent, for tests that look at its pixels (a mask). */
  bytes: Uint8Array;
};

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Multipart fields as sent: text as strings, files described. */
  fields?: Record<string, string | RecordedFile>;
  json?: unknown;
};

/** How the next creative upscale job behaves. */
export type FakeJobPlan = { pendingPolls?: number; expires?: boolean };

export type StabilityFake = {
  baseUrl: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Credits charged so far, by the fake's own price list. */
  creditsCharged(): number;
  /** The next request gets this answer instead (status 200 with a string body is a malformed answer). */
  failNext(answer: FakeAnswer): void;
  /** The next image answer is blurred by the "safety filter" (`CONTENT_FILTERED`), and charged; for v1 `samples` of them. */
  filterNext(samples?: number): void;
  /** The next request is answered only after `ms`. */
  delayNext(ms: number): void;
  planNextJob(plan: FakeJobPlan): void;
  close(): Promise<void>;
};

export type StabilityFakeOptions = {
  /** Credits on the account at start. */
  credits?: number;
  /** Seeds the fake picks when asked for seed 0 or none; Stability's go up to 4294967294. */
  randomSeed?: () => number;
};

type Parsed = { method: string; path: string; accept: string; form?: FormData; json?: unknown };
type Job = { pendingPolls: number; expires: boolean; answer: FakeAnswer };

const requestId = () => randomBytes(16).toString('hex');
const v2Error = (status: number, name: string, ...errors: string[]): FakeAnswer => ({
  status,
  body: { id: requestId(), name, errors }
});
const v1Error = (status: number, name: string, message: string): FakeAnswer => ({
  status,
  body: { id: requestId(), name, message }
});

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headersOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name, value]] : Array.isArray(value) ? [[name, value.join(', ')]] : []
    )
  );
}

async function describeFile(file: File): Promise<RecordedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const described: RecordedFile = { filename: file.name, mediaType: file.type, size: bytes.byteLength, bytes };
  try {
    const { width, height } = await inspectImage(bytes);
    return { ...described, width, height };
  } catch {
    return described;
  }
}

async function recordFields(form: FormData): Promise<Record<string, string | RecordedFile>> {
  const fields: Record<string, string | RecordedFile> = {};
  for (const [name, value] of form.entries()) {
    fields[name] = typeof value === 'string' ? value : await describeFile(value);
  }
  return fields;
}

/**
 * The picture for `key` (endpoint, model, prompt, seed: the same ones give the same bytes), or flat grey
 * when the safety filter blurred it.
 */
async function makeImage(
  key: readonly unknown[],
  width: number,
  height: number,
  format: EncodeFormat,
  blurred: boolean
): Promise<Uint8Array> {
  if (!blurred) return keyedImage(key, width, height, format);
  return encodeRgba(new Uint8Array(width * height * 4).fill(128), width, height, format);
}

function sizeForRatio([across, down]: [number, number]): { width: number; height: number } {
  return across >= down
    ? { width: Math.round((SHORT_SIDE * across) / down), height: SHORT_SIDE }
    : { width: SHORT_SIDE, height: Math.round((SHORT_SIDE * down) / across) };
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};

const fileOf = (form: FormData, name: string) => {
  const value = form.get(name);
  return value instanceof File ? value : undefined;
};

/** Collects the v2beta 400 messages, each named by its field as Stability's are. */
class FieldChecks {
  readonly errors: string[] = [];
  constructor(private readonly form: FormData) {}

  requiredText(name: string): void {
    const value = text(this.form, name);
    if (value === undefined || value.trim() === '') this.errors.push(`${name}: is required`);
  }

  maxLength(name: string, max: number): void {
    const value = text(this.form, name);
    if (value !== undefined && value.length > max) this.errors.push(`${name}: must be at most ${max} characters`);
  }

  oneOf(name: string, allowed: Iterable<string>): void {
    const value = text(this.form, name);
    const choices = [...allowed];
    if (value !== undefined && !choices.includes(value)) {
      this.errors.push(`${name}: must be one of ${choices.join(', ')}`);
    }
  }

  number(name: string, min: number, max: number, integer = false): number | undefined {
    const raw = text(this.form, name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (
      raw.trim() === '' ||
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (integer && !Number.isInteger(value))
    ) {
      this.errors.push(`${name}: must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }
}

async function inputImage(form: FormData, name: string, checks: FieldChecks) {
  const file = fileOf(form, name);
  if (!file) {
    checks.errors.push(`${name}: is required`);
    return undefined;
  }
  const described = await describeFile(file);
  if (described.width === undefined || described.height === undefined) {
    checks.errors.push(`${name}: is not a valid image`);
    return undefined;
  }
  return { width: described.width, height: described.height };
}

type EditRoute = {
  credits: number;
  formats: EncodeFormat[];
  styles: boolean;
  required: string[];
  outputSize: (
    input: { width: number; height: number },
    form: FormData,
    checks: FieldChecks
  ) => Promise<{ width: number; height: number } | undefined>;
};

const sameSize: EditRoute['outputSize'] = async (input) => input;
const fourTimes: EditRoute['outputSize'] = async (input) => ({ width: input.width * 4, height: input.height * 4 });
const withCreativity =
  (size: EditRoute['outputSize']): EditRoute['outputSize'] =>
  (input, form, checks) => {
    checks.number('creativity', 0, 1);
    return size(input, form, checks);
  };

const EDIT_ROUTES: Record<string, EditRoute> = {
  '/v2beta/stable-image/edit/inpaint': {
    credits: 5,
    formats: ['png', 'jpeg', 'webp'],
    styles: true,
    required: ['prompt'],
    async outputSize(input, form, checks) {
      checks.number('grow_mask', 0, 100, true);
      if (!fileOf(form, 'mask')) return input;
      const mask = await inputImage(form, 'mask', checks);
      if (mask && (mask.width !== input.width || mask.height !== input.height)) {
        checks.errors.push(
          `mask: must have the same dimensions as image (${input.width}x${input.height}), got ${mask.width}x${mask.height}`
        );
      }
      return input;
    }
  },
  '/v2beta/stable-image/edit/outpaint': {
    credits: 4,
    formats: ['png', 'jpeg', 'webp'],
    styles: false,
    required: [],
    async outputSize(input, _form, checks) {
      const [left = 0, right = 0, up = 0, down = 0] = ['left', 'right', 'up', 'down'].map(
        (side) => checks.number(side, 0, 2000, true) ?? 0
      );
      checks.number('creativity', 0, 1);
      if (left + right + up + down === 0)
        checks.errors.push('left, right, up, down: at least one must be greater than 0');
      return { width: input.width + left + right, height: input.height + up + down };
    }
  },
  '/v2beta/stable-image/edit/search-and-replace': {
    credits: 5,
    formats: ['png', 'jpeg', 'webp'],
    styles: false,
    required: ['prompt', 'search_prompt'],
    outputSize: sameSize
  },
  '/v2beta/stable-image/edit/remove-background': {
    credits: 5,
    formats: ['png', 'webp'],
    styles: false,
    required: [],
    outputSize: sameSize
  },
  '/v2beta/stable-image/upscale/fast': {
    credits: 2,
    formats: ['png', 'jpeg', 'webp'],
    styles: false,
    required: [],
    outputSize: fourTimes
  },
  '/v2beta/stable-image/upscale/conservative': {
    credits: 40,
    formats: ['png', 'jpeg', 'webp'],
    styles: false,
    required: ['prompt'],
    outputSize: withCreativity(fourTimes)
  },
  '/v2beta/stable-image/upscale/creative': {
    credits: 60,
    formats: ['png', 'jpeg', 'webp'],
    styles: true,
    required: ['prompt'],
    outputSize: withCreativity(fourTimes)
  }
};

export async function startStabilityFake(options: StabilityFakeOptions = {}): Promise<StabilityFake> {
  const apiKey = 'sk-fake-stability';
  const requests: RecordedRequest[] = [];
  const failures: FakeAnswer[] = [];
  const delays: number[] = [];
  const jobPlans: FakeJobPlan[] = [];
  const jobs = new Map<string, Job>();
  const timers = new Set<NodeJS.Timeout>();
  const randomSeed = options.randomSeed ?? (() => randomInt(1, MAX_V2_SEED + 1));
  let balance = options.credits ?? 1000;
  let charged = 0;
  let filterSamples = 0;

  function charge(credits: number): void {
    balance -= credits;
    charged += credits;
  }

  function takeFilter(samples: number): number {
    const filtered = Math.min(samples, filterSamples);
    filterSamples = 0;
    return filtered;
  }

  /** One v2beta image answer, as JSON or bytes per `Accept`; charged whether or not it is filtered. */
  async function imageAnswer(
    request: Parsed,
    size: { width: number; height: number },
    format: EncodeFormat,
    seed: number,
    credits: number
  ): Promise<FakeAnswer> {
    const filtered = takeFilter(1) > 0;
    const form = request.form ?? new FormData();
    const key = [request.path, text(form, 'model'), text(form, 'prompt'), seed];
    const bytes = await makeImage(key, size.width, size.height, format, filtered);
    charge(credits);
    const finishReason = filtered ? 'CONTENT_FILTERED' : 'SUCCESS';
    if (request.accept.includes('application/json')) {
      return {
        status: 200,
        body: { image: Buffer.from(bytes).toString('base64'), finish_reason: finishReason, seed }
      };
    }
    return {
      status: 200,
      body: bytes,
      headers: { 'content-type': MEDIA_TYPES[format], 'finish-reason': finishReason, seed: String(seed) }
    };
  }

  function commonV2Checks(form: FormData, formats: EncodeFormat[], styles: boolean): FieldChecks {
    const checks = new FieldChecks(form);
    checks.maxLength('prompt', MAX_PROMPT);
    checks.maxLength('negative_prompt', MAX_PROMPT);
    checks.number('seed', 0, MAX_V2_SEED, true);
    checks.oneOf('output_format', formats);
    if (styles) checks.oneOf('style_preset', STYLE_PRESETS);
    return checks;
  }

  const outputFormat = (form: FormData) => (text(form, 'output_format') ?? 'png') as EncodeFormat;
  const seedOf = (form: FormData) => Number(text(form, 'seed') ?? 0) || randomSeed();

  async function generate(request: Parsed, form: FormData, route: string): Promise<FakeAnswer> {
    const sd3 = route === 'sd3';
    const checks = commonV2Checks(form, sd3 ? ['png', 'jpeg'] : ['png', 'jpeg', 'webp'], true);
    checks.requiredText('prompt');
    checks.oneOf('aspect_ratio', Object.keys(ASPECT_RATIOS));
    if (sd3) {
      checks.oneOf('model', Object.keys(SD3_MODEL_CREDITS));
      // Image-to-image needs an input image this fake does not model.
      checks.oneOf('mode', ['text-to-image']);
      // UNCONFIRMED range, as in the adapter's catalog.
      checks.number('cfg_scale', 1, 10);
    }
    if (checks.errors.length) return v2Error(400, 'bad_request', ...checks.errors);
    const credits = sd3 ? SD3_MODEL_CREDITS[text(form, 'model') ?? 'sd3.5-large']! : route === 'ultra' ? 8 : 3;
    const ratio = ASPECT_RATIOS[text(form, 'aspect_ratio') ?? '1:1']!;
    return imageAnswer(request, sizeForRatio(ratio), outputFormat(form), seedOf(form), credits);
  }

  async function editImage(request: Parsed, form: FormData, route: EditRoute): Promise<FakeAnswer> {
    const checks = commonV2Checks(form, route.formats, route.styles);
    for (const name of route.required) checks.requiredText(name);
    const input = await inputImage(form, 'image', checks);
    const size = input ? await route.outputSize(input, form, checks) : undefined;
    if (checks.errors.length || !size) return v2Error(400, 'bad_request', ...checks.errors);
    if (request.path.endsWith('/upscale/creative')) return startJob(request, form, size, route.credits);
    return imageAnswer(request, size, outputFormat(form), seedOf(form), route.credits);
  }

  async function startJob(
    request: Parsed,
    form: FormData,
    size: { width: number; height: number },
    credits: number
  ): Promise<FakeAnswer> {
    const plan = jobPlans.shift() ?? {};
    const id = randomBytes(32).toString('hex');
    const answer = await imageAnswer(request, size, outputFormat(form), seedOf(form), credits);
    jobs.set(id, { pendingPolls: plan.pendingPolls ?? 2, expires: plan.expires ?? false, answer });
    return { status: 200, body: { id } };
  }

  function pollJob(id: string): FakeAnswer {
    const job = jobs.get(id);
    if (!job) return v2Error(404, 'not_found', `id: no result found for ${id}; results are kept for 24 hours`);
    if (job.pendingPolls > 0) {
      job.pendingPolls -= 1;
      return { status: 202, body: { id, status: 'in-progress' } };
    }
    jobs.delete(id);
    if (job.expires) return v2Error(404, 'not_found', `id: no result found for ${id}; results are kept for 24 hours`);
    return job.answer;
  }

  async function sdxl(json: unknown): Promise<FakeAnswer> {
    const parsed = ZSdxlBody.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      return v1Error(400, 'bad_request', problems.join('; '));
    }
    const { samples: count, seed, width, height, text_prompts: prompts } = parsed.data;
    const filtered = takeFilter(count);
    const firstSeed = seed || randomSeed();
    const size = sizeForRatio([width, height]);
    const artifacts = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const blurred = index < filtered;
        const bytes = await makeImage([SDXL_PATH, prompts, firstSeed + index], size.width, size.height, 'png', blurred);
        return {
          base64: Buffer.from(bytes).toString('base64'),
          seed: firstSeed + index,
          finishReason: blurred ? 'CONTENT_FILTERED' : 'SUCCESS'
        };
      })
    );
    charge(SDXL_CREDITS_PER_SAMPLE * count);
    return { status: 200, body: { artifacts } };
  }

  async function route(request: Parsed): Promise<FakeAnswer> {
    const { method, path } = request;
    if (method === 'GET' && path === '/v1/user/balance') return { status: 200, body: { credits: balance } };
    const result = /^\/v2beta\/results\/([^/]+)$/.exec(path);
    if (method === 'GET' && result) return pollJob(decodeURIComponent(result[1]!));
    if (method === 'POST' && path === SDXL_PATH) {
      if (request.json === undefined) return v1Error(400, 'bad_request', 'body: must be JSON');
      return sdxl(request.json);
    }
    if (method !== 'POST') return v2Error(404, 'not_found', `${method} ${path}: not found`);
    if (!request.form) return v2Error(400, 'bad_request', 'content-type: must be multipart/form-data');
    const generateRoute = /^\/v2beta\/stable-image\/generate\/(core|ultra|sd3)$/.exec(path)?.[1];
    if (generateRoute) return generate(request, request.form, generateRoute);
    const edit = EDIT_ROUTES[path];
    if (edit) return editImage(request, request.form, edit);
    return v2Error(404, 'not_found', `${path}: not found`);
  }

  async function parse(request: IncomingMessage, recorded: RecordedRequest): Promise<Parsed> {
    const body = await readBody(request);
    const contentType = request.headers['content-type'] ?? '';
    const parsed: Parsed = {
      method: request.method ?? 'GET',
      path: recorded.path,
      accept: request.headers.accept ?? 'image/*'
    };
    if (contentType.startsWith('multipart/form-data')) {
      parsed.form = await new Request('http://fake.local/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(body)
      }).formData();
      recorded.fields = await recordFields(parsed.form);
    } else if (contentType.startsWith('application/json')) {
      try {
        parsed.json = JSON.parse(body.toString('utf8'));
      } catch {
        parsed.json = undefined;
      }
      recorded.json = parsed.json;
    }
    return parsed;
  }

  function send(response: ServerResponse, answer: FakeAnswer): void {
    if (response.destroyed || response.writableEnded) return;
    const { body } = answer;
    const isBytes = body instanceof Uint8Array;
    const payload = isBytes ? body : typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
    const contentType = isBytes
      ? 'application/octet-stream'
      : typeof body === 'string'
        ? 'text/plain'
        : 'application/json';
    response.writeHead(answer.status, { 'content-type': contentType, ...answer.headers });
    response.end(payload);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://fake.local').pathname;
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path, headers: headersOf(request) };
    requests.push(recorded);
    const parsed = await parse(request, recorded);
    const delay = delays.shift();
    if (delay !== undefined) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, delay);
        timers.add(timer);
      });
    }
    const failure = failures.shift();
    if (failure) return send(response, failure);
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return send(response, v2Error(401, 'unauthorized', 'authorization: invalid or missing header value'));
    }
    send(response, await route(parsed));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, v2Error(500, 'internal_error', error instanceof Error ? error.message : String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    creditsCharged: () => charged,
    failNext: (answer) => void failures.push(answer),
    filterNext: (samples = Number.POSITIVE_INFINITY) => {
      filterSamples = samples;
    },
    delayNext: (ms) => void delays.push(ms),
    planNextJob: (plan) => void jobPlans.push(plan),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      })
  };
}
