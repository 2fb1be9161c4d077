import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import {
  ZEditInput,
  ZRemoveBackgroundInput,
  ZRestyleInput,
  ZUpscaleInput,
  ZVaryInput,
  type ApiCaller,
  type GenerateOutcome
} from '../../src/lib/server/api';
import { runImageOperation } from '../operation-tool';
import type { CallerFactory } from '../server';
import { takeConfirmation, ZConfirmCostUsd } from '../spending-confirmation';
import { HINTS, type AtelierTool } from '../tool-definition';
import { parseToolArguments } from '../tool-input';

/** What each editType runs: its procedure, its own schema (which checks the arguments) and its estimate. */
type EditOperation<Input extends z.ZodObject> = {
  input: Input;
  verb: string;
  /** The `images.estimate` operation that prices it. */
  estimate: 'edit' | 'vary' | 'upscale' | 'restyle' | 'removeBackground';
  run(caller: ApiCaller, input: z.output<Input>): Promise<GenerateOutcome>;
};

const operation = <Input extends z.ZodObject>(spec: EditOperation<Input>) => spec as EditOperation<z.ZodObject>;

const EDIT = operation({
  input: ZEditInput,
  verb: 'Edited',
  estimate: 'edit',
  run: (caller, input) => caller.images.edit(input)
});

const OPERATIONS = {
  inpaint: EDIT,
  outpaint: EDIT,
  searchReplace: EDIT,
  vary: operation({
    input: ZVaryInput,
    verb: 'Made variations:',
    estimate: 'vary',
    run: (caller, input) => caller.images.vary(input)
  }),
  upscale: operation({
    input: ZUpscaleInput,
    verb: 'Upscaled',
    estimate: 'upscale',
    run: (caller, input) => caller.images.upscale(input)
  }),
  restyle: operation({
    input: ZRestyleInput,
    verb: 'Restyled',
    estimate: 'restyle',
    run: (caller, input) => caller.images.restyle(input)
  }),
  removeBackground: operation({
    input: ZRemoveBackgroundInput,
    verb: 'Removed the background:',
    estimate: 'removeBackground',
    run: (caller, input) => caller.images.removeBackground(input)
  })
};

const EDIT_TYPES = Object.keys(OPERATIONS) as [keyof typeof OPERATIONS, ...Array<keyof typeof OPERATIONS>];

const ZEditType = z.enum(EDIT_TYPES, { error: `editType must be one of ${EDIT_TYPES.join(', ')}.` }).default('inpaint');

/** Every editType's fields in one listing; each call is checked against its own editType's schema. */
const ZAdvertised = z.object({
  ...ZRemoveBackgroundInput.shape,
  ...ZRestyleInput.shape,
  ...ZUpscaleInput.shape,
  ...ZVaryInput.shape,
  ...ZEditInput.shape,
  editType: ZEditType,
  strength: ZEditInput.shape.strength.describe('How far from the source (vary: default 0.5).'),
  confirmCostUsd: ZConfirmCostUsd
});

/** The editType's operation and its input, checked by that operation's own schema. */
export function parseEditArguments(args: Record<string, unknown> = {}) {
  const { editType: asked, ...rest } = args;
  const editType = parseToolArguments(z.object({ editType: ZEditType }), { editType: asked }).editType;
  const chosen = OPERATIONS[editType];
  const input = parseToolArguments(
    chosen.input,
    chosen === EDIT ? { ...rest, editType } : rest,
    `editType ${editType}`
  );
  return { operation: chosen, input };
}

export function editImageTool(server: McpServer, callerFor: CallerFactory): AtelierTool {
  const api = callerFor();
  return {
    name: 'edit_image',
    description:
      'New images from one by editType: inpaint (mask), outpaint (expand), searchReplace (searchPrompt), vary, ' +
      'upscale (scale), restyle (look, styleImage), removeBackground (Stability).',
    input: ZAdvertised,
    scope: 'generate',
    annotations: HINTS.adds,
    run(args, extra) {
      const { confirmedUsd, rest } = takeConfirmation(args);
      const { operation: chosen, input } = parseEditArguments(rest);
      const operation = {
        priced: { ...input, operation: chosen.estimate },
        confirmedUsd,
        verb: chosen.verb,
        run: () => chosen.run(callerFor({ signal: extra.signal }), input)
      };
      return runImageOperation(server, api, operation, extra);
    }
  };
}
