import { AppError } from '../../../errors';

// CORE STUB (issue 13, work tree "collections" replaces this file): images.favorite.
export function favoriteHandler(): never {
  throw new AppError('unsupported', 'Favorites are not built yet.');
}
