import { describe, expect, it } from 'vitest';
import { largestPreview, webpSrcset } from './image-sources';

const previewUrls = [
  { width: 512, url: '/files/images/2026/12/a-preview512.webp' },
  { width: 1024, url: '/files/images/2026/12/a-preview1024.webp' }
];

describe('webpSrcset', () => {
  it('lists the thumbnail and the previews by width', () => {
    expect(webpSrcset({ thumbnailUrl: '/files/images/2026/12/a-thumb.webp', previewUrls })).toBe(
      '/files/images/2026/12/a-thumb.webp 256w, /files/images/2026/12/a-preview512.webp 512w, /files/images/2026/12/a-preview1024.webp 1024w'
    );
  });

  it('is undefined for an image without files', () => {
    expect(webpSrcset({ thumbnailUrl: null, previewUrls: [] })).toBeUndefined();
  });
});

describe('largestPreview', () => {
  it('takes the 1024 px preview, and the stored file only when there is no preview', () => {
    expect(largestPreview({ url: '/files/images/2026/12/a.png', previewUrls })).toBe(previewUrls[1]!.url);
    expect(largestPreview({ url: '/files/images/2026/12/a.png', previewUrls: [] })).toBe('/files/images/2026/12/a.png');
  });
});
