/**
 * What the provider suites share: call settings short enough for tests, the rejection of a call that must
 * fail, small input images, and an address where nothing listens.
 */
import { createServer } from 'node:net';
import { AppError } from '$lib/server/errors';
import { encodeRgba, inspectImage } from '$lib/server/images';
import { ProviderError } from '$lib/server/providers/errors';
import type { InputImage, ProviderCallSettings } from '$lib/server/providers/types';

/** Timeouts of a few seconds (the fakes answer in milliseconds), two retries, waits of at most 1 s. */
export function testCallSettings(overrides: Partial<ProviderCallSettings> & { timeoutMs?: number } = {}) {
  const { timeoutMs = 3_000, ...settings } = overrides;
  const calls: ProviderCallSettings = {
    timeoutsMs: { generate: timeoutMs, edit: timeoutMs, job: timeoutMs },
    maxRetries: 2,
    maxRetryDelayMs: 1_000,
    ...settings
  };
  return calls;
}

/** The reason `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason
  );
}

export async function providerErrorOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await rejectionOf(promise);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await rejectionOf(promise);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** A flat PNG of one grey `value`. */
export async function pngImage(width: number, height: number, value = 90): Promise<InputImage> {
  const bytes = await encodeRgba(new Uint8Array(width * height * 4).fill(value), width, height);
  return { bytes, mediaType: 'image/png', width, height };
}

export async function sizeOf(bytes: Uint8Array) {
  const { width, height, mediaType } = await inspectImage(bytes);
  return { width, height, mediaType };
}

/** `http://127.0.0.1:<port><path>` on a port that was free a moment ago and has nothing listening. */
export async function closedPortUrl(path = ''): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}${path}`;
}
