import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { AppError } from '../../errors';
import { MAX_IMAGE_BYTES } from '../../images/limits';
import { nonPublicReason } from './public-address';

export type RemoteFetchLimits = {
  /** Largest body accepted, in bytes (checked against Content-Length and while streaming). */
  maxBytes: number;
  /** Time for the whole fetch, redirects and body included, in milliseconds. */
  timeoutMs: number;
  /** Redirects followed before giving up. */
  maxRedirects: number;
};

export const DEFAULT_REMOTE_FETCH_LIMITS: RemoteFetchLimits = {
  maxBytes: MAX_IMAGE_BYTES,
  timeoutMs: 10_000,
  maxRedirects: 3
};

export type RemoteFetchOptions = { signal?: AbortSignal; limits?: Partial<RemoteFetchLimits> };

type ResolvedAddress = { address: string; family: number };

/**
 * How names become addresses and which non-public addresses are nevertheless reachable. Only code can
 * build one (there is no setting for it): tests use it to reach a server on 127.0.0.1.
 */
export type RemoteFetchPolicy = {
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  trustedAddresses?: readonly string[];
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const UPLOAD_INSTEAD = 'Upload the file instead, or give a URL on the public internet.';

/**
 * A fetcher of images from http(s) URLs that cannot be pointed at Atelier's own network: every name is
 * resolved here and each address checked, the connection goes to the address that was checked (so DNS
 * cannot answer differently between check and connect), and every redirect is checked again.
 */
export function createRemoteImageFetcher(policy: RemoteFetchPolicy = {}) {
  const resolve = policy.resolve ?? ((hostname: string) => dnsLookup(hostname, { all: true }));
  const trusted = new Set(policy.trustedAddresses ?? []);

  const refusalFor = (address: string, url: URL): AppError | null => {
    if (trusted.has(address)) return null;
    const reason = nonPublicReason(address);
    if (!reason) return null;
    const via = isIP(unbracket(url.hostname)) ? '' : `${url.hostname} resolves to ${address}, `;
    return new AppError('validation', `Refused to fetch ${url.href}: ${via}${reason}. ${UPLOAD_INSTEAD}`);
  };

  const agentFor = (url: URL) =>
    new Agent({
      connect: { lookup: checkedLookup(resolve, (address) => refusalFor(address, url)) }
    });

  return async function fetchRemoteImage(url: URL, options: RemoteFetchOptions = {}): Promise<Uint8Array> {
    const limits = { ...DEFAULT_REMOTE_FETCH_LIMITS, ...options.limits };
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      let current = url;
      for (let redirects = 0; ; redirects++) {
        const answer = await fetchOnce(current, signal);
        if (!('location' in answer)) return await readCapped(answer, current, limits.maxBytes);
        if (redirects >= limits.maxRedirects) {
          throw new AppError(
            'validation',
            `Refused to fetch ${url.href}: it redirects more than ${limits.maxRedirects} times. Give the image's final URL.`
          );
        }
        current = answer.location;
      }
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (timeout.aborted) {
        throw new AppError(
          'validation',
          `Fetching ${url.href} took longer than ${limits.timeoutMs / 1000} s. ${UPLOAD_INSTEAD}`,
          { cause: error }
        );
      }
      throw ownRefusal(error) ?? unreachable(url, error);
    }
  };

  async function fetchOnce(url: URL, signal: AbortSignal): Promise<Fetched | { location: URL }> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AppError(
        'validation',
        `Refused to fetch ${url.href}: only http and https URLs are fetched, not ${url.protocol.replace(':', '')}.`
      );
    }
    // A literal address never reaches the lookup below, so it is checked here.
    const literal = unbracket(url.hostname);
    if (isIP(literal)) {
      const refusal = refusalFor(literal, url);
      if (refusal) throw refusal;
    }
    const agent = agentFor(url);
    let handedOver = false;
    try {
      const response = await request(url, {
        dispatcher: agent,
        signal,
        headers: { accept: 'image/*', 'user-agent': 'Atelier image fetcher' }
      });
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(response.statusCode) && typeof location === 'string') {
        await response.body.dump();
        return { location: new URL(location, url) };
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        throw new AppError(
          'validation',
          `Fetching ${url.href} answered HTTP ${response.statusCode}. Check the URL, or upload the file instead.`
        );
      }
      handedOver = true;
      return { response, agent };
    } finally {
      // The body reader closes the agent once it has the bytes; every other way out closes it here.
      if (!handedOver) await agent.destroy();
    }
  }
}

type Fetched = { response: Awaited<ReturnType<typeof request>>; agent: Agent };

async function readCapped({ response, agent }: Fetched, url: URL, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError('too_large', `The image at ${url.href} is larger than ${sizeOf(maxBytes)}. Use a smaller image.`);
  try {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of response.body) {
      total += (chunk as Uint8Array).byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk as Uint8Array);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  } finally {
    await agent.destroy();
  }
}

/**
 * `net.connect`'s lookup: resolves the name, refuses it when any of its addresses is not public (so a
 * name cannot mix a public and an internal answer and let the connection pick), and hands the checked
 * addresses back for the connection itself.
 */
function checkedLookup(
  resolve: (hostname: string) => Promise<ResolvedAddress[]>,
  refusalFor: (address: string) => AppError | null
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refusal = addresses.map(({ address }) => refusalFor(address)).find((found) => found !== null);
        if (refusal) return callback(refusal, '', 0);
        const usable = addresses.filter(({ family }) => !options.family || family === options.family);
        if (usable.length === 0) return callback(new Error(`No address found for ${hostname}.`), '', 0);
        if (options.all) return (callback as (error: null, all: ResolvedAddress[]) => void)(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0)
    );
  };
}

function ownRefusal(error: unknown): AppError | null {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof AppError) return cause;
  }
  return null;
}

function unreachable(url: URL, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('validation', `Could not fetch ${url.href} (${reason}). ${UPLOAD_INSTEAD}`, { cause: error });
}

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}

function unbracket(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}

/** Fetches an image from an http(s) URL on the public internet (see `createRemoteImageFetcher`). */
export const fetchRemoteImage = createRemoteImageFetcher();
