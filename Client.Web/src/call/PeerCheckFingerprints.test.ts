import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/ApiClient';
import { toBase64Url } from '../api/base64url';
import { callAnswerMessage, callOfferMessage } from '../crypto/CanonicalMessage';
import type { Identity } from '../crypto/KeyStore';
import { sign } from '../crypto/Signatures';
import { firefoxSdp, other256, other384, signed } from './FirefoxSdp.fixture';
import { checkAnswer, checkOffer, passes } from './PeerCheck';

// The contact book lives in IndexedDB; these tests are about the SDP, so every key is a first sighting.
vi.mock('../crypto/ContactStore', () => ({ ContactStore: { check: async () => ({ kind: 'new' }) } }));

// Issue 26, item 2, in the browser: the callee's check of the offer and the caller's check of the answer refuse an
// SDP that lists another certificate beside the signed one under another spelling (what Firefox would accept).
const s = `a=fingerprint:${signed}`;
const honest = firefoxSdp(s, s, s, s);
const attacked = [
  ['a mixed-case attribute in the video section', firefoxSdp(s, s, `${s}\r\na=Fingerprint:${other256}`, s)],
  ['an upper-case sha-384 at session level', firefoxSdp(`${s}\r\na=FINGERPRINT:${other384}`, s, s, s)],
] as const;

async function peer() {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const spki = toBase64Url(await crypto.subtle.exportKey('spki', keys.publicKey));
  const api = { keys: async () => ({ userId: 'alice', displayName: 'Alice', signingKey: { alg: 'ES256', spki, fingerprint: 'f' } }) } as unknown as ApiClient;
  return { keys, api };
}

const nonce = 'n'.repeat(43);

async function offerWith(sdp: string) {
  const { keys, api } = await peer();
  const signature = await sign('ES256', keys.privateKey, callOfferMessage('call-1', 'alice', 'bob', nonce, signed));
  return checkOffer(api, { userId: 'bob' } as Identity, { callId: 'call-1', callerId: 'alice', calleeId: 'bob', sdp, fingerprint: signed, nonce, signature });
}

async function answerWith(sdp: string) {
  const { keys, api } = await peer();
  const signature = await sign('ES256', keys.privateKey, callAnswerMessage('call-1', 'bob', 'alice', nonce, signed));
  return checkAnswer(api, { userId: 'bob' } as Identity, 'alice', { callId: 'call-1', sdp, fingerprint: signed, nonce, signature });
}

describe('PeerCheck with Firefox-style SDPs', () => {
  it('passes an offer and an answer whose every fingerprint is the signed one', async () => {
    expect(passes(await offerWith(honest))).toBe(true);
    expect(passes(await answerWith(honest))).toBe(true);
  });

  it.each(attacked)('the callee refuses an offer with %s', async (_, sdp) => {
    const check = await offerWith(sdp);
    expect(check.signatureValid).toBe(true);
    expect(check.fingerprintMatches).toBe(false);
    expect(passes(check)).toBe(false);
  });

  it.each(attacked)('the caller refuses an answer with %s', async (_, sdp) => {
    const check = await answerWith(sdp);
    expect(check.signatureValid).toBe(true);
    expect(check.fingerprintMatches).toBe(false);
    expect(passes(check)).toBe(false);
  });
});
