import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url';

describe('base64url', () => {
  it('round-trips without padding', () => {
    const bytes = new Uint8Array([0, 251, 255, 62, 63, 1]);
    const text = toBase64Url(bytes);
    expect(text).toBe('APv_Pj8B');
    expect([...fromBase64Url(text)]).toEqual([...bytes]);
  });

  it('is strict: padding, whitespace and the standard alphabet are refused', () => {
    expect(() => fromBase64Url('AA==')).toThrow();
    expect(() => fromBase64Url('AA AA')).toThrow();
    expect(() => fromBase64Url('A+/A')).toThrow();
    expect(() => fromBase64Url('A')).toThrow();
  });
});
