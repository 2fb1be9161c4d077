import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { inspectImage } from '$lib/server/images';

/**
 * A local stand-in for Anthropic's Messages API, following shared/providers/anthropic-vision.md:
 * `POST /v1/messages` answering a forced tool with a `tool_use` block and token usage, `GET /v1/models`
 * paged like the real list, Anthropic's error bodies and headers, and scripted scenarios (errors with
 * retry-after, malformed answers, refusals, slow answers). The key may come as `x-api-key` or as a bearer token.
 */

export type ReceivedMessagesRequest = {
  method: string;
  path: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
};

export type ListedClaudeModel = {
  id: string;
  display_name: string;
  /** RFC 3339. */
  created_at: string;
  /** `haiku`, `sonnet`, `opus`… as the real list names it; absent on older answers. */
  line?: string | null;
};

type Scenario =
  | {
      kind: 'error';
      status: number;
      headers?: Record<string, string>;
      type?: string;
      message?: string;
      details?: object;
    }
  | { kind: 'raw'; body: string }
  | { kind: 'tool-input'; input: unknown }
  | { kind: 'refusal' }
  | { kind: 'max-tokens' }
  | { kind: 'delay'; ms: number };

/** The answers the fake gives a forced tool by name when no scenario says otherwise: valid for Atelier's tools. */
export const FAKE_TOOL_INPUTS: Record<string, unknown> = {
  enhance_prompt: {
    enhancedPrompt: 'A red fox in fresh snow at dawn, soft golden rim light, shallow depth of field, detailed fur',
    suggestions: ['The same fox as a watercolour study', 'A wide shot with pine forest and falling snow'],
    tags: ['fox', 'snow', 'dawn', 'wildlife'],
    negativePrompt: 'blurry, extra limbs, watermark'
  },
  describe_image: {
    description: 'A flat field of one muted colour with no visible subject.',
    subjects: ['colour field'],
    style: 'minimalist',
    palette: [
      { hex: '#5a5a5a', share: 0.9, name: 'grey' },
      { hex: '#6b6b6b', share: 0.1, name: 'dim grey' }
    ],
    composition: 'Uniform, no focal point.',
    qualityIssues: [],
    recreatePrompt: 'a flat grey colour field, minimalist',
    tags: ['grey', 'minimal', 'abstract']
  }
};

export const DEFAULT_CLAUDE_MODELS: ListedClaudeModel[] = [
  { id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6', created_at: '2026-02-17T00:00:00Z' },
  { id: 'claude-opus-4-6', display_name: 'Claude Opus 4.6', created_at: '2026-02-05T00:00:00Z' },
  { id: 'claude-opus-4-5', display_name: 'Claude Opus 4.5', created_at: '2025-11-24T00:00:00Z' },
  { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' }
];

const ERROR_TYPES: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found.'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'],
  500: ['api_error', 'Internal server error.'],
  529: ['overloaded_error', 'Overloaded']
};

const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

class VendorRefusal extends Error {
  constructor(
    readonly status: number,
    message?: string,
    readonly type = ERROR_TYPES[status]?.[0] ?? 'api_error',
    readonly details?: object
  ) {
    super(message ?? ERROR_TYPES[status]?.[1] ?? 'Error.');
  }
}

const ZMessagesRequest = z.object({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  system: z.unknown().optional(),
  messages: z
    .array(z.object({ role: z.enum(['user', 'assistant']), content: z.union([z.string(), z.array(z.unknown())]) }))
    .min(1),
  tools: z.array(z.object({ name: z.string(), input_schema: z.object({ type: z.literal('object') }) })).optional(),
  tool_choice: z.object({ type: z.string(), name: z.string().optional() }).optional()
});

const ZImageBlock = z.object({
  type: z.literal('image'),
  source: z.object({ type: z.literal('base64'), media_type: z.string(), data: z.string() })
});

