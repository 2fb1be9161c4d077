import type { ImageSafety } from '../../db/schema';
import { AppError } from '../../errors';
import { classifyNsfw, nsfwModel, nsfwScore } from '../../images';
import type { Deps } from '../deps';
import { getSafetySettings } from './settings';

type ImageSafetyDeps = Pick<Deps, 'db' | 'config' | 'clock'>;

/** A generated or edited image a provider returned, or an image a person brought to edit. */
export type CheckedImage = 'output' | 'upload';

function refusal(checked: CheckedImage, score: number, threshold: number): AppError {
  const what = checked === 'output' ? 'The generated image' : 'The uploaded image';
  const after = checked === 'output' ? ' It was not kept; the provider call is still charged.' : '';
  return new AppError(
    'content_policy',
    `${what} was flagged as sexual content by the NSFW classifier (score ${score.toFixed(2)}, this instance ` +
      `refuses ${threshold.toFixed(2)} and above).${after}`
  );
}

/**
 * The NSFW classifier's verdict on an image when the instance runs it (null when it does not), loading the
 * model on first use. An image at or above the threshold is refused with `content_policy` under the `block`
 * policy, kept flagged (blurred in the studio) under `blur`, and kept unflagged under `allow`, where only
 * its score is recorded.
 */
export async function checkImageSafety(
  deps: ImageSafetyDeps,
  bytes: Uint8Array,
  checked: CheckedImage
): Promise<ImageSafety | null> {
  const settings = await getSafetySettings(deps);
  if (!settings.nsfwClassifierEnabled) return null;
  const classes = await classifyNsfw(await nsfwModel(deps.config.nsfwModelDirectory), bytes);
  const score = nsfwScore(classes);
  const aboveThreshold = score >= settings.nsfwThreshold;
  if (aboveThreshold && settings.contentPolicy === 'block') throw refusal(checked, score, settings.nsfwThreshold);
  const flagged = aboveThreshold && settings.contentPolicy === 'blur';
  return { nsfwScore: score, classes, flagged, checkedAt: deps.clock().toISOString() };
}
