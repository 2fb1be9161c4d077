import { ZRemoveBackgroundInput } from '../../src/lib/server/api';
import { operationTool } from '../operation-tool';
import type { CallerFactory } from '../server';

export function removeBackgroundTool(callerFor: CallerFactory) {
  return operationTool(callerFor, {
    name: 'remove_background',
    title: 'Remove background',
    description: 'Cuts the subject out onto transparency. Needs Stability (charged per image); else unsupported.',
    input: ZRemoveBackgroundInput,
    verb: 'Removed the background:',
    run: (caller, input) => caller.images.removeBackground(input)
  });
}
