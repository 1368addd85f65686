import { describe, expect, it } from 'vitest';
import { fingerprintOf, fingerprintsOf, sdpMatchesFingerprint } from './Sdp';

// Issue 26, item 2: SDP attribute names are case-insensitive (RFC 8866) and Firefox's parser and DTLS accept any
// listed digest, so a second certificate under another spelling or in another section must be found and refused.
const signed = 'sha-256 8F:1A:7C:22:9B:E0:41:D3:5C:6A:0F:B2:93:11:4E:7D:C8:A5:36:F9:02:BB:6D:E4:17:90:3A:C1:58:2E:FD:64';
const signedHex = signed.slice('sha-256 '.length);
const other256 = 'sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF';
const other384 = `sha-384 ${Array.from({ length: 48 }, (_, i) => (i * 5 % 256).toString(16).padStart(2, '0').toUpperCase()).join(':')}`;
const other512 = `sha-512 ${Array.from({ length: 64 }, (_, i) => (i * 7 % 256).toString(16).padStart(2, '0').toUpperCase()).join(':')}`;

/** A Firefox-style offer: a session-level fingerprint, then audio, video and data sections each with their own. */
function firefoxSdp(session: string, audio: string, video: string, data: string): string {
  return [
    'v=0',
    'o=mozilla...THIS_IS_SDPARTA-99.0 4294967296 0 IN IP4 0.0.0.0',
    's=-',
    't=0 0',
    session,
    'a=group:BUNDLE 0 1 2',
    'a=ice-options:trickle',
    'a=msid-semantic:WMS *',
    'm=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101',
    'c=IN IP4 0.0.0.0',
    'a=sendrecv',
    audio,
    'a=mid:0',
    'a=setup:actpass',
    'm=video 9 UDP/TLS/RTP/SAVPF 120 124 121',
    'c=IN IP4 0.0.0.0',
    'a=sendrecv',
    video,
    'a=mid:1',
    'a=setup:actpass',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    data,
    'a=mid:2',
    'a=sctp-port:5000',
    '',
  ].join('\r\n');
}

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
