import { z } from 'zod';
import { downloadVendorImage, sniffMediaType } from '../download';
import { malformedAnswerError } from '../errors';
import type { CallWarning, GenerateResult, ProducedImage } from '../types';
import type { VendorCall } from './client';
import type { PricedAs } from './map';
import { OPENAI_LABEL, OPENAI_PROVIDER_ID, type OpenAIModel } from './models';
import { costFromUsage } from './pricing';

/** ImagesResponse (shared/providers/openai-images.md, "Response"); the echoes say what was really used. */
const ZImagesResponse = z.object({
  data: z
    .array(
      z.object({
        b64_json: z.string().nullish(),
        url: z.string().nullish(),
        revised_prompt: z.string().nullish()
      })
    )
    .min(1),
  usage: z
    .object({
      input_tokens: z.number().nonnegative(),
      output_tokens: z.number().nonnegative(),
      input_tokens_details: z
        .object({ text_tokens: z.number().nonnegative().optional(), image_tokens: z.number().optional() })
        .nullish()
    })
    .nullish(),
  size: z.string().nullish(),
  quality: z.string().nullish(),
  background: z.string().nullish(),
  output_format: z.string().nullish()
});

type ImagesAnswer = z.infer<typeof ZImagesResponse>;

const malformed = (what: string, cause?: unknown) =>
  malformedAnswerError(OPENAI_PROVIDER_ID, OPENAI_LABEL, what, cause);

async function parseBody(response: Response): Promise<ImagesAnswer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw malformed('the body is not JSON', error);
  }
  const parsed = ZImagesResponse.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(`not an images response (${issue?.path.join('.') || 'body'}: ${issue?.message})`, parsed.error);
  }
  return parsed.data;
}

async function toImage(
  entry: ImagesAnswer['data'][number],
  index: number,
  download: { signal: AbortSignal; fetch?: typeof fetch }
): Promise<ProducedImage> {
  const revisedPrompt = entry.revised_prompt ? { revisedPrompt: entry.revised_prompt } : {};
  if (entry.b64_json) {
    const bytes = new Uint8Array(Buffer.from(entry.b64_json, 'base64'));
    const mediaType = sniffMediaType(bytes);
    if (!mediaType) throw malformed(`image ${index + 1} is not a PNG, JPEG or WebP image`);
    return { bytes, mediaType, ...revisedPrompt };
  }
  if (entry.url) {
    return { ...(await downloadVendorImage(OPENAI_PROVIDER_ID, OPENAI_LABEL, entry.url, download)), ...revisedPrompt };
  }
  throw malformed(`image ${index + 1} has neither b64_json nor url`);
}

/** The echoed size when it is a real `WxH`; `auto` and absent leave what was asked. */
function pricedSize(answer: ImagesAnswer, asked: PricedAs): PricedAs {
  const echoed = /^(\d+)x(\d+)$/.exec(answer.size ?? '');
  const quality = answer.quality ?? asked.quality;
  return {
    width: echoed ? Number(echoed[1]) : asked.width,
    height: echoed ? Number(echoed[2]) : asked.height,
    ...(quality && { quality })
  };
}

/**
 * Reads a 2xx answer into Atelier's result: images decoded or downloaded, the cost from the answer's
 * token `usage` where the model has token prices, else per image, and what billing and support need.
 */
export async function readImagesAnswer(
  response: Response,
  context: {
    model: OpenAIModel;
    vendor: VendorCall;
    warnings: CallWarning[];
    pricedAs: PricedAs;
    fetch?: typeof fetch;
  }
): Promise<GenerateResult> {
  const { model, vendor } = context;
  const answer = await parseBody(response);
  const images = await Promise.all(
    answer.data.map((entry, index) => toImage(entry, index, { signal: vendor.signal, fetch: context.fetch }))
  );
  const usage = answer.usage ?? undefined;
  const costUsd =
    usage && model.tokenPrices
      ? costFromUsage(model.tokenPrices, usage)
      : images.length * model.price.perImageUsd(pricedSize(answer, context.pricedAs));
  const vendorRequestId = response.headers.get('x-request-id');
  const echoed = {
    size: answer.size,
    quality: answer.quality,
    background: answer.background,
    outputFormat: answer.output_format
  };
  return {
    images,
    warnings: context.warnings,
    costUsd,
    providerMetadata: {
      retries: vendor.retries(),
      ...(vendorRequestId && { vendorRequestId }),
      ...(usage && { usage }),
      ...Object.fromEntries(Object.entries(echoed).filter(([, value]) => value))
    }
  };
}
