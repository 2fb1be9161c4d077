import { handleError } from './errors';
import type { Studio } from './studio.svelte';
import { trpc, type EnhancedPrompt } from './trpc';

/** The prompt fields as they were before Accept; Undo puts exactly these back. */
type PromptFields = Pick<Studio, 'prompt' | 'negativePrompt'>;

/**
 * The studio's Enhance: asks `prompts.enhance` for the chosen model, shows the answer beside the prompt it
 * was made from, lets the user pick the enhanced prompt or a suggestion, and undoes an accepted one.
 */
export class PromptEnhancer {
  busy = $state(false);
  error: string | null = $state(null);
  /** The answer waiting for Accept or Dismiss, with the prompt it was made from. */
  proposal: (EnhancedPrompt & { before: string }) | null = $state(null);
  /** What Accept would put in the prompt: the enhanced prompt, or the suggestion picked instead. */
  chosen = $state('');
  #before: PromptFields | null = $state(null);
  #studio: Studio;

  canUndo = $derived(this.#before !== null);

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  enhance = async () => {
    const studio = this.#studio;
    const prompt = studio.prompt.trim();
    if (!prompt || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const negativePrompt = studio.honours('negativePrompt') ? studio.negativePrompt.trim() : '';
      const answer = await trpc.prompts.enhance.mutate({
        prompt,
        negativePrompt: negativePrompt || undefined,
        provider: studio.providerId || undefined,
        model: studio.modelId || undefined
      });
      this.proposal = { ...answer, before: studio.prompt };
      this.chosen = answer.enhancedPrompt;
    } catch (error) {
      this.error = handleError(error, 'The prompt could not be enhanced; try again.');
    } finally {
      this.busy = false;
    }
  };

  choose = (text: string) => {
    this.chosen = text;
  };

  /** Puts the chosen text (and the negative prompt, for a model that takes one) in the form; Undo can take it back. */
  accept = () => {
    const { proposal } = this;
    if (!proposal) return;
    const studio = this.#studio;
    this.#before = { prompt: studio.prompt, negativePrompt: studio.negativePrompt };
    studio.prompt = this.chosen;
    if (proposal.negativePrompt && studio.honours('negativePrompt')) studio.negativePrompt = proposal.negativePrompt;
    this.proposal = null;
  };

  dismiss = () => {
    this.proposal = null;
    this.error = null;
  };

  undo = () => {
    if (!this.#before) return;
    this.#studio.prompt = this.#before.prompt;
    this.#studio.negativePrompt = this.#before.negativePrompt;
    this.#before = null;
  };
}
