import { describe, expect, it } from 'vitest';
import { isCrossSiteForm } from './cross-site-forms';

const APP = 'https://atelier.example';
const ORIGINS = [APP, 'http://localhost:3000'];

function request(method: string, headers: Record<string, string>) {
  return new Request(`${APP}/api/images/upload`, { method, headers, body: method === 'GET' ? undefined : 'x' });
}

describe(isCrossSiteForm.name, () => {
  it.each([
    ['multipart/form-data; boundary=x', { origin: 'https://evil.example' }],
    ['application/x-www-form-urlencoded', {}],
    ['text/plain;charset=UTF-8', { origin: 'null' }]
  ])('should refuse a %s POST from another or no origin without a key', (contentType, headers) => {
    expect(isCrossSiteForm(request('POST', { 'content-type': contentType, ...headers }), ORIGINS)).toBe(true);
  });

  it.each([
    ['a key', { 'content-type': 'multipart/form-data; boundary=x', authorization: 'Bearer atk_x' }],
    ['the app origin', { 'content-type': 'multipart/form-data; boundary=x', origin: APP }],
    ['another trusted origin', { 'content-type': 'text/plain', origin: 'http://localhost:3000' }],
    ['a JSON body', { 'content-type': 'application/json', origin: 'https://evil.example' }]
  ])('should let a POST with %s through', (_name, headers) => {
    expect(isCrossSiteForm(request('POST', headers), ORIGINS)).toBe(false);
  });

  it('should let a GET through', () => {
    expect(isCrossSiteForm(request('GET', { 'content-type': 'text/plain' }), ORIGINS)).toBe(false);
  });
});
