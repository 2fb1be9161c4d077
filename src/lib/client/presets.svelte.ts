import { handleError } from './errors';
import type { Studio } from './studio.svelte';
import { trpc, type Image, type Preset, type PromptTemplate } from './trpc';

/** The form fields applying a preset or template may change, as they were before; Undo puts them back. */
type FormState = Pick<
  Studio,
  'providerId' | 'modelId' | 'prompt' | 'size' | 'style' | 'quality' | 'negativePrompt' | 'steps' | 'cfgScale'
>;

type Applied = {
  prompt: string;
  provider: string | null;
  model: string | null;
  settings: Partial<Pick<FormState, 'size' | 'style' | 'quality' | 'negativePrompt'>> & {
    steps?: number;
    cfgScale?: number;
  };
};

/** The studio's style presets and prompt templates: loading them, applying one to the form, undoing that. */
export class Presets {
  presets: Preset[] = $state([]);
  templates: PromptTemplate[] = $state([]);
  loaded = $state(false);
  busy = $state(false);
  error: string | null = $state(null);
  /** What the last apply did, for the status line and its Undo. */
  lastApplied: string | null = $state(null);
  #before: FormState | null = $state(null);
  #studio: Studio;

  canUndo = $derived(this.#before !== null);
  ownPresets = $derived(this.presets.filter((preset) => !preset.builtIn));

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  load = async () => {
    await this.#run('Presets and templates could not be loaded; reload the page.', async () => {
      const [presets, templates] = await Promise.all([trpc.presets.list.query(), trpc.templates.list.query()]);
      this.presets = presets.presets;
      this.templates = templates.templates;
      this.loaded = true;
    });
  };

  /** Wraps the prompt in the preset's additions and takes its provider, model, size and knobs. */
  applyPreset = async (preset: Preset) => {
    await this.#run(`"${preset.name}" could not be applied; try again.`, async () => {
      const applied = await trpc.presets.use.mutate({ id: preset.id, prompt: this.#studio.prompt });
      this.#fill(applied, `Applied the preset “${preset.name}”.`);
      this.#replace(applied.preset);
    });
  };

  /** Replaces the prompt with the template filled with `values`, taking its default provider, model and size. */
  applyTemplate = async (template: PromptTemplate, values: Record<string, string>) => {
    await this.#run(`"${template.name}" could not be used; try again.`, async () => {
      const rendered = await trpc.templates.render.mutate({ id: template.id, variables: values });
      const settings = rendered.size ? { size: rendered.size } : {};
      this.#fill({ ...rendered, settings }, `Used the template “${template.name}”.`);
      this.templates = this.templates.map((known) => (known.id === template.id ? rendered.template : known));
    });
  };

  /** Puts the form back as it was before the last apply. */
  undo = () => {
    const before = this.#before;
    if (!before) return;
    const studio = this.#studio;
    studio.selectProvider(before.providerId);
    studio.selectModel(before.modelId);
    Object.assign(studio, before);
    this.#before = null;
    this.lastApplied = null;
  };

  /** "Save as preset": the image's provider, model, size and knobs under `name`; true when saved. */
  saveImage = async (image: Image, name: string): Promise<boolean> =>
    this.#run('The preset could not be saved; try again.', async () => {
      const preset = await trpc.presets.fromImage.mutate({ imageId: image.id, name });
      this.presets = [...this.presets, preset].sort((a, b) => a.name.localeCompare(b.name));
    });

  rename = async (preset: Preset, name: string): Promise<boolean> =>
    this.#run(`"${preset.name}" could not be renamed; try again.`, async () => {
      this.#replace(await trpc.presets.update.mutate({ id: preset.id, name }));
    });

  /** Deletes one of the user's presets; a built-in they had edited shows again. */
  remove = async (preset: Preset): Promise<boolean> =>
    this.#run(`"${preset.name}" could not be deleted; try again.`, async () => {
      await trpc.presets.delete.mutate({ id: preset.id });
      this.presets = (await trpc.presets.list.query()).presets;
    });

  #fill(applied: Applied, message: string) {
    const studio = this.#studio;
    this.#before = {
      providerId: studio.providerId,
      modelId: studio.modelId,
      prompt: studio.prompt,
      size: studio.size,
      style: studio.style,
      quality: studio.quality,
      negativePrompt: studio.negativePrompt,
      steps: studio.steps,
      cfgScale: studio.cfgScale
    };
    if (applied.provider) studio.selectProvider(applied.provider);
    if (applied.model) studio.selectModel(applied.model);
    studio.prompt = applied.prompt;
    const { size, style, quality, negativePrompt, steps, cfgScale } = applied.settings;
    const model = studio.model;
    if (size && model?.sizes.includes(size)) studio.size = size;
    if (style && model?.styles.includes(style)) studio.style = style;
    if (quality && model?.qualities.includes(quality)) studio.quality = quality;
    if (negativePrompt !== undefined) studio.negativePrompt = negativePrompt;
    if (steps !== undefined) studio.steps = steps;
    if (cfgScale !== undefined) studio.cfgScale = cfgScale;
    this.lastApplied = message;
  }

  #replace(preset: Preset) {
    const replaced = this.presets.some((known) => known.id === preset.id || known.id === preset.basedOnId);
    this.presets = replaced
      ? this.presets.map((known) => (known.id === preset.id || known.id === preset.basedOnId ? preset : known))
      : [...this.presets, preset];
  }

  async #run(fallback: string, body: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await body();
      return true;
    } catch (error) {
      this.error = handleError(error, fallback);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
