import { ZEditInput } from '../../src/lib/server/api';
import { operationTool } from '../operation-tool';
import type { CallerFactory } from '../server';

export function editImageTool(callerFor: CallerFactory) {
  return operationTool(callerFor, {
    name: 'edit_image',
    title: 'Edit image',
    description:
      'Edits an image into 1–10 new images: inpaint (the masked area), outpaint (by expand) or searchReplace ' +
      '(searchPrompt → prompt). Free on local (a procedural fill); others charge per image.',
    input: ZEditInput,
    verb: 'Edited',
    run: (caller, input) => caller.images.edit(input)
  });
}
