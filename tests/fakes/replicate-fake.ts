import { randomInt, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspectImage, type EncodeFormat } from '$lib/server/images';
import { REAL_ESRGAN_VERSION, SDXL_LIGHTNING_VERSION, SDXL_VERSION } from '$lib/server/providers/replicate/models';
import { signReplicateWebhook } from '$lib/server/providers/replicate/webhook';
import { keyedImage } from './keyed-image';

/**
 * A local stand-in for api.replicate.com following shared/providers/replicate.md: official-model and
 * versioned creates, `Prefer: wait`, polling, cancel, `GET /account`, output files it serves itself, and
 * signed webhook deliveries. Images are small (the long side of a 1024 px request becomes 64 px) and
 * deterministic: output i of a prediction depends only on (model, prompt, seed, i), and one seed serves
 * every output of a prediction, as FLUX and SDXL use it; without a seed the fake draws one, as Replicate does.
 */

type ModelKind = 'flux' | 'sdxl' | 'esrgan';
type FakeModel = { name: string; kind: ModelKind; output: 'list' | 'single'; maxSteps?: number };

const OFFICIAL_MODELS: Record<string, FakeModel> = {
  'black-forest-labs/flux-schnell': {
    name: 'black-forest-labs/flux-schnell',
    kind: 'flux',
    output: 'list',
    maxSteps: 4
  },
  'black-forest-labs/flux-dev': { name: 'black-forest-labs/flux-dev', kind: 'flux', output: 'list', maxSteps: 50 },
  'black-forest-labs/flux-1.1-pro': { name: 'black-forest-labs/flux-1.1-pro', kind: 'flux', output: 'single' }
};

const VERSIONS: Record<string, FakeModel> = {
  [SDXL_VERSION]: { name: 'stability-ai/sdxl', kind: 'sdxl', output: 'list', maxSteps: 500 },
  [SDXL_LIGHTNING_VERSION]: { name: 'bytedance/sdxl-lightning-4step', kind: 'sdxl', output: 'list', maxSteps: 10 },
  [REAL_ESRGAN_VERSION]: { name: 'nightmareai/real-esrgan', kind: 'esrgan', output: 'single' }
};

const FLUX_RATIOS = ['1:1', '16:9', '21:9', '3:2', '2:3', '4:5', '5:4', '3:4', '4:3', '9:16', '9:21'];
const FLUX_FORMATS: Record<string, EncodeFormat> = { png: 'png', jpg: 'jpeg', webp: 'webp' };
const FILE_TYPES: Record<EncodeFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
const SHRINK = 16;
const FLUX_LONG_SIDE = 64;

/** How the next created prediction behaves. */
export type FakePredictionPlan = {
  /** Milliseconds until it finishes; `Infinity` keeps it processing until canceled. Default 0. */
  runMs?: number;
  /** Ends `failed` with this error text instead of succeeding. */
  error?: string;
  /** Reported as `metrics.predict_time`; default 1.5. `null` reports no time. */
  predictTimeS?: number | null;
  /** Fewer images than `num_outputs`, as when a safety checker drops some. */
  outputCount?: number;
  /**
   * How outputs are handed over: URLs of files the fake serves (default); `data:` URLs, as sync mode
   * has returned them; or URLs that redirect to the file on the same host, or on another host.
   */
  delivery?: 'url' | 'data-url' | 'redirect' | 'foreign-redirect';
};

/** An HTTP answer a test forces on the next matching request (a 429, a 500, a malformed body). */
export type FakeRefusal = { status: number; body?: unknown; headers?: Record<string, string> };
export type FakeRoute = 'create' | 'get' | 'cancel' | 'account';

export type RecordedRequest = {
  route: FakeRoute | 'unknown';
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
};

export type FakePrediction = {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  status: 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  output: string | string[] | null;
  error: string | null;
  logs: string;
  metrics: { predict_time?: number };
  webhook?: string;
  webhook_events_filter?: string[];
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  urls: { get: string; cancel: string; stream: string };
};

export type WebhookDelivery = { predictionId: string; url: string; status?: number; failure?: string };

