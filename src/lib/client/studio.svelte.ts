import { createContext } from 'svelte';
import { HISTORY_PAGE_SIZE, MAX_SEED } from './constants';
import { handleError } from './errors';
import { unsupportedKnobNote } from './format';
import {
  trpc,
  type GenerateInput,
  type HistoryPage,
  type Image,
  type ImageWarning,
  type Knob,
  type Provider
} from './trpc';

export type StudioLimits = {
  /** Longest prompt the server accepts, in characters. */
  promptLength: number;
  /** Most images one generate request may ask for. */
  imagesPerRequest: number;
};

export type StudioInit = { providers: Provider[]; history: HistoryPage; limits: StudioLimits };

const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
const BACKGROUNDS = ['transparent', 'opaque', 'auto'] as const;

/** Share of the prompt limit from which the counter warns. */
const PROMPT_WARNING_RATIO = 0.9;

type Gallery = { images: Image[]; index: number };

/** The studio page's state: the form, the last results, the history and the open image. */
export class Studio {
  readonly limits: StudioLimits;
  providers: Provider[] = $state([]);

  providerId = $state('');
  modelId = $state('');
  prompt = $state('');
  size = $state('');
  count = $state(1);
  /** Null when blank: a cleared number input binds null. */
  seed: number | null = $state(null);
  style = $state('');
  quality = $state('');
  negativePrompt = $state('');
  steps: number | null = $state(null);
  cfgScale: number | null = $state(null);
  outputFormat = $state('');
  background = $state('');
  /** Lets another configured provider take over when this one refuses before doing paid work. */
  fallback = $state(false);

  generating = $state(false);
  /** How many images the running request asked for, for its placeholder tiles. */
  pendingCount = $state(0);
  results: Image[] = $state([]);
  warnings: ImageWarning[] = $state([]);
  error: string | null = $state(null);

  history: Image[] = $state([]);
  historyTotal = $state(0);
  loadingHistory = $state(false);
  historyError: string | null = $state(null);
  #nextCursor: string | null = $state(null);

  #gallery: Gallery | null = $state(null);

