import { readUploadBody } from '$lib/server/http/upload-body';
import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** An image into the caller's library (multipart field `image`, or JSON `{ image, name }`): `{ success, image }`. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedImage }) => {
    const { image } = await api.images.upload(await readUploadBody(event.request));
    return { image: toSeedImage(image) };
  });
