import { describe, expect, it } from 'vitest';
import { fingerprintOf, normalizeFingerprint, sdpMatchesFingerprint } from './Sdp';

const fp = 'sha-256 AB:CD:EF';
const sdp = (...lines: string[]) => ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', ...lines, ''].join('\r\n');

describe('Sdp', () => {
  it('normalises like the server', () => {
    expect(normalizeFingerprint(' SHA-256 ab:cd:ef ')).toBe(fp);
  });

  it('finds the one fingerprint of an SDP', () => {
    expect(fingerprintOf(sdp('a=fingerprint:sha-256 ab:cd:ef', 'm=audio', 'a=fingerprint:sha-256 AB:CD:EF'))).toBe(fp);
    expect(() => fingerprintOf(sdp('m=audio'))).toThrow(/none/);
    expect(() => fingerprintOf(sdp('a=fingerprint:sha-256 AA', 'a=fingerprint:sha-256 BB'))).toThrow();
    expect(() => fingerprintOf(sdp('a=fingerprint:sha-1 AA'))).toThrow();
  });

  it('matches only when every fingerprint line equals the signed one', () => {
    expect(sdpMatchesFingerprint(sdp('a=fingerprint:sha-256 AB:CD:EF'), fp)).toBe(true);
    expect(sdpMatchesFingerprint(sdp('a=fingerprint:sha-256 AB:CD:EF', 'a=fingerprint:sha-256 00:00:00'), fp)).toBe(false);
    expect(sdpMatchesFingerprint(sdp('m=audio'), fp)).toBe(false);
    expect(sdpMatchesFingerprint(sdp('a=fingerprint:sha-1 AB'), 'sha-1 AB')).toBe(false);
  });
});
