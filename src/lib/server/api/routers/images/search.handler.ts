import { AppError } from '../../../errors';

// CORE STUB (issue 13, work tree "search" replaces this file): images.search over services/library/search.ts.
export function searchHandler(): never {
  throw new AppError('unsupported', 'images.search is not built yet.');
}
