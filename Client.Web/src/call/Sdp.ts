/**
 * DTLS fingerprints in an SDP (`a=fingerprint:sha-256 AB:CD:…`), normalised as the server does: lower-case
 * algorithm, one space, upper-case hex. A signed offer or answer names the one fingerprint its SDP uses.
 * Attribute names are case-insensitive (RFC 8866) and browsers accept a certificate matching any listed digest, so
 * every spelling at session and media level counts, and lines break at CR or LF as lenient parsers split them.
 */
const FingerprintAttribute = /^a=fingerprint:/i;

export function normalizeFingerprint(value: string): string {
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  if (space < 0) return trimmed;
  return `${trimmed.slice(0, space).toLowerCase()} ${trimmed.slice(space + 1).trim().toUpperCase()}`;
}

export function fingerprintsOf(sdp: string): string[] {
  return sdp.split(/\r\n|\r|\n/).map((l) => l.trimStart()).filter((l) => FingerprintAttribute.test(l))
    .map((l) => normalizeFingerprint(l.slice(l.indexOf(':') + 1)));
}

/** The SDP's single sha-256 fingerprint; throws when it has none, several different ones, or another algorithm. */
export function fingerprintOf(sdp: string): string {
  const found = [...new Set(fingerprintsOf(sdp))];
  if (found.length !== 1 || !found[0]!.startsWith('sha-256 ')) {
    throw new Error(`Expected one sha-256 DTLS fingerprint in the SDP, found ${found.length === 0 ? 'none' : found.join(', ')}.`);
  }
  return found[0]!;
}

/** True when the SDP carries at least one fingerprint and every one equals the signed fingerprint. */
export function sdpMatchesFingerprint(sdp: string, signed: string): boolean {
  const expected = normalizeFingerprint(signed);
  const found = fingerprintsOf(sdp);
  return expected.startsWith('sha-256 ') && found.length > 0 && found.every((f) => f === expected);
}
