import { createContext } from 'svelte';
import { batchAnnouncement } from './accessible-text';
import { groupIntoBatches } from './batches';
import { splitError, type FormField } from './field-errors';
import type { FormSettings } from './form-draft';
import { HISTORY_PAGE_SIZE, MAX_SEED } from './constants';
import { handleError } from './errors';
import { ImageActions } from './image-actions.svelte';
import { Presets } from './presets.svelte';
import { PromptEnhancer } from './prompt-enhancer.svelte';
import { SourceImage } from './source-image.svelte';
import { unsupportedKnobNote } from './format';
import type { RecalledSettings } from './recall-settings';
import {
  trpc,
  type GenerateInput,
  type EditOutcome,
  type GenerateProgress,
  type HistoryPage,
  type Image,
  type ImageWarning,
  type Knob,
  type Model,
  type Provider
} from './trpc';

export type StudioLimits = {
  /** Longest prompt the server accepts, in characters. */
  promptLength: number;
  /** Most images one generate request may ask for. */
  imagesPerRequest: number;
  /** The instance's own cap, which an account's limit never raises. */
  instanceImagesPerRequest: number;
};

/** The library page has its own listing, so it starts the studio (for the lightbox) with an empty history. */
export type StudioInit = {
  providers: Provider[];
  history: Pick<HistoryPage, 'images' | 'total' | 'nextCursor'>;
  limits: StudioLimits;
};

const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
const BACKGROUNDS = ['transparent', 'opaque', 'auto'] as const;

/** The model whose named looks Restyle lists (providers/local/models.ts). */
const RESTYLE_LOOKS = { provider: 'local', model: 'color-transfer' } as const;

/** Share of the prompt limit from which the counter warns. */
const PROMPT_WARNING_RATIO = 0.9;

/** The offline renderer is never a fallback (it draws no subjects), as the server decides too. */
const NEVER_A_FALLBACK = 'local';

/** Stands in for the prompt when estimating: its words change neither the price nor the warnings. */
const ESTIMATE_PROMPT = 'cost estimate';

type Gallery = { images: Image[]; index: number };

/** Where one image of the running request is: not at the provider yet, being made, or ended. */
export type TileState = 'waiting' | 'making' | 'stored' | 'failed' | 'canceled';

/** One image of the running request; `image` once it ended. */
export type BatchTile = { state: TileState; image: Image | null };

/** After Cancel, how often and how far apart the history is read until the server has ended every image. */
const SETTLE_ATTEMPTS = 20;
const SETTLE_INTERVAL_MS = 250;

const ENDED_STATES: Partial<Record<Image['status'], TileState>> = {
  completed: 'stored',
  failed: 'failed',
  canceled: 'canceled'
};

/** The studio page's state: the form, the last results, the history and the open image. */
export class Studio {
  /** Read again from the server when it refuses a count, since an admin may have changed them meanwhile. */
  limits: StudioLimits;
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
  /** Lets an identical seeded request made before answer with its images, for free. */
  reuseCached = $state(true);
  /** After each request the seed field takes the seed it used, so the next prompt varies the same picture. */
  keepSeed = $state(false);
  /** What the form held before the last Reuse settings or recall filled it, for Undo. */
  #beforeRecall: FormSettings | null = null;

  generating = $state(false);
  /** Cancel was pressed; the server is ending the unfinished images. */
  canceling = $state(false);
  /** The running request's images, one tile each, filled in as the server reports them. */
  batch: BatchTile[] = $state([]);
  /** The images of each request made on this page, newest first; the earlier ones stay on show. */
  runs: Image[][] = $state([]);
  /** The last request's images. */
  results = $derived(this.runs[0] ?? []);
  warnings: ImageWarning[] = $state([]);
  /** What the last result saved when it came from the cache (an identical earlier request's images); else null. */
  cacheSavedUsd: number | null = $state(null);
  error: string | null = $state(null);
  /** Refusals about one field, shown beside it until it is edited. */
  fieldErrors: Partial<Record<FormField, string>> = $state({});
  /** Counts the refusals shown beside a field, so the form can move focus to each new one. */
  fieldRefusals = $state(0);
  /** After the server refused the count: the most this account may ask for now. */
  countOffer: number | null = $state(null);
  /** What the page's polite live region says: a request starting, then how it ended ("4 images ready"). */
  announcement = $state('');

