import { sharp } from '../sharp';

/**
 * An edge-rich opaque picture (bars, a ring, a triangle on a light ground) drawn at `size`² from vectors, so
 * the same scene exists sharp at every size: the original an upscaler should get back to.
 */
export async function makeEdgeImage(size: number): Promise<Uint8Array> {
  const bars = Array.from(
    { length: 6 },
    (_, index) => `<rect x="${8 + index * 8}" y="4" width="4" height="40" fill="#203040"/>`
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
    <rect width="100" height="100" fill="#f4f0e0"/>${bars}
    <circle cx="72" cy="28" r="20" fill="none" stroke="#c03020" stroke-width="3"/>
    <polygon points="8,96 48,56 56,96" fill="#2060c0"/>
    <rect x="62" y="62" width="30" height="30" fill="#30a050" transform="rotate(20 77 77)"/>
  </svg>`;
  const png = await sharp(Buffer.from(svg)).flatten().png().toBuffer();
  return new Uint8Array(png);
}

/** `image` reduced `factor`× with bicubic resampling, the degradation super-resolution networks learn to undo. */
export async function shrink(image: Uint8Array, factor: number): Promise<Uint8Array> {
  const { width, height } = await sharp(image).metadata();
  const png = await sharp(image)
    .resize(width / factor, height / factor, { kernel: 'cubic' })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}
