import { AppError } from '../../errors';

export type RemoteFetchLimits = { maxBytes: number; timeoutMs: number; maxRedirects: number };

/**
 * The bytes behind an http(s) URL, fetched so that no caller can reach this server's own network.
 * Not built yet (the `inputs` work of issue 12 builds it): every URL is refused.
 */
export async function fetchRemoteImage(
  url: URL,
  _options: { signal?: AbortSignal; limits?: Partial<RemoteFetchLimits> } = {}
): Promise<Uint8Array> {
  throw new AppError(
    'unsupported',
    `Fetching images from other sites (${url.host}) is not built yet; upload the image or send it as a data: URL.`
  );
}
