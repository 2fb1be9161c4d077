import { SvelteSet } from 'svelte/reactivity';

/**
 * The library's selected images, by id. `order` is the loaded listing, so a range runs over what the grid
 * shows; the anchor is where a Shift range starts (the last image toggled on its own).
 */
export class LibrarySelection {
  #ids = new SvelteSet<string>();
  anchor: string | null = $state(null);
  count = $derived(this.#ids.size);

  has = (id: string): boolean => this.#ids.has(id);

  /** The selected ids in listing order. */
  inOrder = (order: readonly string[]): string[] => order.filter((id) => this.#ids.has(id));

  toggle = (id: string) => {
    if (this.#ids.has(id)) this.#ids.delete(id);
    else this.#ids.add(id);
    this.anchor = id;
  };

  /** Selects every image from the anchor to `id` (both included); the anchor stays for the next range. */
  extendTo = (order: readonly string[], id: string) => {
    const to = order.indexOf(id);
    const from = this.anchor === null ? -1 : order.indexOf(this.anchor);
    if (to < 0) return;
    if (from < 0) return this.toggle(id);
    for (const rangeId of order.slice(Math.min(from, to), Math.max(from, to) + 1)) this.#ids.add(rangeId);
  };

  selectAll = (order: readonly string[]) => {
    for (const id of order) this.#ids.add(id);
  };

  clear = () => {
    this.#ids.clear();
    this.anchor = null;
  };

  /** Forgets ids no longer listed (deleted, restored, filtered away). */
  keepOnly = (order: readonly string[]) => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this call, not state
    const listed = new Set(order);
    for (const id of [...this.#ids]) if (!listed.has(id)) this.#ids.delete(id);
    if (this.anchor !== null && !listed.has(this.anchor)) this.anchor = null;
  };
}
