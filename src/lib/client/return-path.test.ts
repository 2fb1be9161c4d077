import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInHref } from './return-path';

describe(safeReturnPath.name, () => {
  it.each(['/admin?x=1', '/library?q=harbour#top', '/account'])('should honour the same-site path %s', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    '//evil.example',
    '///evil.example',
    'https://evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'admin',
    '',
    null,
    undefined
  ])('should send %s to the studio instead', (value) => {
    expect(safeReturnPath(value)).toBe('/');
  });
});

describe(signInHref.name, () => {
  it('should carry the visited path and query to the sign-in page', () => {
    expect(signInHref(new URL('http://localhost/admin?x=1'))).toBe('/sign-in?redirectTo=%2Fadmin%3Fx%3D1');
  });

  it('should leave the parameter out for the studio', () => {
    expect(signInHref(new URL('http://localhost/'))).toBe('/sign-in');
  });
});
