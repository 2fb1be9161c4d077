/**
 * PNG text chunks (tEXt, and iTXt for text beyond Latin-1), written right after IHDR and read back, in plain
 * TypeScript so the server and the browser share it. sharp reads such chunks but cannot write them
 * (shared/offline-ml.md). Chunk layout: https://www.w3.org/TR/png-3/#11textinfo
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

type Chunk = { type: string; start: number; end: number; data: Uint8Array };

function* chunksOf(png: Uint8Array): Generator<Chunk> {
  if (png.length < 8 || SIGNATURE.some((byte, i) => png[i] !== byte)) {
    throw new Error('Not a PNG file: the PNG signature is missing.');
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  while (offset + 12 <= png.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error('The PNG file is truncated.');
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== view.getUint32(offset + 8 + length)) {
      throw new Error(`The PNG file is corrupt: chunk at byte ${offset} fails its CRC check.`);
    }
    const type = latin1.decode(typeAndData.subarray(0, 4));
    yield { type, start: offset, end, data: typeAndData.subarray(4) };
    if (type === 'IEND') return;
    offset = end;
  }
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat([encoder.encode(type), data]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeAndData, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return out;
}

const isLatin1 = (text: string) => [...text].every((char) => char.charCodeAt(0) <= 0xff);

function textChunk(keyword: string, text: string): Uint8Array {
  if (!/^[\u0020-\u007e\u00a1-\u00ff]{1,79}$/.test(keyword) || keyword !== keyword.trim()) {
    throw new Error(`"${keyword}" is not a PNG text keyword (1–79 Latin-1 characters, no leading or trailing space).`);
  }
  const key = Uint8Array.from(keyword, (char) => char.charCodeAt(0));
  if (isLatin1(text)) {
    return chunk('tEXt', concat([key, Uint8Array.of(0), Uint8Array.from(text, (char) => char.charCodeAt(0))]));
  }
  // iTXt, uncompressed, with empty language tag and translated keyword.
  return chunk('iTXt', concat([key, Uint8Array.of(0, 0, 0, 0, 0), encoder.encode(text)]));
}

function parseText(chunk: Chunk): [string, string] | null {
  const nul = chunk.data.indexOf(0);
  if (nul < 1) return null;
  const keyword = latin1.decode(chunk.data.subarray(0, nul));
  if (chunk.type === 'tEXt') return [keyword, latin1.decode(chunk.data.subarray(nul + 1))];
  if (chunk.type !== 'iTXt' || chunk.data[nul + 1] !== 0) return null;
  const languageEnd = chunk.data.indexOf(0, nul + 3);
  const translatedEnd = languageEnd < 0 ? -1 : chunk.data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  return [keyword, utf8.decode(chunk.data.subarray(translatedEnd + 1))];
}

/**
 * A copy of `png` with one text chunk per entry right after IHDR, replacing any earlier text chunk of the
 * same keyword. Throws when `png` is not a PNG or any chunk fails its CRC.
 */
export function writePngText(png: Uint8Array, entries: Record<string, string>): Uint8Array<ArrayBuffer> {
  const chunks = [...chunksOf(png)];
  if (chunks[0]?.type !== 'IHDR') throw new Error('Not a PNG file: IHDR is not the first chunk.');
  const kept = chunks.filter((found) => {
    const text = found.type === 'tEXt' || found.type === 'iTXt' ? parseText(found) : null;
    return !text || !(text[0] in entries);
  });
  const added = Object.entries(entries).map(([keyword, text]) => textChunk(keyword, text));
  const [ihdr, ...rest] = kept.map((found) => png.subarray(found.start, found.end));
  return concat([Uint8Array.from(SIGNATURE), ihdr!, ...added, ...rest]);
}

/**
 * Every uncompressed text chunk (tEXt, iTXt) of a PNG by keyword; a later chunk wins over an earlier one of
 * the same keyword. Compressed ones (zTXt, compressed iTXt) are skipped. Throws when `png` is not a PNG or
 * any chunk fails its CRC.
 */
export function readPngText(png: Uint8Array): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const found of chunksOf(png)) {
    const text = found.type === 'tEXt' || found.type === 'iTXt' ? parseText(found) : null;
    if (text) texts[text[0]] = text[1];
  }
  return texts;
}
