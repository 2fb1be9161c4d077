import { z } from 'zod';
import { KNOBS, OPERATIONS } from '../../../services/providers';

/** What `providers.list` answers, checked by `.output()` and used by MCP's list_providers. */
export const ZModelOutput = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  operations: z.array(z.enum(OPERATIONS)),
  sizes: z.array(z.string()).describe('The only sizes this model accepts, as WIDTHxHEIGHT.'),
  defaultSize: z.string(),
  maxImagesPerCall: z.number(),
  knobs: z.array(z.enum(KNOBS)).describe('Optional settings the model honours; others come back as warnings.'),
  maxPromptLength: z
    .number()
    .nullable()
    .describe('The longest prompt the model reads, in characters; null when it takes none or its server decides.'),
  textRendering: z.boolean().describe('Whether the model draws legible text (lettering, signs).'),
  qualities: z.array(z.string()),
  styles: z.array(z.string()),
  outputFormats: z.array(z.string()).describe('File formats the model can return (outputFormat).'),
  backgrounds: z.array(z.string()).describe('Background choices the model offers (background).'),
  aspectRatios: z
    .record(z.string(), z.string())
    .describe('For models sized by aspect ratio: size → the ratio sent to the vendor.'),
  price: z.string().describe('The price rule, e.g. "$0.04 per image" or "$0.000975 per GPU-second".'),
  priceUnit: z.enum(['free', 'image', 'token', 'credit', 'second']),
  lifecycle: z.discriminatedUnion('status', [
    z.object({ status: z.literal('active') }),
    z.object({
      status: z.enum(['deprecated', 'shut_down']),
      shutdownDate: z.string(),
      replacement: z.string().optional()
    })
  ])
});

export const ZProviderOutput = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.string().describe('What kind of engine this is, said plainly.'),
  defaultModel: z.string(),
  models: z.array(ZModelOutput)
});

export const ZProvidersOutput = z.array(ZProviderOutput);
