import type {
  CallWarning,
  GenerateCall,
  GenerateResult,
  ImageProviderV1,
  InputImage,
  ModelCapabilities
} from '../../providers/types';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { planEdit } from './plan-edit';
import { planGeneration } from './plan-generate';
import type { OperationRequest } from './request';

/** One vendor call of a plan: which images (rows `first … first + count - 1`) and the first one's seed. */
export type PlannedCall = { first: number; count: number; seed?: number };

/** What the pipeline hands a call besides its images: the signal and where to note a long job's id. */
export type CallControl = Pick<GenerateCall, 'signal' | 'onJobStarted'>;

/**
 * Everything decided before a row exists or a cent is spent; validated once here, so adapters trust it.
 * `invoke` is the operation's only own step: the rest of the pipeline is the same for every operation.
 */
export type OperationPlan = {
  operation: OperationRequest['operation'];
  provider: ImageProviderV1;
  model: ModelCapabilities;
  size: string;
  width: number;
  height: number;
  count: number;
  /** Per image: the seed the pipeline asks for (undefined where the model takes none). */
  seeds: (number | undefined)[];
  calls: PlannedCall[];
  /** What each row records before its call. */
  row: {
    prompt: string;
    negativePrompt?: string;
    quality?: string;
    style?: string;
    steps?: number;
    cfgScale?: number;
    /** Edits: the library image the result was made from, the operation and its strength. */
    parentImageId?: string;
    editType?: string;
    strength?: number;
    /** A seeded generate request's key in the cache (`cache.ts`); absent where the result is not repeatable. */
    cacheKey?: string;
  };
  /** An inpaint's normalized mask (white = change), stored once and recorded on every row. */
  mask?: InputImage;
  /** Known before the call: lifecycle, alias translations and knobs the model ignores. */
  warnings: CallWarning[];
  perImageUsd: number;
  estimateMicros: number;
  invoke(call: PlannedCall, control: CallControl): Promise<GenerateResult>;
};

export function planOperation(deps: Pick<Deps, 'providers'>, actor: Actor, request: OperationRequest): OperationPlan {
  switch (request.operation) {
    case 'generate':
      return planGeneration(deps, actor, request);
    default:
      return planEdit(deps, actor, request);
  }
}
