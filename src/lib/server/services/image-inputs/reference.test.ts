import { describe, expect, it } from 'vitest';
import { parseImageReference } from './reference';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe(parseImageReference.name, () => {
  it.each([
    ['an id', ID],
    ['an id in capitals', ID.toUpperCase()],
    ['an atelier:// URI', `atelier://images/${ID}`],
    ['the URI of its preview', `atelier://images/${ID}/preview`],
    ['the relative url Atelier returned', `/files/images/2026/11/${ID}.png`],
    ['an absolute url Atelier returned, on any host', `https://elsewhere.example/files/images/2026/11/${ID}.webp`],
    ['a thumbnail url', `/files/images/2026/11/${ID}-thumb.webp`],
    ['a preview url', `/files/images/2026/11/${ID}-preview1024.webp`]
  ])('should read %s as a library image', (_, reference) => {
    expect(parseImageReference(reference)).toStrictEqual({ kind: 'library', id: ID });
  });

  it('should decode a data: URL and bare base64 to the same bytes', () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    const base64 = Buffer.from(bytes).toString('base64');

    expect(parseImageReference(`data:image/png;base64,${base64}`)).toStrictEqual({ kind: 'bytes', bytes });
    expect(parseImageReference(base64)).toStrictEqual({ kind: 'bytes', bytes });
  });

  it('should leave any other http(s) URL to be fetched', () => {
    expect(parseImageReference('https://images.example/cat.png')).toStrictEqual({
      kind: 'remote',
      url: new URL('https://images.example/cat.png')
    });
  });

  it.each([
    ['another scheme', 'file:///etc/passwd', 'validation'],
    ['an ftp URL', 'ftp://example.com/a.png', 'validation'],
    ['text that is not base64', 'a cat, on a mat!', 'validation'],
    ['text of base64 letters that is not padded base64', 'a cat on a mat', 'validation'],
    ['an atelier:// URI without a uuid', 'atelier://images/../../etc', 'not_found'],
    ['a files path without a uuid', '/files/images/2026/11/../../secret.png', 'not_found']
  ])('should refuse %s', (_, reference, kind) => {
    expect(() => parseImageReference(reference)).toThrow(expect.objectContaining({ kind }));
  });
});
