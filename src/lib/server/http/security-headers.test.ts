import { describe, expect, it } from 'vitest';
import { imageOriginOf, withSecurityHeaders } from './security-headers';

const KIT_CSP = "default-src 'self'; script-src 'self' 'nonce-abc'; img-src 'self' data: blob:; frame-ancestors 'none'";

function page(csp = KIT_CSP) {
  return new Response('<!doctype html>', { headers: { 'content-type': 'text/html', 'content-security-policy': csp } });
}

describe(withSecurityHeaders.name, () => {
  it('should add the image CDN to img-src and leave the other directives alone', () => {
    const sut = withSecurityHeaders(page(), { imageOrigin: 'https://cdn.example.com' });

    expect(sut.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc'; img-src 'self' data: blob: https://cdn.example.com; frame-ancestors 'none'"
    );
  });

  it('should keep the CSP as Kit wrote it when images are served from our own /files', () => {
    const sut = withSecurityHeaders(page(), { imageOrigin: imageOriginOf('/files') });

    expect(sut.headers.get('content-security-policy')).toBe(KIT_CSP);
  });

  it('should secure answers whose headers cannot be changed, keeping status and location', () => {
    const sut = withSecurityHeaders(Response.redirect('http://atelier.test/sign-in', 303), { imageOrigin: null });

    expect(sut.status).toBe(303);
    expect(sut.headers.get('location')).toBe('http://atelier.test/sign-in');
    expect(sut.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sut.headers.get('content-security-policy')).toBeNull();
  });
});

describe(imageOriginOf.name, () => {
  it('should take the origin of an absolute CDN URL and nothing of a path', () => {
    expect(imageOriginOf('https://cdn.example.com/atelier/images')).toBe('https://cdn.example.com');
    expect(imageOriginOf('/files')).toBeNull();
  });
});