export type ReplicateFake = {
  /** The API root to give the SDK as `baseUrl`. */
  baseUrl: string;
  token: string;
  webhookSecret: string;
  /** Every API request received, in order, with its parsed JSON body. */
  requests: RecordedRequest[];
  deliveries: WebhookDelivery[];
  planNext(...plans: FakePredictionPlan[]): void;
  failNext(refusal: FakeRefusal, on?: FakeRoute): void;
  prediction(id: string): FakePrediction | undefined;
  /** Resolves once every webhook delivery started so far has been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

type Running = {
  json: FakePrediction;
  model: FakeModel;
  plan: FakePredictionPlan;
  timer?: NodeJS.Timeout;
  finished: Promise<void>;
  markFinished: () => void;
};

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const problem = (status: number, title: string, detail: string): Answer => ({
  status,
  body: { title, detail, status }
});

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Prefer: wait` holds 60 s, `Prefer: wait=N` N seconds; no header, no hold. */
function holdMs(prefer: string | string[] | undefined): number {
  const match = typeof prefer === 'string' ? /^wait(?:=(\d+))?$/.exec(prefer.trim()) : null;
  if (!match) return 0;
  return (match[1] === undefined ? 60 : Number(match[1])) * 1000;
}

function routeOf(method: string, path: string): { route: FakeRoute | 'unknown'; id?: string; model?: string } {
  const official = /^\/v1\/models\/([^/]+\/[^/]+)\/predictions$/.exec(path);
  if (method === 'POST' && official) return { route: 'create', model: official[1] };
  if (method === 'POST' && path === '/v1/predictions') return { route: 'create' };
  const cancel = /^\/v1\/predictions\/([^/]+)\/cancel$/.exec(path);
  if (method === 'POST' && cancel) return { route: 'cancel', id: cancel[1] };
  const get = /^\/v1\/predictions\/([^/]+)$/.exec(path);
  if (method === 'GET' && get) return { route: 'get', id: get[1] };
  if (method === 'GET' && path === '/v1/account') return { route: 'account' };
  return { route: 'unknown' };
}

/** What the real API would refuse with 422 (shared/providers/replicate.md, "Model inputs"). */
function invalidInput(model: FakeModel, input: Record<string, unknown>): string | undefined {
  const outputs = input.num_outputs;
  const steps = input.num_inference_steps;
  if (model.kind !== 'esrgan' && (typeof input.prompt !== 'string' || input.prompt === '')) {
    return 'prompt is required';
  }
  if (model.kind === 'esrgan' && typeof input.image !== 'string') return 'image is required';
  if (outputs !== undefined && (typeof outputs !== 'number' || outputs < 1 || outputs > 4)) {
    return 'num_outputs must be between 1 and 4';
  }
  if (steps !== undefined && (typeof steps !== 'number' || steps < 1 || steps > (model.maxSteps ?? 0))) {
    return `num_inference_steps must be between 1 and ${model.maxSteps}`;
  }
  if (model.kind === 'flux' && input.aspect_ratio !== undefined && !FLUX_RATIOS.includes(String(input.aspect_ratio))) {
    return `aspect_ratio must be one of ${FLUX_RATIOS.join(', ')}`;
  }
  if (model.kind === 'flux' && input.output_format !== undefined && !(String(input.output_format) in FLUX_FORMATS)) {
    return 'output_format must be one of webp, jpg, png';
  }
  if (input.mask !== undefined && input.image === undefined) return 'mask needs an image';
  return undefined;
}

async function dataUriSize(uri: unknown): Promise<{ width: number; height: number }> {
  const base64 = typeof uri === 'string' ? /^data:[^;]+;base64,(.*)$/.exec(uri)?.[1] : undefined;
  if (base64 === undefined) throw new Error('the fake only reads data URIs');
  return inspectImage(new Uint8Array(Buffer.from(base64, 'base64')));
}

/** The size of the fake's output, scaled down: flux by ratio, SDXL by width/height, edits from the input. */
async function outputSize(
  model: FakeModel,
  input: Record<string, unknown>
): Promise<{ width: number; height: number }> {
  if (model.kind === 'esrgan') {
    const source = await dataUriSize(input.image);
    const scale = typeof input.scale === 'number' ? input.scale : 4;
    return { width: Math.round(source.width * scale), height: Math.round(source.height * scale) };
  }
  if (input.image !== undefined) return dataUriSize(input.image);
  if (model.kind === 'flux') {
    const [w, h] = String(input.aspect_ratio ?? '1:1')
      .split(':')
      .map(Number) as [number, number];
    return w >= h
      ? { width: FLUX_LONG_SIDE, height: Math.round((FLUX_LONG_SIDE * h) / w) }
      : { width: Math.round((FLUX_LONG_SIDE * w) / h), height: FLUX_LONG_SIDE };
  }
  const width = typeof input.width === 'number' ? input.width : 1024;
  const height = typeof input.height === 'number' ? input.height : 1024;
  return { width: Math.round(width / SHRINK), height: Math.round(height / SHRINK) };
}

export async function startReplicateFake(
  options: {
    token?: string;
    webhookSecret?: string;
    /** Caps how long `Prefer: wait` holds, so slow-path tests stay fast. */
    maxHoldMs?: number;
  } = {}
): Promise<ReplicateFake> {
  const token = options.token ?? 'r8_fake_token';
  const webhookSecret = options.webhookSecret ?? `whsec_${Buffer.from('atelier-fake-signing-key').toString('base64')}`;
  const requests: RecordedRequest[] = [];
  const deliveries: WebhookDelivery[] = [];
  const pendingDeliveries: Promise<void>[] = [];
  const plans: FakePredictionPlan[] = [];
  const refusals: Array<{ refusal: FakeRefusal; on?: FakeRoute }> = [];
  const predictions = new Map<string, Running>();
  const files = new Map<string, { bytes: Uint8Array; type: string }>();
  let origin = '';

  function deliver(running: Running): void {
    const { json } = running;
    if (!json.webhook || (json.webhook_events_filter && !json.webhook_events_filter.includes('completed'))) return;
    const body = JSON.stringify(json);
    const headers = signReplicateWebhook({
      id: `msg_${randomUUID()}`,
      timestamp: new Date(),
      body,
      secret: webhookSecret
    });
    const record: WebhookDelivery = { predictionId: json.id, url: json.webhook };
    deliveries.push(record);
    pendingDeliveries.push(
      fetch(json.webhook, { method: 'POST', headers, body }).then(
        async (response) => {
          record.status = response.status;
          await response.body?.cancel();
        },
        (error: unknown) => {
          record.failure = error instanceof Error ? error.message : String(error);
        }
      )
    );
  }

  async function makeOutputs(running: Running): Promise<string[]> {
    const { input } = running.json;
    const size = await outputSize(running.model, input);
    const format =
      running.model.kind === 'flux' ? (FLUX_FORMATS[String(input.output_format ?? 'webp')] ?? 'webp') : 'png';
    const count = running.plan.outputCount ?? (typeof input.num_outputs === 'number' ? input.num_outputs : 1);
    // Real-ESRGAN has neither prompt nor seed: its output follows its input image.
    const subject = running.model.kind === 'esrgan' ? input.image : input.prompt;
    const seed = running.model.kind === 'esrgan' ? 0 : typeof input.seed === 'number' ? input.seed : randomInt(2 ** 31);
    running.json.logs = `Using seed: ${seed}\n`;
    const outputs = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        keyedImage([running.model.name, subject, seed, index], size.width, size.height, format)
      )
    );
    const { delivery = 'url' } = running.plan;
    if (delivery === 'data-url') {
      return outputs.map((bytes) => `data:${FILE_TYPES[format]};base64,${Buffer.from(bytes).toString('base64')}`);
    }
    const folder = { url: 'files', redirect: 'redirect', 'foreign-redirect': 'redirect-away' }[delivery];
    return outputs.map((bytes, index) => {
      const name = `${running.json.id}-${index}.${format === 'jpeg' ? 'jpg' : format}`;
      files.set(name, { bytes, type: FILE_TYPES[format] });
      return `${origin}/${folder}/${name}`;
    });
  }

  function finish(
    running: Running,
    outcome: { status: 'succeeded' | 'failed' | 'canceled'; output?: string[]; error?: string }
  ): void {
    const { json, plan } = running;
    json.status = outcome.status;
    json.completed_at = new Date().toISOString();
    if (outcome.error !== undefined) json.error = outcome.error;
    if (outcome.output) json.output = running.model.output === 'single' ? (outcome.output[0] ?? null) : outcome.output;
    const predictTime = plan.predictTimeS === undefined ? 1.5 : plan.predictTimeS;
    if (predictTime !== null) json.metrics = { predict_time: predictTime };
    clearTimeout(running.timer);
    running.markFinished();
    deliver(running);
  }

  async function complete(running: Running): Promise<void> {
    const { error } = running.plan;
    const outcome = await (error === undefined ? makeOutputs(running) : Promise.reject(new Error(error))).then(
      (output) => ({ status: 'succeeded' as const, output }),
      (failure: unknown) => ({
        status: 'failed' as const,
        error: failure instanceof Error ? failure.message : 'failed'
      })
    );
    if (running.json.status === 'processing') finish(running, outcome);
  }

  function create(model: FakeModel, body: Record<string, unknown>, version: string): Running {
    const id = randomUUID().replaceAll('-', '').slice(0, 26);
    const plan = plans.shift() ?? {};
    let markFinished = () => {};
    const finished = new Promise<void>((resolve) => (markFinished = resolve));
    const now = new Date().toISOString();
    const running: Running = {
      model,
      plan,
      finished,
      markFinished,
      json: {
        id,
        model: model.name,
        version,
        input: isRecord(body.input) ? body.input : {},
        status: 'processing',
        output: null,
        error: null,
        logs: '',
        metrics: {},
        ...(typeof body.webhook === 'string' && { webhook: body.webhook }),
        ...(Array.isArray(body.webhook_events_filter) && {
          webhook_events_filter: body.webhook_events_filter.map(String)
        }),
        created_at: now,
        started_at: now,
        completed_at: null,
        urls: {
          get: `${origin}/v1/predictions/${id}`,
          cancel: `${origin}/v1/predictions/${id}/cancel`,
          stream: `${origin}/v1/stream/${id}`
        }
      }
    };
    predictions.set(id, running);
    const runMs = plan.runMs ?? 0;
    if (Number.isFinite(runMs)) running.timer = setTimeout(() => void complete(running), runMs);
    return running;
  }

  async function answerCreate(request: IncomingMessage, body: unknown, officialName?: string): Promise<Answer> {
    if (!isRecord(body) || !isRecord(body.input)) return problem(422, 'Input validation failed', 'input is required');
    const version = typeof body.version === 'string' ? body.version : undefined;
    const model = officialName ? OFFICIAL_MODELS[officialName] : version ? VERSIONS[version] : undefined;
    if (officialName && !model) return problem(404, 'Not found', 'The requested resource could not be found.');
    if (!model) {
      return problem(422, 'Invalid version', 'The specified version does not exist (or you do not have access to it).');
    }
    const invalid = invalidInput(model, body.input);
    if (invalid) return problem(422, 'Input validation failed', `- input: ${invalid}`);
    const running = create(model, body, version ?? 'hidden');
    const hold = Math.min(holdMs(request.headers.prefer), options.maxHoldMs ?? Infinity);
    // A prediction planned to take no time finishes within any hold, however long making its images takes here.
    if (hold > 0 && (running.plan.runMs ?? 0) === 0) await running.finished;
    else if (hold > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running.finished, new Promise((resolve) => (timer = setTimeout(resolve, hold)))]);
      clearTimeout(timer);
    }
    return { status: 201, body: running.json };
  }

  function answerCancel(id: string): Answer {
    const running = predictions.get(id);
    if (!running) return problem(404, 'Not found', 'The requested resource could not be found.');
    if (running.json.status === 'processing' || running.json.status === 'starting')
      finish(running, { status: 'canceled' });
    return { status: 200, body: running.json };
  }

  async function answer(request: IncomingMessage, path: string, bodyText: string): Promise<Answer> {
    const method = request.method ?? 'GET';
    const { route, id, model } = routeOf(method, path);
    const body = parseJson(bodyText);
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : (value ?? '')
      ])
    );
    requests.push({ route, method, path, headers, body });
    if (request.headers.authorization !== `Bearer ${token}`) {
      return problem(401, 'Unauthenticated', 'You did not pass a valid authentication token');
    }
    const forced = refusals.findIndex((entry) => entry.on === undefined || entry.on === route);
    if (forced >= 0) {
      const [{ refusal }] = refusals.splice(forced, 1) as [{ refusal: FakeRefusal }];
      return { status: refusal.status, body: refusal.body, headers: refusal.headers };
    }
    if (route === 'create') return answerCreate(request, body, model);
    if (route === 'cancel') return answerCancel(id!);
    if (route === 'get') {
      const running = predictions.get(id!);
      return running ? { status: 200, body: running.json } : problem(404, 'Not found', 'Not found.');
    }
    if (route === 'account') {
      return { status: 200, body: { type: 'user', username: 'atelier-fake', name: 'Atelier Fake', github_url: null } };
    }
    return problem(404, 'Not found', 'The requested resource could not be found.');
  }

  function send(response: ServerResponse, { status, body, headers }: Answer): void {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(text);
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const redirect = /^\/(redirect|redirect-away)\/(.+)$/.exec(path);
    if (redirect) {
      // Another host name for the same server: a hop a download must not follow.
      const host = redirect[1] === 'redirect' ? '' : origin.replace('127.0.0.1', 'localhost');
      response.writeHead(302, { location: `${host}/files/${redirect[2]}` });
      response.end();
      return;
    }
    const file = path.startsWith('/files/') ? files.get(path.slice('/files/'.length)) : undefined;
    if (file) {
      response.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.byteLength });
      response.end(file.bytes);
      return;
    }
    readBody(request)
      .then((bodyText) => answer(request, path, bodyText))
      .then(
        (result) => send(response, result),
        (error: unknown) => send(response, problem(500, 'Internal error', String(error)))
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}/v1`,
    token,
    webhookSecret,
    requests,
    deliveries,
    planNext: (...next) => void plans.push(...next),
    failNext: (refusal, on) => void refusals.push({ refusal, on }),
    prediction: (id) => predictions.get(id)?.json,
    settled: async () => {
      await Promise.all(pendingDeliveries);
    },
    close: async () => {
      for (const running of predictions.values()) clearTimeout(running.timer);
      await Promise.all(pendingDeliveries);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}
