import { describe, expect, it } from 'vitest';
import { decodeRgba } from './decode';
import { encodeRgba } from './encode';
import { extendCanvas } from './outpaint';

describe(extendCanvas.name, () => {
  it('should place the image inside a larger canvas and mask exactly the new margins', async () => {
    const image = await encodeRgba(new Uint8Array(10 * 6 * 4).fill(200), 10, 6);

    const { image: canvas, mask } = await extendCanvas({ bytes: image }, { left: 3, right: 1, up: 2, down: 0 });

    expect([canvas.width, canvas.height, mask.width, mask.height]).toStrictEqual([14, 8, 14, 8]);
    const { pixels, width } = await decodeRgba(mask.bytes);
    const at = (x: number, y: number) => pixels[(y * width + x) * 4]!;
    expect([at(2, 5), at(3, 1), at(13, 5), at(3, 2), at(12, 7)]).toStrictEqual([255, 255, 255, 0, 0]);
    const inside = (await decodeRgba(canvas.bytes)).pixels;
    expect(inside[(4 * 14 + 6) * 4]).toBe(200);
  });
});
