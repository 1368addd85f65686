import { describe, expect, it } from 'vitest';
import { firefoxSdp, other256, other384, other512, signed, signedHex } from './FirefoxSdp.fixture';
import { fingerprintOf, fingerprintsOf, sdpMatchesFingerprint } from './Sdp';

// Issue 26, item 2: SDP attribute names are case-insensitive (RFC 8866) and Firefox's parser and DTLS accept any
// listed digest, so a second certificate under another spelling or in another section must be found and refused.
const honest = firefoxSdp(`a=fingerprint:${signed}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`);

describe('Sdp fingerprints under any spelling (Firefox-style SDPs)', () => {
  it('accepts a Firefox SDP whose session and every section carry the signed fingerprint, in any case', () => {
    const mixed = firefoxSdp(`a=FINGERPRINT:SHA-256 ${signedHex}`, `a=Fingerprint:${signed}`,
      `a=fingerprint:Sha-256 ${signedHex.toLowerCase()}`, `a=fingerprint:${signed}`);
    expect(sdpMatchesFingerprint(honest, signed)).toBe(true);
    expect(sdpMatchesFingerprint(mixed, signed)).toBe(true);
    expect(fingerprintOf(mixed)).toBe(signed);
  });

  it('finds the fingerprints at session level and in every m= section, whatever the attribute name case', () => {
    const sdp = firefoxSdp(`a=FINGERPRINT:${other512}`, `a=fingerprint:${signed}`, `a=Fingerprint:${other384}`, `a=fIngerPrint:${other256}`);
    expect(fingerprintsOf(sdp)).toEqual([other512, signed, other384, other256]);
  });

  it.each([
    ['an upper-case attribute at session level', firefoxSdp(`a=FINGERPRINT:${other256}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`)],
    ['a capitalised attribute in the video section', firefoxSdp(`a=fingerprint:${signed}`, `a=fingerprint:${signed}`, `a=Fingerprint:${other256}`, `a=fingerprint:${signed}`)],
    ['a sha-384 digest in the data section', firefoxSdp(`a=fingerprint:${signed}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`, `a=FINGERPRINT:${other384}`)],
    ['a sha-512 digest beside the signed one', firefoxSdp(`a=fingerprint:${signed}`, `a=fingerprint:${signed}\r\na=Fingerprint:${other512}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`)],
    ['an upper-case hash name with another digest', firefoxSdp(`a=fingerprint:${signed}`, `a=fingerprint:SHA-256 ${other256.slice(8)}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`)],
    ['a second fingerprint after a bare CR line break', firefoxSdp(`a=fingerprint:${signed}\ra=FINGERPRINT:${other256}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`)],
  ])('refuses the signed fingerprint plus another one: %s', (_, sdp) => {
    expect(sdpMatchesFingerprint(sdp, signed)).toBe(false);
    expect(() => fingerprintOf(sdp)).toThrow();
  });

  it('compares the hash function name case-insensitively', () => {
    const sdp = firefoxSdp(`a=fingerprint:SHA-256 ${signedHex}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`, `a=fingerprint:${signed}`);
    expect(sdpMatchesFingerprint(sdp, `SHA-256 ${signedHex.toLowerCase()}`)).toBe(true);
  });
});
