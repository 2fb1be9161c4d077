import { MAX_IMAGE_BYTES } from '../images';
import { ProviderError } from './errors';
import type { ProducedImage } from './types';

const MEDIA_TYPES: Record<string, ProducedImage['mediaType']> = {
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/webp': 'image/webp'
};

/** PNG, JPEG and WebP by their first bytes, for vendors that send no (or a generic) content type. */
export function sniffMediaType(bytes: Uint8Array): ProducedImage['mediaType'] | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const riff = String.fromCharCode(...bytes.subarray(0, 4));
  const webp = String.fromCharCode(...bytes.subarray(8, 12));
  if (riff === 'RIFF' && webp === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * Fetches an output the vendor stored for us (Replicate delivery URLs, DALL·E `url` mode) right away,
 * because such URLs expire. The answer is bounded by MAX_IMAGE_BYTES; the work is already paid for, so
 * every failure here says so (`beforePaidWork: false`).
 */
export async function downloadVendorImage(
  providerId: string,
  label: string,
  url: string,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {}
): Promise<ProducedImage> {
  const failed = (what: string, cause?: unknown) =>
    new ProviderError('provider_error', `${label} made the image but it could not be downloaded: ${what}.`, {
      providerId,
      beforePaidWork: false,
      cause
    });
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) throw failed('not an http(s) URL');
  const response = await (options.fetch ?? fetch)(parsed, { signal: options.signal, redirect: 'follow' }).catch(
    (error: unknown) => {
      throw failed('the download did not connect', error);
    }
  );
  if (!response.ok) throw failed(`HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_IMAGE_BYTES) throw failed(`${declared} bytes is above the ${MAX_IMAGE_BYTES}-byte limit`);
  const reader = response.body?.getReader();
  if (!reader) throw failed('empty body');
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > MAX_IMAGE_BYTES) {
      await reader.cancel();
      throw failed(`more than ${MAX_IMAGE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const declaredType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const mediaType = sniffMediaType(bytes) ?? MEDIA_TYPES[declaredType];
  if (!mediaType) throw failed('the file is not a PNG, JPEG or WebP image');
  return { bytes, mediaType };
}
