import { createContext } from 'svelte';
import { LIBRARY_PAGE_SIZE } from './constants';
import { handleError } from './errors';
import { setFavorite } from './favorites';
import { LibrarySelection } from './library-selection.svelte';
import type { LibraryQuery } from './library-url';
import { trpc, type Image, type LibraryPage } from './trpc';

export type LibraryInit = { query: LibraryQuery; page: LibraryPage };

/** A short message about what just happened; `undo` offers to take it back. */
export type Notice = { id: number; message: string; undo?: () => Promise<void> };

type Taken = { image: Image; index: number };

function plural(count: number, word = 'image'): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The library page's state: the listing of one query, page by page, its selection and what was just done. */
export class Library {
  query: LibraryQuery = $state({ sort: 'newest', trash: false });
  images: Image[] = $state([]);
  total: LibraryPage['total'] = $state(null);
  loading = $state(false);
  error: string | null = $state(null);
  notice: Notice | null = $state(null);
  selection = new LibrarySelection();
  #nextCursor: string | null = $state(null);
  /** Bumped by each new query, so a page asked for under the previous one is dropped. */
  #generation = 0;
  #noticeId = 0;

  hasMore = $derived(this.#nextCursor !== null);
  order = $derived(this.images.map((image) => image.id));
  selected = $derived(this.images.filter((image) => this.selection.has(image.id)));

  constructor(init: LibraryInit) {
    this.reset(init);
  }

  /** Shows the first page of a new query (the URL changed). */
  reset = (init: LibraryInit) => {
    this.#generation++;
    this.query = init.query;
    this.images = init.page.images;
    this.total = init.page.total;
    this.#nextCursor = init.page.nextCursor;
    this.loading = false;
    this.error = null;
    this.selection.clear();
  };

  loadMore = async () => {
    const cursor = this.#nextCursor;
    if (!cursor || this.loading) return;
    const generation = this.#generation;
    this.loading = true;
    this.error = null;
    try {
      const page = await trpc.images.search.query({ ...this.query, limit: LIBRARY_PAGE_SIZE, cursor });
      if (generation !== this.#generation) return;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this call, not state
      const known = new Set(this.order);
      this.images.push(...page.images.filter((image) => !known.has(image.id)));
      this.#nextCursor = page.nextCursor;
      if (page.total) this.total = page.total;
    } catch (error) {
      if (generation === this.#generation)
        this.error = handleError(error, 'More images could not be loaded; try again.');
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  };

  notify = (message: string, undo?: () => Promise<void>) => {
    this.notice = { id: ++this.#noticeId, message, undo };
  };

  dismiss = () => {
    this.notice = null;
  };

  favorite = async (images: Image[], favorite: boolean) => {
    const failure = await setFavorite(images, favorite);
    if (failure) this.notify(failure);
    else if (images.length > 1) this.notify(`${favorite ? 'Starred' : 'Unstarred'} ${plural(images.length)}.`);
  };

  toggleFavorite = (image: Image) => this.favorite([image], !image.favorite);

  /** Moves images to the trash; the notice offers Undo, which restores them where they were. */
  moveToTrash = async (images: Image[]) => {
    const taken = await this.#change(images, (ids) => trpc.images.delete.mutate({ ids }), 'moved to the trash');
    if (taken)
      this.notify(`Moved ${plural(taken.length)} to the trash.`, async () => {
        await this.#change(
          taken.map((entry) => entry.image),
          (ids) => trpc.images.restore.mutate({ ids }),
          'restored',
          false
        );
        this.#putBack(taken);
        this.notify(`Restored ${plural(taken.length)}.`);
      });
  };

  /** From the trash view: the images go back to the library. */
  restore = async (images: Image[]) => {
    const taken = await this.#change(images, (ids) => trpc.images.restore.mutate({ ids }), 'restored');
    if (taken) this.notify(`Restored ${plural(taken.length)} to the library.`);
  };

  /** From the trash view: the images and their files are deleted for good. */
  purge = async (images: Image[]) => {
    const taken = await this.#change(images, (ids) => trpc.images.purge.mutate({ ids }), 'deleted');
    if (taken) this.notify(`Deleted ${plural(taken.length)} for good.`);
  };

  /** Takes images out of this listing only, e.g. after they left the collection being shown. */
  drop = (ids: string[]) => {
    this.#take(ids);
  };

  emptyTrash = async () => {
    try {
      const { purged } = await trpc.images.emptyTrash.mutate();
      this.images = [];
      this.#nextCursor = null;
      this.total = { count: 0, exact: true };
      this.selection.clear();
      this.notify(`Emptied the trash: ${plural(purged)} deleted for good.`);
    } catch (error) {
      this.notify(handleError(error, 'The trash could not be emptied; try again.') ?? 'The trash was not emptied.');
    }
  };

  /**
   * Runs a bulk change and, when `take` (default), takes the images out of this listing first so the grid
   * answers at once; they go back if the server refuses. Answers the taken images, or null on failure.
   */
  async #change(
    images: Image[],
    call: (ids: string[]) => Promise<unknown>,
    done: string,
    take = true
  ): Promise<Taken[] | null> {
    const ids = images.map((image) => image.id);
    const taken = take ? this.#take(ids) : images.map((image) => ({ image, index: -1 }));
    try {
      await call(ids);
      return taken;
    } catch (error) {
      if (take) this.#putBack(taken);
      this.notify(handleError(error, `The images could not be ${done}; try again.`) ?? `Nothing was ${done}.`);
      return null;
    }
  }

  #take(ids: string[]): Taken[] {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this call, not state
    const wanted = new Set(ids);
    const taken = this.images.flatMap((image, index) => (wanted.has(image.id) ? [{ image, index }] : []));
    this.images = this.images.filter((image) => !wanted.has(image.id));
    this.#count(-taken.length);
    this.selection.keepOnly(this.order);
    return taken;
  }

  #putBack(taken: Taken[]) {
    const images = [...this.images];
    for (const { image, index } of [...taken].sort((a, b) => a.index - b.index)) {
      if (!images.some((listed) => listed.id === image.id)) images.splice(Math.max(index, 0), 0, image);
    }
    this.images = images;
    this.#count(taken.length);
  }

  #count(by: number) {
    if (this.total) this.total = { ...this.total, count: Math.max(0, this.total.count + by) };
  }
}

export const [useLibrary, setLibrary] = createContext<Library>();
