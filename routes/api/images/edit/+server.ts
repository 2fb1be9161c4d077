import { ZEditBody } from '$lib/server/http/image-operation-bodies';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** The seed's edit (`imageUrl`, `prompt`, `editType`, `mask`, `strength`) as `images.edit`; answers like generate. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedAnswer }) => {
    const input = await readJsonBody(event.request, ZEditBody);
    return toSeedAnswer(await api.images.edit(input), input.provider);
  });
