import { saveImageAnalysis } from '../../db/repositories/generated-images';
import type { ImageAnalysis } from '../../db/schema';
import { measurePixels, visionCopy, type VisionCopy } from '../../images';
import type { AssistantProvider } from '../../providers/assistant';
import type { InputImage } from '../../providers/types';
import { runAssistantCall, type AssistantCallAnswer } from '../assistant-calls';
import type { Deps } from '../deps';
import { loadImage, type ImageReference } from '../image-inputs';
import type { Actor } from '../users';
import { describeLocally, type AnalysisFindings } from './describe-locally';

type AnalysisDeps = Pick<Deps, 'db' | 'storage' | 'clock' | 'log' | 'config' | 'assistant'>;

export type AnalyzeOutcome = {
  /** The library image the analysis was saved with; null for an image from outside the library. */
  imageId: string | null;
  analysis: ImageAnalysis;
  costUsd: number;
};

/**
 * Analyzes an image — a library image of the caller's (another user's answers not_found), inline bytes or
 * a fetched URL, read like an edit's source — with Claude vision when an assistant is configured, else from
 * its pixel statistics. Paid and recorded through `runAssistantCall`; a library image keeps the analysis.
 */
export async function analyzeImage(
  deps: AnalysisDeps,
  actor: Actor,
  reference: ImageReference,
  signal?: AbortSignal
): Promise<AnalyzeOutcome> {
  const { image, row } = await loadImage(deps, actor, reference, { signal });
  // Claude is sent, and priced on, the downscaled copy.
  const vision = deps.assistant ? { assistant: deps.assistant, copy: await visionCopy(image.bytes) } : null;
  const source = vision ? 'claude' : 'local';
  const answer = await runAssistantCall(deps, actor, {
    operation: 'analyze',
    source,
    estimateUsd: vision
      ? vision.assistant.estimateUsd('analyze', { imagePixels: vision.copy.width * vision.copy.height })
      : 0,
    imageId: row?.id,
    run: () => (vision ? analyzeWithAssistant(vision, signal) : analyzeLocally(image, row?.safety?.nsfwScore))
  });
  const analysis: ImageAnalysis = {
    source,
    model: answer.model,
    analyzedAt: deps.clock().toISOString(),
    ...answer.result
  };
  if (row) await saveImageAnalysis(deps.db, actor.id, row.id, analysis);
  return { imageId: row?.id ?? null, analysis, costUsd: answer.costUsd };
}

async function analyzeWithAssistant(
  { assistant, copy }: { assistant: AssistantProvider; copy: VisionCopy },
  signal?: AbortSignal
): Promise<AssistantCallAnswer<AnalysisFindings>> {
  const answer = await assistant.analyzeImage({ bytes: copy.bytes, mediaType: copy.mediaType }, { signal });
  return { ...answer, result: { ...answer.result, metrics: null } };
}

async function analyzeLocally(image: InputImage, nsfwScore?: number): Promise<AssistantCallAnswer<AnalysisFindings>> {
  const findings = describeLocally(await measurePixels(image.bytes), nsfwScore ?? null);
  return { result: findings, model: null, usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0 };
}