/** Real image tokens: (w·h)/750 per image, as the vision docs bill them. */
async function imageTokens(content: unknown[]): Promise<number> {
  let tokens = 0;
  for (const block of content) {
    if ((block as { type?: unknown }).type !== 'image') continue;
    const image = ZImageBlock.safeParse(block);
    if (!image.success || !MEDIA_TYPES.includes(image.data.source.media_type)) {
      throw new VendorRefusal(400, 'messages.0.content: image source must be base64 with a supported media_type');
    }
    const info = await inspectImage(Buffer.from(image.data.source.data, 'base64')).catch(() => undefined);
    if (!info) throw new VendorRefusal(400, 'messages.0.content: Could not process image');
    if (info.mediaType !== image.data.source.media_type) {
      throw new VendorRefusal(400, `Image does not match the provided media type ${image.data.source.media_type}`);
    }
    if (info.width > 8000 || info.height > 8000) throw new VendorRefusal(400, 'Image dimensions exceed 8000 pixels');
    tokens += Math.ceil((info.width * info.height) / 750);
  }
  return tokens;
}

async function readRequest(request: IncomingMessage): Promise<ReceivedMessagesRequest> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
    query: Object.fromEntries(url.searchParams),
    body: text === '' ? {} : z.record(z.string(), z.unknown()).parse(JSON.parse(text))
  };
}