  provider = $derived(this.providers.find((provider) => provider.id === this.providerId));
  model = $derived(this.provider?.models.find((model) => model.id === this.modelId));
  promptNearLimit = $derived.by(() => this.prompt.length >= this.limits.promptLength * PROMPT_WARNING_RATIO);
  promptOverLimit = $derived.by(() => this.prompt.length > this.limits.promptLength);
  hasMoreHistory = $derived(this.#nextCursor !== null);
  viewed = $derived(this.#gallery ? (this.#gallery.images[this.#gallery.index] ?? null) : null);
  viewedPosition = $derived(this.#gallery ? { index: this.#gallery.index, of: this.#gallery.images.length } : null);

  constructor(init: StudioInit) {
    this.limits = init.limits;
    this.providers = init.providers;
    this.history = init.history.images;
    this.historyTotal = init.history.total;
    this.#nextCursor = init.history.nextCursor;
    const first = init.providers[0];
    if (first) this.selectProvider(first.id);
  }

  honours = (knob: Knob): boolean => this.model?.knobs.includes(knob) ?? false;

  /** Why the control of `knob` is turned off, or undefined when the model uses it. */
  unsupportedNote = (knob: Knob): string | undefined =>
    this.honours(knob) ? undefined : unsupportedKnobNote(this.model?.label ?? 'This model', knob);

  selectProvider = (providerId: string) => {
    const provider = this.providers.find((candidate) => candidate.id === providerId);
    if (!provider) return;
    this.providerId = provider.id;
    this.selectModel(provider.defaultModel);
  };

  /** Keeps the settings the new model also offers and resets the rest to its defaults. */
  selectModel = (modelId: string) => {
    const model = this.provider?.models.find((candidate) => candidate.id === modelId);
    if (!model) return;
    this.modelId = model.id;
    if (!model.sizes.includes(this.size)) this.size = model.defaultSize;
    if (!model.styles.includes(this.style)) this.style = '';
    if (!model.qualities.includes(this.quality)) this.quality = '';
    if (!model.outputFormats.includes(this.outputFormat)) this.outputFormat = '';
    if (!model.backgrounds.includes(this.background)) this.background = '';
  };

  /**
   * The request as `images.estimate` sees it: the prompt's words change neither price nor warnings, so a
   * fixed stand-in keeps typing from asking the server again.
   */
  estimateInput = $derived.by((): GenerateInput => ({ ...this.#request(), prompt: 'cost estimate' }));

  randomizeSeed = () => {
    this.seed = Math.floor(Math.random() * (MAX_SEED + 1));
  };

  generate = async () => {
    if (this.generating) return;
    this.generating = true;
    this.pendingCount = this.count;
    this.error = null;
    try {
      const outcome = await trpc.images.generate.mutate(this.#request());
      this.results = outcome.images;
      this.warnings = outcome.warnings;
      this.#addToHistory(outcome.images);
    } catch (error) {
      const message = handleError(
        error,
        'Atelier could not be reached to generate the image; check that the server is running and try again.'
      );
      if (message) this.error = message;
    } finally {
      this.generating = false;
      this.pendingCount = 0;
    }
  };

  loadMoreHistory = async () => {
    if (!this.#nextCursor || this.loadingHistory) return;
    this.loadingHistory = true;
    this.historyError = null;
    try {
      const page = await trpc.images.history.query({ limit: HISTORY_PAGE_SIZE, cursor: this.#nextCursor });
      const known = this.history.map((image) => image.id);
      this.history = [...this.history, ...page.images.filter((image) => !known.includes(image.id))];
      this.historyTotal = page.total;
      this.#nextCursor = page.nextCursor;
    } catch (error) {
      this.historyError = handleError(error, 'Older images could not be loaded; try again.');
    } finally {
      this.loadingHistory = false;
    }
  };

  open = (images: Image[], index: number) => {
    if (images[index]) this.#gallery = { images, index };
  };

  close = () => {
    this.#gallery = null;
  };

  showNext = () => this.#step(1);
  showPrevious = () => this.#step(-1);

  /** Fills the form with everything that made `image`, seed included, so one press renders exactly it again. */
  reuse = (image: Image) => {
    this.count = 1;
    this.selectProvider(image.provider);
    this.selectModel(image.model);
    this.prompt = image.prompt;
    this.size = this.model?.sizes.includes(image.size) ? image.size : (this.model?.defaultSize ?? image.size);
    this.seed = image.seed;
    this.style = image.style ?? '';
    this.quality = image.quality ?? '';
    this.negativePrompt = image.negativePrompt ?? '';
    this.steps = image.steps;
    this.cfgScale = image.cfgScale;
  };

  #step(by: number) {
    const gallery = this.#gallery;
    if (!gallery || gallery.images.length < 2) return;
    const count = gallery.images.length;
    this.#gallery = { images: gallery.images, index: (gallery.index + by + count) % count };
  }

  /** Settings the model does not honour are left out rather than sent to be ignored. */
  #request(): GenerateInput {
    const negativePrompt = this.negativePrompt.trim();
    return {
      prompt: this.prompt,
      provider: this.providerId || undefined,
      model: this.modelId || undefined,
      size: this.size || undefined,
      count: this.count,
      seed: this.honours('seed') ? (this.seed ?? undefined) : undefined,
      style: this.honours('style') && this.style ? this.style : undefined,
      quality: this.honours('quality') && this.quality ? this.quality : undefined,
      negativePrompt: this.honours('negativePrompt') && negativePrompt ? negativePrompt : undefined,
      steps: this.honours('steps') ? (this.steps ?? undefined) : undefined,
      cfgScale: this.honours('cfgScale') ? (this.cfgScale ?? undefined) : undefined,
      outputFormat: this.honours('outputFormat') && this.outputFormat ? this.#outputFormat() : undefined,
      background: this.honours('background') && this.background ? this.#background() : undefined,
      fallback: this.fallback
    };
  }

  #outputFormat(): GenerateInput['outputFormat'] {
    return OUTPUT_FORMATS.find((format) => format === this.outputFormat);
  }

  #background(): GenerateInput['background'] {
    return BACKGROUNDS.find((background) => background === this.background);
  }

  #addToHistory(images: Image[]) {
    const added = images.map((image) => image.id);
    this.history = [...images, ...this.history.filter((image) => !added.includes(image.id))];
    this.historyTotal += images.length;
  }
}

export const [useStudio, setStudio] = createContext<Studio>();
