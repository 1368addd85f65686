import { fromBase64Url, utf8 } from '../api/base64url';

/**
 * Signal's numeric fingerprint ("safety number"), version 0 of its NumericFingerprintGenerator, computed from each
 * user's signing public key (SPKI DER) and user id: per user, SHA-512 over 0x0000 ‖ key ‖ id, then 5,199 more
 * rounds of SHA-512 over digest ‖ key; the first 30 bytes become six 5-digit groups (each 5-byte big-endian
 * chunk mod 100,000). The two 30-digit halves are sorted and joined, so both people see the same 60 digits.
 * The server's C# SafetyNumber computes the same digits (shared vectors in safety-number-vectors.json).
 */
export const Iterations = 5200;
const Version = new Uint8Array([0, 0]);

export interface SafetyParty {
  userId: string;
  /** base64url SPKI of the signing key. */
  signingSpki: string;
}

export async function safetyNumber(a: SafetyParty, b: SafetyParty): Promise<string> {
  const [first, second] = await Promise.all([half(a), half(b)]);
  return first < second ? first + second : second + first;
}

/** The 60 digits in twelve groups of five, as people read them aloud. */
export function formatSafetyNumber(digits: string): string[] {
  return digits.match(/.{5}/g) ?? [];
}

const halves = new Map<string, Promise<string>>();

/** Each party's half depends only on its own key and id, so it is computed once per page. */
function half(party: SafetyParty): Promise<string> {
  const key = `${party.userId}\n${party.signingSpki}`;
  let found = halves.get(key);
  if (!found) {
    found = computeHalf(party);
    halves.set(key, found);
  }
  return found;
}

async function computeHalf(party: SafetyParty): Promise<string> {
  const key = fromBase64Url(party.signingSpki);
  let digest = new Uint8Array(await crypto.subtle.digest('SHA-512', concat(Version, key, utf8(party.userId))));
  for (let i = 1; i < Iterations; i++) {
    digest = new Uint8Array(await crypto.subtle.digest('SHA-512', concat(digest, key)));
  }
  let digits = '';
  for (let chunk = 0; chunk < 6; chunk++) {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      value = value * 256 + digest[chunk * 5 + i]!;
    }
    digits += String(value % 100000).padStart(5, '0');
  }
  return digits;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
