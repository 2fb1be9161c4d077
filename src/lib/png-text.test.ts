import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPngText, writePngText } from './png-text';

let png: Uint8Array;

beforeAll(async () => {
  const buffer = await sharp({ create: { width: 8, height: 4, channels: 3, background: '#c03020' } })
    .png()
    .toBuffer();
  png = new Uint8Array(buffer);
});

describe(writePngText.name, () => {
  it('should write text chunks that read back, and that libvips reads too', async () => {
    const sut = writePngText(png, { parameters: 'a red lighthouse\nSteps: 30', atelier: '{"seed":42}' });

    expect(readPngText(sut)).toStrictEqual({ parameters: 'a red lighthouse\nSteps: 30', atelier: '{"seed":42}' });
    const { comments, width } = await sharp(sut).metadata();
    expect(width).toBe(8);
    expect(comments).toStrictEqual([
      { keyword: 'parameters', text: 'a red lighthouse\nSteps: 30' },
      { keyword: 'atelier', text: '{"seed":42}' }
    ]);
  });

  it('should keep a UTF-8 prompt intact through an iTXt chunk', async () => {
    const prompt = 'phare rouge à l’aube, 灯台, 🌊';

    const sut = writePngText(png, { parameters: prompt });

    expect(readPngText(sut)).toStrictEqual({ parameters: prompt });
    expect(new TextDecoder('latin1').decode(sut.subarray(37, 41))).toBe('iTXt');
    const { comments } = await sharp(sut).metadata();
    expect(comments).toStrictEqual([{ keyword: 'parameters', text: prompt }]);
  });

  it('should put the chunk right after IHDR and keep the pixels', async () => {
    const sut = writePngText(png, { atelier: '{}' });

    expect(new TextDecoder('latin1').decode(sut.subarray(37, 41))).toBe('tEXt');
    const [before, after] = await Promise.all([sharp(png).raw().toBuffer(), sharp(sut).raw().toBuffer()]);
    expect(after.equals(before)).toBe(true);
  });

  it('should replace an earlier chunk of the same keyword', () => {
    const once = writePngText(png, { atelier: 'old', other: 'kept' });

    const sut = writePngText(once, { atelier: 'new' });

    expect(readPngText(sut)).toStrictEqual({ atelier: 'new', other: 'kept' });
  });

  it('should refuse a file that is not a PNG', async () => {
    const jpeg = new Uint8Array(await sharp(Buffer.from(png)).jpeg().toBuffer());

    expect(() => writePngText(jpeg, { atelier: '{}' })).toThrow('Not a PNG file');
    expect(() => readPngText(jpeg)).toThrow('Not a PNG file');
  });

  it('should refuse a chunk whose CRC does not match', () => {
    const sut = writePngText(png, { atelier: '{"seed":42}' });
    sut[50] = sut[50]! ^ 0xff;

    expect(() => readPngText(sut)).toThrow('fails its CRC check');
  });

  it('should refuse a keyword PNG does not allow', () => {
    expect(() => writePngText(png, { ' padded': 'x' })).toThrow('is not a PNG text keyword');
  });
});

describe(readPngText.name, () => {
  it('should find no text in a PNG without any', () => {
    expect(readPngText(png)).toStrictEqual({});
  });
});
