import type {
  AnalyzeRequest,
  AssistantAnswer,
  AssistantCallOptions,
  AssistantProvider,
  EnhanceRequest
} from '../assistant';
import { malformedAnswerError, ProviderError } from '../errors';
import { chooseModels, ZListedModel, type ListedModel, type ModelChoice } from './catalog';
import { CLAUDE_VENDOR, priceOf, usdFor, type TokenPrice } from './models';
import { analysisResult, enhanceResult } from './replies';
import { analyzeCall, enhanceCall, INSTRUCTION_CHARACTERS, MAX_OUTPUT_TOKENS, type ToolCall } from './requests';
import { sendToClaude, type AnthropicConnection } from './transport';

export type AnthropicAssistantOptions = AnthropicConnection & {
  models: ModelChoice;
  /** USD per million tokens over the built-in table (ANTHROPIC_PRICES). */
  prices: Record<string, TokenPrice>;
};

/** Where the adapter reports malformed answers and the model check (pino's logger fits). */
export type AssistantLog = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
};

/**
 * A malformed answer is asked for once more (with twice the output tokens when it was cut off at
 * `max_tokens`); then the call fails with `provider_error`.
 */
const ATTEMPTS = 2;
/** What the attempts can spend at most, in units of the first attempt's output tokens: 1 + 2. */
const OUTPUT_TOKEN_BOUND = 3;
/** The long edge the analyze service downscales to: Claude bills at most this many pixels. */
const MAX_BILLED_PIXELS = 1568 * 1568;
/** The start-up model check must not hold the start for long. */
const MODEL_CHECK_TIMEOUT_MS = 10_000;

/** Characters per token, counted low so the estimate is an upper bound for prose. */
const CHARACTERS_PER_TOKEN = 3;

/**
 * Claude (Anthropic's Messages API, official SDK) as Atelier's assistant: forced strict tools answer in a
 * fixed shape that zod checks again; refusals, rate limits, overloads and timeouts become the error kinds
 * every door knows; usage tokens are priced per model.
 */
export function createAnthropicAssistant(options: AnthropicAssistantOptions, log: AssistantLog): AssistantProvider {
  let models: ModelChoice = { ...options.models };

  async function callTool<Reply>(
    model: string,
    call: ToolCall<Reply>,
    signal?: AbortSignal
  ): Promise<AssistantAnswer<Reply>> {
    const usage = { inputTokens: 0, outputTokens: 0 };
    const costUsd = () => usdFor(priceOf(model, options.prices), usage);
    let problem = '';
    let maxTokens = call.maxTokens;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const params = call.params(model, maxTokens);
      const message = await sendToClaude(
        options,
        (client, deadlineSignal) => client.messages.create(params, { signal: deadlineSignal }),
        signal
      ).catch((error: unknown) => {
        if (error instanceof SyntaxError) return undefined;
        throw error;
      });
      if (!message) {
        problem = 'the answer was not valid JSON';
        log.warn({ model, attempt, problem }, 'Claude sent a malformed answer');
        continue;
      }
      usage.inputTokens += message.usage.input_tokens;
      usage.outputTokens += message.usage.output_tokens;
      if (message.stop_reason === 'refusal') {
        throw new ProviderError(
          'content_policy',
          'Claude declined this request for safety reasons; rephrase the prompt or use another image.',
          { providerId: CLAUDE_VENDOR.providerId, beforePaidWork: false, costUsd: costUsd(), reason: 'refusal' }
        );
      }
      const block = message.content.find((content) => content.type === 'tool_use' && content.name === call.tool);
      const reply = call.reply.safeParse(block?.type === 'tool_use' ? block.input : undefined);
      if (reply.success) return { result: reply.data, model: message.model, usage, costUsd: costUsd() };
      if (message.stop_reason === 'max_tokens') maxTokens *= 2;
      problem =
        message.stop_reason === 'max_tokens'
          ? `it was cut off at ${params.max_tokens} output tokens`
          : block
            ? `its ${call.tool} input did not match the schema (${reply.error.issues[0]?.path.join('.')}: ${reply.error.issues[0]?.message})`
            : `it did not call ${call.tool} (stop reason ${message.stop_reason})`;
      log.warn({ model, attempt, problem, requestId: message.id }, 'Claude sent a malformed answer');
    }
    throw malformedAnswerError(CLAUDE_VENDOR, `${problem} (asked twice)`, undefined, costUsd());
  }

  async function listModels(signal?: AbortSignal): Promise<ListedModel[]> {
    return sendToClaude(
      { ...options, timeoutMs: Math.min(options.timeoutMs, MODEL_CHECK_TIMEOUT_MS) },
      async (client, deadlineSignal) => {
        const listed: ListedModel[] = [];
        for await (const model of client.models.list({ limit: 100 }, { signal: deadlineSignal })) {
          const entry = ZListedModel.safeParse(model);
          if (entry.success) listed.push(entry.data);
        }
        return listed;
      },
      signal
    );
  }

  return {
    id: 'claude',
    models: () => models,

    estimateUsd(operation, input) {
      const characters = INSTRUCTION_CHARACTERS[operation] + (input.promptLength ?? 0);
      const imageTokens = Math.ceil(Math.min(input.imagePixels ?? 0, MAX_BILLED_PIXELS) / 750);
      const usage = {
        inputTokens: Math.ceil(characters / CHARACTERS_PER_TOKEN) + imageTokens,
        outputTokens: MAX_OUTPUT_TOKENS[operation]
      };
      const bound = {
        inputTokens: ATTEMPTS * usage.inputTokens,
        outputTokens: OUTPUT_TOKEN_BOUND * usage.outputTokens
      };
      return usdFor(priceOf(models[operation], options.prices), bound);
    },

    async enhancePrompt(request: EnhanceRequest, callOptions: AssistantCallOptions = {}) {
      const answer = await callTool(models.enhance, enhanceCall(request), callOptions.signal);
      return { ...answer, result: enhanceResult(answer.result, request.target) };
    },

    async analyzeImage(request: AnalyzeRequest, callOptions: AssistantCallOptions = {}) {
      const answer = await callTool(models.analyze, analyzeCall(request), callOptions.signal);
      return { ...answer, result: analysisResult(answer.result) };
    },

    async checkModels(signal?: AbortSignal) {
      const listing = await listModels(signal);
      const { models: chosen, replacements } = chooseModels(options.models, listing);
      for (const { operation, configured, replacement } of replacements) {
        log.warn(
          { operation, configured, replacement },
          `Claude model ${configured} (for ${operation}) is not in this account's model list (retired?); using ${replacement} instead. Set ANTHROPIC_${operation.toUpperCase()}_MODEL to choose.`
        );
      }
      if (listing.length === 0) log.warn({}, 'Claude listed no models; keeping the configured ones');
      else log.info({ models: listing.map((model) => model.id), chosen }, 'Claude models checked');
      models = chosen;
    }
  };
}
