import { AppError } from '../../../errors';

// CORE STUB (issue 13, work tree "trash" replaces this file): delete, restore, purge, emptyTrash.
function notBuilt(): never {
  throw new AppError('unsupported', 'The trash is not built yet.');
}

export const trashHandlers = { delete: notBuilt, restore: notBuilt, purge: notBuilt, emptyTrash: notBuilt };
