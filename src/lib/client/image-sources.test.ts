import { describe, expect, it } from 'vitest';
import { largestPreview, webpSrcset } from './image-sources';

const previewUrls = [
  { width: 512, url: '/files/images/2026/12/a-preview512.webp' },
  { width: 1024, url: '/files/images/2026/12/a-preview1024.webp' }
];

describe('webpSrcset', () => {
  const thumbnailUrl = '/files/images/2026/12/a-thumb.webp';

  it('lists the thumbnail and the previews by their real widths', () => {
    expect(webpSrcset({ thumbnailUrl, previewUrls, width: 1024, height: 1536 })).toBe(
      `${thumbnailUrl} 171w, ${previewUrls[0]!.url} 341w, ${previewUrls[1]!.url} 683w`
    );
  });

  it('leaves out previews as wide as a smaller one (a small image is never enlarged)', () => {
    expect(webpSrcset({ thumbnailUrl, previewUrls, width: 256, height: 256 })).toBe(`${thumbnailUrl} 256w`);
    expect(webpSrcset({ thumbnailUrl, previewUrls, width: 768, height: 768 })).toBe(
      `${thumbnailUrl} 256w, ${previewUrls[0]!.url} 512w, ${previewUrls[1]!.url} 768w`
    );
  });

  it('is undefined for an image without files', () => {
    expect(webpSrcset({ thumbnailUrl: null, previewUrls: [], width: null, height: null })).toBeUndefined();
  });
});

describe('largestPreview', () => {
  it('takes the 1024 px preview, and the stored file only when there is no preview', () => {
    expect(largestPreview({ url: '/files/images/2026/12/a.png', previewUrls })).toBe(previewUrls[1]!.url);
    expect(largestPreview({ url: '/files/images/2026/12/a.png', previewUrls: [] })).toBe('/files/images/2026/12/a.png');
  });
});
