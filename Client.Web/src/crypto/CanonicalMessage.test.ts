import { describe, expect, it } from 'vitest';
import { authenticateMessage, callOfferMessage, canonical, resumeMessage } from './CanonicalMessage';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('CanonicalMessage', () => {
  it('builds the exact text the server verifies', () => {
    expect(text(authenticateMessage('alice', 'alice:abc', 'n0nce'))).toBe('securecall/auth/v1\nalice\nalice:abc\nn0nce');
    expect(text(resumeMessage('alice', 'alice:abc', 'n0nce', 'grant_1'))).toBe('securecall/resume/v1\nalice\nalice:abc\nn0nce\ngrant_1');
    expect(text(callOfferMessage('c', 'a', 'b', 'n', 'sha-256 AA:BB'))).toBe('securecall/call-offer/v1\nc\na\nb\nn\nsha-256 AA:BB');
  });

  it('refuses a field with a newline (it would make the encoding ambiguous)', () => {
    expect(() => canonical('h', 'a\nb')).toThrow(/newline/);
  });
});
