import { AppError } from '../../errors';
import { MAX_IMAGE_BYTES } from '../../images';
import { imageIdOfKey } from '../blob-keys';

/**
 * How an operation names an image, as one string: a library id or `atelier://images/<id>` (or its `/preview`), the `url`
 * Atelier returned (`/files/images/…`, relative or absolute), a `data:` URL, bare base64, or an http(s)
 * URL the server fetches.
 */
export type ImageReference = string;

export type ParsedReference =
  { kind: 'library'; id: string } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'remote'; url: URL };

/** Longest reference accepted: base64 of the largest image, with room for a `data:` prefix. */
export const MAX_REFERENCE_LENGTH = Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 100;

export const MAX_IMAGE_MEGABYTES = MAX_IMAGE_BYTES / (1024 * 1024);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An image's resource or its preview's: either names the image itself. */
const ATELIER_URI = /^atelier:\/\/images\/(.*?)(?:\/preview)?$/;
const FILES_PATH = /^\/files\/(images\/.+)$/;
const DATA_URL = /^data:image\/[a-z0-9.+-]+(?:;[a-z0-9=.+-]+)*;base64,(.*)$/is;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const UNREADABLE_REFERENCE =
  'The image must be an image id, atelier://images/<id>, a URL Atelier returned, an http(s) URL, a data: URL or base64 bytes.';

/** Tells apart the kinds of reference; decodes inline bytes (their content is validated when loaded). */
export function parseImageReference(reference: ImageReference): ParsedReference {
  const text = reference.trim();
  if (UUID.test(text)) return { kind: 'library', id: text.toLowerCase() };
  const uri = ATELIER_URI.exec(text);
  if (uri) return { kind: 'library', id: libraryId(uri[1]!) };
  const data = DATA_URL.exec(text);
  if (data) return { kind: 'bytes', bytes: decodeBase64(data[1]!) };
  const path = libraryPath(text);
  if (path) return { kind: 'library', id: libraryId(imageIdOfKey(path) ?? '') };
  if (/^https?:\/\//i.test(text)) return { kind: 'remote', url: new URL(text) };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !BASE64.test(text)) {
    throw new AppError('validation', `Only http and https URLs can be fetched. ${UNREADABLE_REFERENCE}`);
  }
  return { kind: 'bytes', bytes: decodeBase64(text) };
}

/**
 * The blob key of a URL Atelier made for an image (`/files/images/…`), on whatever host: such a path is
 * always read from the library, never fetched, so a caller cannot make the server request itself.
 */
function libraryPath(text: string): string | undefined {
  let pathname = text;
  if (/^https?:\/\//i.test(text)) {
    try {
      pathname = new URL(text).pathname;
    } catch {
      return undefined;
    }
  }
  return FILES_PATH.exec(pathname)?.[1];
}

function libraryId(id: string): string {
  if (!UUID.test(id))
    throw new AppError('not_found', 'No such image in your library; list your images to find its id.');
  return id.toLowerCase();
}

function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact))
    throw new AppError('validation', UNREADABLE_REFERENCE);
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
