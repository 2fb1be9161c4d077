import { MAX_IMAGE_BYTES } from '../../images';
import { ProviderError, type Vendor } from '../errors';
import type { ProducedImage } from '../types';

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

/** Enough for a CDN hop or two; a vendor's delivery never needs more. */
const MAX_REDIRECTS = 5;

type Failed = (what: string, cause?: unknown) => ProviderError;

function isHostOf(hostname: string, domain: string): boolean {
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

/**
 * Follows redirects by hand so each hop is checked before it is requested: a hop may stay on the origin
 * the vendor named, or go over https to one of its `deliveryHosts` (or their subdomains); anything else
 * (another site, an address inside our network) is refused.
 */
async function fetchWithinVendorHosts(
  first: URL,
  deliveryHosts: readonly string[],
  label: string,
  options: { signal?: AbortSignal; fetch?: typeof fetch },
  failed: Failed
): Promise<Response> {
  const allowed = (url: URL) =>
    url.origin === first.origin ||
    (url.protocol === 'https:' && url.port === '' && deliveryHosts.some((host) => isHostOf(url.hostname, host)));
  let url = first;
  for (let hop = 0; ; hop++) {
    const response = await (options.fetch ?? fetch)(url, { signal: options.signal, redirect: 'manual' }).catch(
      (error: unknown) => {
        // An abort is the deadline's to explain (a timeout, or a caller who left), not a failed download.
        throw options.signal?.aborted ? error : failed('the download did not connect', error);
      }
    );
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) throw failed(`it redirected more than ${MAX_REDIRECTS} times`);
    const next = URL.canParse(location, url) ? new URL(location, url) : undefined;
    if (!next || !allowed(next)) {
      throw failed(`it redirected to ${next?.origin ?? location}, which is not one of ${label}'s hosts`);
    }
    url = next;
  }
}

/**
 * Fetches an output the vendor stored for us (Replicate delivery URLs, DALL·E `url` mode) right away,
 * because such URLs expire; a `data:` URL (Replicate's sync mode) is read the same way. The answer is
 * bounded by MAX_IMAGE_BYTES; the work is already paid for, so every failure here says so
 * (`beforePaidWork: false`).
 */
export async function downloadVendorImage(
  { providerId, label }: Vendor,
  url: string,
  options: { signal?: AbortSignal; fetch?: typeof fetch; deliveryHosts?: readonly string[] } = {}
): Promise<ProducedImage> {
  const failed: Failed = (what, cause) =>
    new ProviderError('provider_error', `${label} made the image but it could not be downloaded: ${what}.`, {
      providerId,
      beforePaidWork: false,
      cause
    });
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  let response: Response;
  if (parsed?.protocol === 'data:') {
    response = await fetch(parsed).catch((error: unknown) => {
      throw failed('the data: URL is malformed', error);
    });
  } else if (parsed?.protocol === 'https:' || parsed?.protocol === 'http:') {
    response = await fetchWithinVendorHosts(parsed, options.deliveryHosts ?? [], label, options, failed);
  } else {
    throw failed('not an http(s) or data: URL');
  }
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
