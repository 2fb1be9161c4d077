import { encodeRgba } from '$lib/server/images';
import type { EditCall, GenerateCall, ImageProviderV1, ModelCapabilities } from '$lib/server/providers/types';

export const PAID_PROVIDER_ID = 'paid';
export const PAID_STANDARD_MODEL = 'paid-standard';
export const PAID_PREMIUM_MODEL = 'paid-premium';
export const PAID_EDITOR_MODEL = 'paid-editor';
export const PAID_IMAGE_SIZE = 64;

export type PaidTestProvider = ImageProviderV1 & {
  /** Every call the provider answered, in order. */
  readonly calls: GenerateCall[];
  /** Every edit call, in order. */
  readonly editCalls: EditCall[];
};

function paidModel(
  id: string,
  perImageUsd: number,
  operations: ModelCapabilities['operations'] = ['generate']
): ModelCapabilities {
  return {
    id,
    label: id,
    description: `A test model that bills $${perImageUsd} per image and returns a flat ${PAID_IMAGE_SIZE}px square.`,
    operations,
    sizes: [`${PAID_IMAGE_SIZE}x${PAID_IMAGE_SIZE}`],
    defaultSize: `${PAID_IMAGE_SIZE}x${PAID_IMAGE_SIZE}`,
    maxImagesPerCall: 4,
    knobs: [],
    maxPromptLength: 120,
    textRendering: false,
    price: { description: `$${perImageUsd} per image`, unit: 'image', perImageUsd: () => perImageUsd },
    lifecycle: { status: 'active' }
  };
}

let tinyPng: Promise<Uint8Array> | undefined;

/** One small real PNG, encoded once per run, so hundreds of calls stay fast. */
function tinyPngBytes(): Promise<Uint8Array> {
  tinyPng ??= encodeRgba(
    new Uint8Array(PAID_IMAGE_SIZE * PAID_IMAGE_SIZE * 4).fill(180),
    PAID_IMAGE_SIZE,
    PAID_IMAGE_SIZE
  );
  return tinyPng;
}

/**
 * A provider that charges like a hosted one ($0.04 per standard image, $0.08 per premium one by default)
 * and answers with real PNGs, for budget and policy tests.
 */
export function createPaidTestProvider(
  options: {
    id?: string;
    standardUsd?: number;
    premiumUsd?: number;
    /** Makes every call fail with this error, after recording it (a vendor outage, a refusal). */
    failWith?: () => Error;
  } = {}
): PaidTestProvider {
  const models = [
    paidModel(PAID_STANDARD_MODEL, options.standardUsd ?? 0.04),
    paidModel(PAID_PREMIUM_MODEL, options.premiumUsd ?? 0.08),
    paidModel(PAID_EDITOR_MODEL, options.standardUsd ?? 0.04, ['inpaint', 'variation', 'upscale'])
  ];
  const calls: GenerateCall[] = [];
  const editCalls: EditCall[] = [];
  return {
    specificationVersion: 'v1',
    id: options.id ?? PAID_PROVIDER_ID,
    label: 'Paid (test)',
    kind: 'test double billing like a hosted provider',
    models,
    defaultModel: PAID_STANDARD_MODEL,
    calls,
    editCalls,
    async edit(call) {
      editCalls.push(call);
      if (options.failWith) throw options.failWith();
      const scale = call.operation === 'upscale' ? (call.scale ?? 2) : 1;
      const [width, height] = [call.image.width * scale, call.image.height * scale];
      const bytes = await encodeRgba(new Uint8Array(width * height * 4).fill(90), width, height);
      return {
        images: Array.from({ length: call.count }, () => ({ bytes, mediaType: 'image/png' as const })),
        warnings: [],
        costUsd: call.count * (options.standardUsd ?? 0.04)
      };
    },
    async generate(call) {
      const model = models.find((candidate) => candidate.id === call.model);
      if (!model) throw new Error(`The paid test provider has no model ${call.model}.`);
      calls.push(call);
      if (options.failWith) throw options.failWith();
      const bytes = await tinyPngBytes();
      return {
        images: Array.from({ length: call.count }, () => ({ bytes, mediaType: 'image/png' as const })),
        warnings: [],
        costUsd: call.count * model.price.perImageUsd(call)
      };
    }
  };
}
