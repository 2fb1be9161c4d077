import type { Deps } from '../services/deps';
import type { Actor } from '../services/users';

/** What every procedure receives. `user` is null only for doors that have not identified a caller. */
export type ApiContext = {
  deps: Deps;
  user: Actor | null;
  requestId: string;
};
