import { createContext } from 'svelte';
import { handleError } from './errors';
import { trpc, type Collection } from './trpc';

type CollectionPatch = { name?: string; description?: string | null; coverImageId?: string | null };

/**
 * The user's collections as the library's panel lists them. Every change answers the message to show
 * (`notify`) and never throws, so a button handler needs no try.
 */
export class Collections {
  list: Collection[] = $state([]);
  #notify: (message: string) => void;

  constructor(list: Collection[], notify: (message: string) => void) {
    this.list = list;
    this.#notify = notify;
  }

  byId = (id: string | undefined): Collection | undefined => this.list.find((collection) => collection.id === id);

  create = async (name: string, imageIds?: string[]): Promise<Collection | null> => {
    const created = await this.#run(() => trpc.collections.create.mutate({ name, imageIds }), 'created');
    if (created) {
      this.list = [created, ...this.list];
      this.#notify(`Made the collection “${created.name}”.`);
    }
    return created;
  };

  update = async (id: string, patch: CollectionPatch): Promise<boolean> => {
    const updated = await this.#run(() => trpc.collections.update.mutate({ id, ...patch }), 'saved');
    if (updated) this.#replace(updated);
    return updated !== null;
  };

  addImages = async (id: string, imageIds: string[]) => {
    const answer = await this.#run(() => trpc.collections.addImages.mutate({ id, imageIds }), 'changed');
    if (!answer) return;
    this.#replace(answer.collection);
    const already = imageIds.length - answer.changed;
    this.#notify(
      `Added ${answer.changed} to “${answer.collection.name}”${already > 0 ? ` (${already} already there)` : ''}.`
    );
  };

  /** Takes images out of the collection (not out of the library); answers whether it worked. */
  removeImages = async (id: string, imageIds: string[]): Promise<boolean> => {
    const answer = await this.#run(() => trpc.collections.removeImages.mutate({ id, imageIds }), 'changed');
    if (!answer) return false;
    this.#replace(answer.collection);
    this.#notify(`Took ${answer.changed} out of “${answer.collection.name}”; they stay in the library.`);
    return true;
  };

  /** Deletes the collection; its images stay in the library. */
  remove = async (id: string): Promise<boolean> => {
    const answer = await this.#run(() => trpc.collections.delete.mutate({ id }), 'deleted');
    if (!answer) return false;
    const name = this.byId(id)?.name ?? 'The collection';
    this.list = this.list.filter((collection) => collection.id !== id);
    this.#notify(`Deleted “${name}”; its ${answer.imagesKept} images are still in the library.`);
    return true;
  };

  #replace(collection: Collection) {
    this.list = this.list.map((listed) => (listed.id === collection.id ? collection : listed));
  }

  async #run<T>(call: () => Promise<T>, done: string): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      this.#notify(handleError(error, `The collection could not be ${done}; try again.`) ?? `Nothing was ${done}.`);
      return null;
    }
  }
}

export const [useCollections, setCollections] = createContext<Collections>();