  history: Image[] = $state([]);
  /** The history by request, leaving out the requests `runs` already shows. */
  historyBatches = $derived.by(() => {
    const shown = this.runs.flat().map((image) => image.id);
    return groupIntoBatches(this.history.filter((image) => !shown.includes(image.id)));
  });
  historyTotal = $state(0);
  loadingHistory = $state(false);
  historyError: string | null = $state(null);
  #nextCursor: string | null = $state(null);

  #gallery: Gallery | null = $state(null);
  /** The lightbox shows the mask editor instead of the image's details. */
  editing = $state(false);

  /** Edits of the viewed image; their results show like a request's and open in the lightbox. */
  actions = new ImageActions((outcome) => this.#showEdited(outcome));
  /** The image the next edit starts from (dropped, pasted, picked or "Use as input"). */
  source = new SourceImage((image) => this.#addToHistory([image]));
  /** Style presets and prompt templates that fill this form. */
  presets = new Presets(this);
  /** Enhance: a better prompt for the chosen model, accepted or dismissed, and undone. */
  enhancer = new PromptEnhancer(this);

  provider = $derived(this.providers.find((provider) => provider.id === this.providerId));
  model = $derived(this.provider?.models.find((model) => model.id === this.modelId));
  /** The providers with the models that draw from a prompt (the studio only generates). */
  generators = $derived(
    this.providers
      .map((provider) => ({ ...provider, models: provider.models.filter(canGenerate) }))
      .filter((provider) => provider.models.length > 0)
  );
  /** Another configured provider could take over, so offering the fallback means something. */
  canFallBack = $derived(this.generators.filter((provider) => provider.id !== NEVER_A_FALLBACK).length > 1);
  /** The named looks Restyle offers: the styles of the offline colour transfer. */
  looks = $derived(
    this.providers
      .find((provider) => provider.id === RESTYLE_LOOKS.provider)
      ?.models.find((model) => model.id === RESTYLE_LOOKS.model)?.styles ?? []
  );
  /** The configured models that remove backgrounds, as "Provider / Model"; none offline. */
  backgroundRemovers = $derived(
    this.providers.flatMap((provider) =>
      provider.models
        .filter((model) => model.operations.includes('removeBackground'))
        .map((model) => `${provider.label} / ${model.label}`)
    )
  );
  promptNearLimit = $derived.by(() => this.prompt.length >= this.limits.promptLength * PROMPT_WARNING_RATIO);
  promptOverLimit = $derived.by(() => this.prompt.length > this.limits.promptLength);
  /** Why Generate is off: the checks the server would make of the prompt and the count, made while typing. */
  blocker = $derived.by((): string | null => {
    if (!this.prompt.trim()) return 'Write a prompt to generate.';
    const over = this.prompt.length - this.limits.promptLength;
    if (over > 0)
      return `The prompt is ${over.toLocaleString('en-US')} ${over === 1 ? 'character' : 'characters'} over the limit; shorten it.`;
    const most = this.limits.imagesPerRequest;
    if (this.count > most)
      return `Your account may generate at most ${most} ${most === 1 ? 'image' : 'images'} at once.`;
    return null;
  });
  hasMoreHistory = $derived(this.#nextCursor !== null);
  batchEnded = $derived(this.batch.filter((tile) => tile.image !== null).length);
  #abort: AbortController | null = null;
  viewed = $derived(this.#gallery ? (this.#gallery.images[this.#gallery.index] ?? null) : null);
  viewedPosition = $derived(this.#gallery ? { index: this.#gallery.index, of: this.#gallery.images.length } : null);

  constructor(init: StudioInit) {
    this.limits = $state(init.limits);
    this.providers = init.providers;
    this.history = init.history.images;
    this.historyTotal = init.history.total;
    this.#nextCursor = init.history.nextCursor;
    const first = this.generators[0];
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
    const generating = provider.models.filter(canGenerate);
    const model = generating.find((candidate) => candidate.id === provider.defaultModel) ?? generating[0];
    if (model) this.selectModel(model.id);
  };

  /** Keeps the settings the new model also has and clears or resets the rest. */
  selectModel = (modelId: string) => {
    const model = this.provider?.models.find((candidate) => candidate.id === modelId);
    if (!model) return;
    this.modelId = model.id;
    const has = (knob: Knob) => model.knobs.includes(knob);
    if (!model.sizes.includes(this.size)) this.size = model.defaultSize;
    if (!has('style') || !model.styles.includes(this.style)) this.style = '';
    if (!has('quality') || !model.qualities.includes(this.quality)) this.quality = '';
    if (!has('outputFormat') || !model.outputFormats.includes(this.outputFormat)) this.outputFormat = '';
    if (!has('background') || !model.backgrounds.includes(this.background)) this.background = '';
    if (!has('seed')) this.seed = null;
    if (!has('steps')) this.steps = null;
    if (!has('cfgScale')) this.cfgScale = null;
    if (!has('negativePrompt')) this.negativePrompt = '';
  };

  /**
   * The request as `images.estimate` sees it: only what changes the price or the warnings, so typing a
   * prompt, a seed or a step count asks the server nothing. Seed, steps, guidance and negative prompt are
   * sent only to models that take them, so they can add no warning.
   */
  estimateInput = $derived.by((): GenerateInput => ({ prompt: ESTIMATE_PROMPT, ...this.#pricedSettings() }));

  randomizeSeed = () => {
    this.seed = Math.floor(Math.random() * (MAX_SEED + 1));
  };

  /** The form as typed: saved as the draft, and what Undo after Reuse settings puts back. */
  settings = $derived.by((): FormSettings => ({
    prompt: this.prompt,
    providerId: this.providerId,
    modelId: this.modelId,
    size: this.size,
    count: this.count,
    seed: this.seed,
    keepSeed: this.keepSeed,
    style: this.style,
    quality: this.quality,
    negativePrompt: this.negativePrompt,
    steps: this.steps,
    cfgScale: this.cfgScale,
    outputFormat: this.outputFormat,
    background: this.background,
    fallback: this.fallback,
    reuseCached: this.reuseCached
  }));

  /** Fills the form with saved settings; what the model or the account no longer allows falls back as on a model change. */
  restore = (saved: Partial<FormSettings>) => {
    if (saved.providerId) this.selectProvider(saved.providerId);
    if (saved.modelId) this.selectModel(saved.modelId);
    const { providerId: _provider, modelId: _model, count, ...rest } = saved;
    Object.assign(this, rest);
    if (count !== undefined) this.count = Math.min(Math.max(1, Math.trunc(count)), this.limits.imagesPerRequest);
    this.selectModel(this.modelId);
  };

  /** Puts back what the form held before Reuse settings (or a recall) filled it; false when there is nothing to undo. */
  undoRecall = (): boolean => {
    const before = this.#beforeRecall;
    if (!before) return false;
    this.#beforeRecall = null;
    this.restore(before);
    return true;
  };

  /** Runs one request, its tiles following the server's progress; Cancel aborts it. */
  generate = async () => {
    if (this.generating || this.blocker) return;
    const abort = new AbortController();
    const known = this.history.map((image) => image.id);
    this.#abort = abort;
    this.generating = true;
    this.canceling = false;
    this.batch = Array.from({ length: this.count }, () => ({ state: 'waiting', image: null }));
    this.error = null;
    this.fieldErrors = {};
    this.countOffer = null;
    this.announcement = `Generating ${this.count === 1 ? '1 image' : `${this.count} images`}…`;
    try {
      const updates = await trpc.images.generateWithProgress.mutate(this.#request(), { signal: abort.signal });
      for await (const update of updates) {
        if (update.type === 'progress') this.#follow(update.event);
        else {
          this.#show(update.outcome.images, update.outcome.warnings);
          this.announcement = batchAnnouncement(update.outcome.images);
          this.#keepSeedOf(update.outcome.images);
          this.cacheSavedUsd = update.outcome.cache.hit ? update.outcome.cache.savedUsd : null;
        }
      }
    } catch (error) {
      const message = handleError(
        error,
        'Atelier could not be reached to generate the image; check that the server is running and try again.'
      );
      if (abort.signal.aborted) await this.#settleCanceled(known);
      else if (message) await this.#showRefusal(message);
      this.announcement = '';
    } finally {
      this.generating = false;
      this.canceling = false;
      this.batch = [];
      this.#abort = null;
    }
  };

  /** Editing a field takes its refusal away: it was about what was there before. */
  clearFieldError = (field: FormField) => {
    if (!this.fieldErrors[field]) return;
    this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
    if (field === 'count') this.countOffer = null;
  };

  /** Stops the running request: the server starts no further provider call and ends the unfinished images `canceled`. */
  cancel = () => {
    if (!this.#abort || this.canceling) return;
    this.canceling = true;
    this.#abort.abort();
  };

  /** Opens the stored images of the running request at the tile `index`. */
  openTile = (index: number) => {
    const id = this.batch[index]?.image?.id;
    const stored = this.batch.flatMap((tile) => (tile.state === 'stored' && tile.image ? [tile.image] : []));
    if (id)
      this.open(
        stored,
        stored.findIndex((image) => image.id === id)
      );
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
    if (!images[index]) return;
    this.#gallery = { images, index };
    this.editing = false;
  };

  close = () => {
    this.#gallery = null;
    this.editing = false;
  };

  /** Opens `image` straight in the mask editor. */
  edit = (image: Image) => {
    this.open([image], 0);
    this.editing = true;
  };

  /** Shows one image on its own, e.g. a parent or child while walking an image's lineage. */
  view = (image: Image) => this.open([image], 0);

  showNext = () => this.#step(1);
  showPrevious = () => this.#step(-1);

  /** Fills the form with everything that made `image`, seed included, so one press renders exactly it again. */
  reuse = (image: Image) => {
    this.recall(image);
    this.style = image.style ?? '';
    this.quality = image.quality ?? '';
  };

  /** Fills the form with the settings an image was made with, e.g. read back from a downloaded PNG. */
  recall = (settings: RecalledSettings) => {
    this.#beforeRecall = this.settings;
    this.count = 1;
    this.selectProvider(settings.provider);
    this.selectModel(settings.model);
    this.prompt = settings.prompt;
    this.size = this.model?.sizes.includes(settings.size) ? settings.size : (this.model?.defaultSize ?? settings.size);
    this.seed = settings.seed;
    this.negativePrompt = settings.negativePrompt ?? '';
    this.steps = settings.steps;
    this.cfgScale = settings.cfgScale;
  };

  /** A refusal of the count re-reads the account's limit and the models (prices, access) and offers what is allowed. */
  async #showRefusal(message: string) {
    const { fields, other } = splitError(message);
    this.fieldErrors = fields;
    this.error = other;
    if (fields.prompt || fields.count) this.fieldRefusals++;
    if (!fields.count) return;
    try {
      const [account, providers] = await Promise.all([trpc.account.me.query(), trpc.providers.list.query()]);
      const most = Math.min(this.limits.instanceImagesPerRequest, account.policy.maxImagesPerRequest ?? Infinity);
      this.limits = { ...this.limits, imagesPerRequest: most };
      this.providers = providers;
      this.countOffer = this.count > most ? most : null;
    } catch {
      // The refusal shown already says what to ask for.
    }
  }

  #keepSeedOf(images: Image[]) {
    const seed = images.find((image) => image.seed !== null)?.seed;
    if (this.keepSeed && this.honours('seed') && seed !== undefined && seed !== null) this.seed = seed;
  }

  #follow(event: GenerateProgress) {
    if (event.stage === 'planned') {
      this.batch = Array.from({ length: event.total }, () => ({ state: 'waiting', image: null }));
    } else if (event.stage === 'calling') {
      this.batch = this.batch.map((tile) => (tile.image ? tile : { state: 'making', image: null }));
    } else if (event.stage === 'image') {
      const state = ENDED_STATES[event.image.status] ?? 'failed';
      this.batch[event.index] = { state, image: event.image };
    }
  }

  #show(images: Image[], warnings: ImageWarning[]) {
    const added = images.map((image) => image.id);
    const earlier = this.runs.map((run) => run.filter((image) => !added.includes(image.id)));
    this.runs = [images, ...earlier.filter((run) => run.length > 0)];
    this.warnings = warnings;
    this.cacheSavedUsd = null;
    this.#addToHistory(images);
  }

  /** The lightbox, if still open, moves on to the new image. */
  #showEdited(outcome: EditOutcome) {
    this.#show(outcome.images, outcome.warnings);
    if (this.#gallery) this.open(outcome.images, 0);
  }

  /**
   * The aborted stream carries no final answer, so the history tells how the request ended: the images
   * that were not in it before, read again until the server has ended each (a provider call being
   * aborted takes a moment).
   */
  async #settleCanceled(known: string[]) {
    for (let attempt = 1; attempt <= SETTLE_ATTEMPTS; attempt++) {
      try {
        const page = await trpc.images.history.query({ limit: HISTORY_PAGE_SIZE });
        const images = page.images.filter((image) => !known.includes(image.id));
        if (images.every((image) => ENDED_STATES[image.status]) || attempt === SETTLE_ATTEMPTS) {
          this.#show(this.#inTileOrder(images), []);
          this.announcement = batchAnnouncement(images);
          this.historyTotal = page.total;
          return;
        }
      } catch (error) {
        this.error = handleError(
          error,
          'The request was canceled, but its images could not be loaded; reload the page.'
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, SETTLE_INTERVAL_MS));
    }
  }

  /** The request's images where their tiles were; the ones no tile showed yet fill the other places. */
  #inTileOrder(images: Image[]): Image[] {
    const placed = this.batch.map((tile) => images.find((image) => image.id === tile.image?.id));
    const unplaced = images.filter((image) => !placed.includes(image));
    return placed
      .map((image) => image ?? unplaced.shift())
      .filter((image) => image !== undefined)
      .concat(unplaced);
  }

  /** "Provider / Model" as the form lists them; the ids for a model no longer configured. */
  modelLabel = (image: Pick<Image, 'provider' | 'model'>): string => {
    const provider = this.providers.find((one) => one.id === image.provider);
    const model = provider?.models.find((one) => one.id === image.model);
    return `${provider?.label ?? image.provider} / ${model?.label ?? image.model}`;
  };

  /** The image is one of the last result's, answered from the cache. */
  fromCache(image: Image): boolean {
    return this.cacheSavedUsd !== null && this.results.some((result) => result.id === image.id);
  }

  #step(by: number) {
    const gallery = this.#gallery;
    if (!gallery || gallery.images.length < 2) return;
    const count = gallery.images.length;
    this.#gallery = { images: gallery.images, index: (gallery.index + by + count) % count };
    this.editing = false;
  }

  /** Settings the model does not honour are left out rather than sent to be ignored. */
  #request(): GenerateInput {
    const negativePrompt = this.negativePrompt.trim();
    return {
      prompt: this.prompt,
      ...this.#pricedSettings(),
      seed: this.honours('seed') ? (this.seed ?? undefined) : undefined,
      negativePrompt: this.honours('negativePrompt') && negativePrompt ? negativePrompt : undefined,
      steps: this.honours('steps') ? (this.steps ?? undefined) : undefined,
      cfgScale: this.honours('cfgScale') ? (this.cfgScale ?? undefined) : undefined,
      fallback: this.fallback,
      cache: this.reuseCached
    };
  }

  /** The settings that decide the price (model, size, quality, count) or may draw a warning (enumerated values). */
  #pricedSettings() {
    return {
      provider: this.providerId || undefined,
      model: this.modelId || undefined,
      size: this.size || undefined,
      count: this.count,
      style: this.honours('style') && this.style ? this.style : undefined,
      quality: this.honours('quality') && this.quality ? this.quality : undefined,
      outputFormat: this.honours('outputFormat') && this.outputFormat ? this.#outputFormat() : undefined,
      background: this.honours('background') && this.background ? this.#background() : undefined
    } satisfies Partial<GenerateInput>;
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

function canGenerate(model: Model): boolean {
  return model.operations.includes('generate');
}

export const [useStudio, setStudio] = createContext<Studio>();
