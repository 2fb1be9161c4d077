import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { createRemoteImageFetcher, fetchRemoteImage } from './remote';

const IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);

let server: Server;
let port: number;
let requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    requests.push(url.pathname + url.search);
    if (url.pathname === '/image.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': IMAGE.byteLength });
      res.end(IMAGE);
    } else if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/image.png' });
      res.end();
    } else if (url.pathname === '/hops') {
      const left = Number(url.searchParams.get('left'));
      res.writeHead(301, { location: left > 0 ? `/hops?left=${left - 1}` : '/image.png' });
      res.end();
    } else if (url.pathname === '/declared-large') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': 1000 });
      res.end(new Uint8Array(1000));
    } else if (url.pathname === '/streamed-large') {
      res.writeHead(200, { 'content-type': 'image/png' });
      for (let i = 0; i < 10; i++) res.write(new Uint8Array(100));
      res.end();
    } else if (url.pathname === '/silent') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(IMAGE.slice(0, 4));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
});

/** A fetcher that may reach this test's server on 127.0.0.1 (and only that address) under made-up names. */
const trusting = createRemoteImageFetcher({
  trustedAddresses: ['127.0.0.1'],
  resolve: async (hostname) => {
    const names: Record<string, string> = {
      'images.test': '127.0.0.1',
      'loopback.test': '127.0.0.2',
      'internal.test': '10.20.30.40',
      'mixed.test': '127.0.0.1'
    };
    const address = names[hostname];
    if (!address) throw new Error(`unknown test name ${hostname}`);
    return hostname === 'mixed.test'
      ? [
          { address: '93.184.215.14', family: 4 },
          { address: '169.254.169.254', family: 4 }
        ]
      : [{ address, family: 4 }];
  }
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('fetchRemoteImage', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['[::ffff:127.0.0.1]', 'IPv6 form of 127.0.0.1'],
    ['[::ffff:169.254.169.254]', 'IPv6 form of 169.254.169.254'],
    ['[64:ff9b::10.0.0.1]', 'IPv6 form of 10.0.0.1'],
    ['[fd00::1]', 'unique-local'],
    ['[fe80::1]', 'link-local'],
    ['0x7f.1', 'loopback']
  ])('should refuse the address %s without connecting', async (host, reason) => {
    const sut = await refusal(fetchRemoteImage(new URL(`http://${host}:${port}/image.png`)));

    expect(sut.kind).toBe('validation');
    expect(sut.message).toContain(reason);
    expect(requests).toStrictEqual([]);
  });

  it('should refuse a name that resolves to loopback', async () => {
    const sut = await refusal(fetchRemoteImage(new URL(`http://localhost:${port}/image.png`)));

    expect(sut.kind).toBe('validation');
    expect(sut.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(requests).toStrictEqual([]);
  });

  it('should refuse a name when any of its addresses is internal', async () => {
    const sut = await refusal(trusting(new URL('http://mixed.test/image.png')));

    expect(sut.message).toContain('mixed.test resolves to 169.254.169.254');
  });

  it.each(['ftp://example.com/image.png', 'file:///etc/passwd', 'data:image/png;base64,iVBORw0KGgo='])(
    'should refuse the non-http URL %s',
    async (url) => {
      const sut = await refusal(fetchRemoteImage(new URL(url)));

      expect(sut.kind).toBe('validation');
      expect(sut.message).toContain('only http and https URLs are fetched');
    }
  );

  it('should fetch the bytes from an allowed address, connecting to the address it checked', async () => {
    const sut = await trusting(new URL(`http://images.test:${port}/image.png`));

    expect(sut).toStrictEqual(IMAGE);
  });

  it('should follow a redirect to an allowed address', async () => {
    const sut = await trusting(new URL(`http://images.test:${port}/redirect`));

    expect(sut).toStrictEqual(IMAGE);
    expect(requests).toStrictEqual(['/redirect', '/image.png']);
  });

  it.each([
    ['a loopback address', 'http://127.0.0.2:PORT/image.png', 'a loopback address'],
    ['a name resolving to loopback', 'http://loopback.test:PORT/image.png', 'loopback.test resolves to 127.0.0.2'],
    ['a private name', 'http://internal.test:PORT/image.png', 'internal.test resolves to 10.20.30.40'],
    ['the metadata service', 'http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['a file URL', 'file:///etc/passwd', 'only http and https']
  ])('should refuse a redirect to %s', async (_, target, reason) => {
    const start = new URL(`http://images.test:${port}/redirect`);
    start.searchParams.set('to', target.replace('PORT', String(port)));

    const sut = await refusal(trusting(start));

    expect(sut.kind).toBe('validation');
    expect(sut.message).toContain(reason);
    expect(requests).toStrictEqual([start.pathname + start.search]);
  });

  it('should refuse more redirects than the limit', async () => {
    const sut = await refusal(trusting(new URL(`http://images.test:${port}/hops?left=3`)));

    expect(sut.kind).toBe('validation');
    expect(sut.message).toContain('redirects more than 3 times');
    expect(requests).toHaveLength(4);
  });

  it('should follow as many redirects as the limit allows', async () => {
    const sut = await trusting(new URL(`http://images.test:${port}/hops?left=2`));

    expect(sut).toStrictEqual(IMAGE);
  });

  it('should refuse a body whose Content-Length is over the limit', async () => {
    const sut = await refusal(
      trusting(new URL(`http://images.test:${port}/declared-large`), { limits: { maxBytes: 999 } })
    );

    expect(sut.kind).toBe('too_large');
    expect(sut.message).toContain('/declared-large is larger than 999 bytes');
  });

  it('should stop reading a body without Content-Length once it passes the limit', async () => {
    const sut = await refusal(
      trusting(new URL(`http://images.test:${port}/streamed-large`), { limits: { maxBytes: 999 } })
    );

    expect(sut.kind).toBe('too_large');
  });

  it('should give up on a server that stops sending', async () => {
    const sut = await refusal(trusting(new URL(`http://images.test:${port}/silent`), { limits: { timeoutMs: 200 } }));

    expect(sut.kind).toBe('validation');
    expect(sut.message).toContain('took longer than 0.2 s');
  });

  it("should pass the caller's abort on as it is", async () => {
    const controller = new AbortController();
    const fetching = trusting(new URL(`http://images.test:${port}/silent`), { signal: controller.signal });
    controller.abort(new Error('client left'));

    await expect(fetching).rejects.toThrow('client left');
  });

  it('should refuse an error status', async () => {
    const sut = await refusal(trusting(new URL(`http://images.test:${port}/missing.png`)));

    expect(sut.message).toContain('answered HTTP 404');
  });
});
