import { describe, expect, it } from 'vitest';
import { camelize, enumName, pascalize } from './wire';

describe('wire', () => {
  it('turns MessagePack payloads into the client shape', () => {
    const when = new Date('2026-01-02T03:04:05Z');
    expect(camelize({ CallId: 'c', Offer: { CallerId: 'a' }, ExpiresAt: [when, 0], Data: new Uint8Array([1]) })).toEqual({
      callId: 'c', offer: { callerId: 'a' }, expiresAt: '2026-01-02T03:04:05.000Z', data: new Uint8Array([1]),
    });
  });

  it('names keys for the server MessagePack binder', () => {
    expect(pascalize({ callId: 'c', sdpMLineIndex: 0, data: new Uint8Array([2]) })).toEqual({ CallId: 'c', SdpMLineIndex: 0, Data: new Uint8Array([2]) });
  });

  it('reads enums as names or numbers', () => {
    const names = ['None', 'Ringing', 'Accepted'] as const;
    expect(enumName('ringing', names)).toBe('Ringing');
    expect(enumName(2, names)).toBe('Accepted');
    expect(enumName(1, ['Blink', 'Turn'] as const, 1)).toBe('Blink');
    expect(enumName('other', names)).toBeUndefined();
  });
});
