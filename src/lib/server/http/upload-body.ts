import type { z } from 'zod';
import { ZUploadInput } from '../api';
import { bodyTooLarge } from '../api/http-limits';
import { AppError } from '../errors';
import { readJsonBody } from './rest';

const NOT_MULTIPART_MESSAGE =
  'The multipart/form-data body could not be read; send the file in the field "image" (and an optional "name").';

/**
 * The body of `POST /api/images/upload` as `images.upload`'s input: multipart/form-data with the file in
 * `image` (its bytes become base64, the reference the procedure takes) and an optional `name`, or JSON
 * `{ image, name }`.
 */
export async function readUploadBody(request: Request): Promise<z.output<typeof ZUploadInput>> {
  if (!/^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '')) {
    return readJsonBody(request, ZUploadInput);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    throw bodyTooLarge(error) ?? new AppError('validation', NOT_MULTIPART_MESSAGE, { cause: error });
  }
  const image = form.get('image');
  const name = form.get('name');
  return ZUploadInput.parse({
    image: image instanceof File ? Buffer.from(await image.arrayBuffer()).toString('base64') : (image ?? undefined),
    name: name ?? undefined
  });
}
