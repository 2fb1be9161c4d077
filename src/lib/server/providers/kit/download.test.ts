import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../../images';
import { downloadVendorImage } from './download';
import { ProviderError } from '../errors';

const VENDOR = { providerId: 'vendor', label: 'Vendor' };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe(downloadVendorImage.name, () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('should refuse a data: URL above MAX_IMAGE_BYTES like a download', async () => {
    const bytes = Buffer.alloc(MAX_IMAGE_BYTES + 1);
    bytes.set(PNG_SIGNATURE);

    const error = await failureOf(downloadVendorImage(VENDOR, `data:image/png;base64,${bytes.toString('base64')}`));

    expect(error.message).toBe(
      `Vendor made the image but it could not be downloaded: more than ${MAX_IMAGE_BYTES} bytes.`
    );
  });

  it('should stop following redirects after five hops', async () => {
    const server = createServer((request, response) => {
      const hop = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('hop'));
      response.writeHead(302, { location: `/image.png?hop=${hop + 1}` }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => server.close();
    const { port } = server.address() as AddressInfo;

    const error = await failureOf(downloadVendorImage(VENDOR, `http://127.0.0.1:${port}/image.png?hop=0`));

    expect([error.kind, error.beforePaidWork, error.message]).toStrictEqual([
      'provider_error',
      false,
      'Vendor made the image but it could not be downloaded: it redirected more than 5 times.'
    ]);
  });
});
