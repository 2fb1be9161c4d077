import { AppError } from '../../../errors';

// CORE STUB (issue 13, work tree "collections" replaces this file).
function notBuilt(): never {
  throw new AppError('unsupported', 'Collections are not built yet.');
}

export const collectionHandlers = {
  list: notBuilt,
  get: notBuilt,
  create: notBuilt,
  update: notBuilt,
  delete: notBuilt,
  addImages: notBuilt,
  removeImages: notBuilt,
  reorder: notBuilt
};