export async function startAnthropicFake(options: { apiKey?: string } = {}) {
  const apiKey = options.apiKey ?? 'sk-ant-fake';
  const requests: ReceivedMessagesRequest[] = [];
  const scenarios: Scenario[] = [];
  let listing = DEFAULT_CLAUDE_MODELS;
  let answered = 0;

  function listModels(query: Record<string, string>) {
    const limit = Math.min(1000, Math.max(1, Number(query.limit ?? 20)));
    const start = query.after_id ? listing.findIndex((model) => model.id === query.after_id) + 1 : 0;
    const page = listing.slice(start, start + limit).map((model) => ({ type: 'model', ...model }));
    return {
      data: page,
      has_more: start + limit < listing.length,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null
    };
  }

  async function messages(received: ReceivedMessagesRequest, scenario: Scenario | undefined) {
    const parsed = ZMessagesRequest.safeParse(received.body);
    if (!parsed.success) throw new VendorRefusal(400, `Invalid request: ${parsed.error.issues[0]?.message}`);
    const request = parsed.data;
    if (!listing.some((model) => model.id === request.model)) {
      throw new VendorRefusal(404, `model: ${request.model}`);
    }
    const forced = request.tool_choice?.type === 'tool' ? request.tool_choice.name : undefined;
    if (forced && !request.tools?.some((tool) => tool.name === forced)) {
      throw new VendorRefusal(400, `tool_choice: tool ${forced} is not in tools`);
    }
    let inputTokens = Math.ceil(JSON.stringify({ ...request, messages: [] }).length / 4);
    for (const message of request.messages) {
      inputTokens +=
        typeof message.content === 'string'
          ? Math.ceil(message.content.length / 4)
          : (await imageTokens(message.content)) +
            Math.ceil(
              JSON.stringify(message.content.filter((block) => (block as { type?: unknown }).type === 'text')).length /
                4
            );
    }
    const base = {
      id: `msg_fake_${answered}`,
      type: 'message',
      role: 'assistant',
      model: request.model,
      stop_sequence: null
    };
    const usage = (output: unknown) => ({
      input_tokens: inputTokens,
      output_tokens: Math.ceil(JSON.stringify(output).length / 4),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0
    });
    if (scenario?.kind === 'refusal') {
      const content = [{ type: 'text', text: 'I can’t help with that.' }];
      return { ...base, content, stop_reason: 'refusal', usage: usage(content) };
    }
    if (scenario?.kind === 'max-tokens' && forced) {
      const content = [{ type: 'tool_use', id: `toolu_fake_${answered}`, name: forced, input: {} }];
      return {
        ...base,
        content,
        stop_reason: 'max_tokens',
        usage: { ...usage(content), output_tokens: request.max_tokens }
      };
    }
    if (!forced) {
      const content = [{ type: 'text', text: 'A reply in prose.' }];
      return { ...base, content, stop_reason: 'end_turn', usage: usage(content) };
    }
    const input = scenario?.kind === 'tool-input' ? scenario.input : (FAKE_TOOL_INPUTS[forced] ?? {});
    const content = [{ type: 'tool_use', id: `toolu_fake_${answered}`, name: forced, input }];
    return { ...base, content, stop_reason: 'tool_use', usage: usage(content) };
  }

  function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
    if (response.destroyed) return;
    response.writeHead(status, {
      'content-type': 'application/json',
      'request-id': `req_fake_${answered}`,
      ...headers
    });
    response.end(body);
  }

  function sendError(response: ServerResponse, refusal: VendorRefusal, headers?: Record<string, string>) {
    const body = {
      type: 'error',
      error: { type: refusal.type, message: refusal.message, ...(refusal.details && { details: refusal.details }) },
      request_id: `req_fake_${answered}`
    };
    send(response, refusal.status, JSON.stringify(body), headers);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const received = await readRequest(request);
    requests.push(received);
    answered++;
    const scenario = scenarios.shift();
    if (scenario?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, scenario.ms));
    if (scenario?.kind === 'error') {
      return sendError(
        response,
        new VendorRefusal(scenario.status, scenario.message, scenario.type, scenario.details),
        scenario.headers
      );
    }
    if (scenario?.kind === 'raw') return send(response, 200, scenario.body);
    try {
      const key = received.headers['x-api-key'] ?? received.headers.authorization?.replace(/^Bearer /, '');
      if (key !== apiKey) throw new VendorRefusal(401);
      if (received.method === 'GET' && received.path === '/v1/models') {
        return send(response, 200, JSON.stringify(listModels(received.query)));
      }
      if (received.method === 'POST' && received.path === '/v1/messages') {
        return send(response, 200, JSON.stringify(await messages(received, scenario)));
      }
      throw new VendorRefusal(404, `${received.method} ${received.path}`);
    } catch (error) {
      if (!(error instanceof VendorRefusal)) throw error;
      sendError(response, error);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendError(response, new VendorRefusal(500, String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** What ANTHROPIC_BASE_URL should be (the SDK appends `/v1/...`). */
    baseUrl: origin,
    apiKey,
    /** Every request received, in order. */
    requests,
    /** The `POST /v1/messages` requests only. */
    messageRequests: () => requests.filter((received) => received.path === '/v1/messages'),
    /** Answers the next request with Anthropic's error body for `status` (type and message by default) and headers. */
    failNext(
      status: number,
      details: { type?: string; message?: string; details?: object; headers?: Record<string, string> } = {}
    ) {
      scenarios.push({ kind: 'error', status, ...details });
    },
    /** Answers the next request 200 with this body as it is (e.g. JSON that is cut off). */
    answerNextRaw(body: string) {
      scenarios.push({ kind: 'raw', body });
    },
    /** Answers the next forced tool call with this `input` (e.g. one that breaks the schema). */
    answerNextToolInput(input: unknown) {
      scenarios.push({ kind: 'tool-input', input });
    },
    /** Answers the next message with `stop_reason: "refusal"`. */
    refuseNext() {
      scenarios.push({ kind: 'refusal' });
    },
    /** Cuts the next forced tool answer off at `max_tokens` (an empty input, `stop_reason: "max_tokens"`). */
    cutOffNext() {
      scenarios.push({ kind: 'max-tokens' });
    },
    /** Answers the next request normally, after `ms`. */
    delayNext(ms: number) {
      scenarios.push({ kind: 'delay', ms });
    },
    /** What `GET /v1/models` lists (newest first) and which models answer messages. */
    listModels(entries: ListedClaudeModel[]) {
      listing = entries;
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    }
  };
}

export type AnthropicFake = Awaited<ReturnType<typeof startAnthropicFake>>;
