import { fromBase64Url, toBase64Url } from '../api/base64url';

/** ES256 (ECDSA P-256, IEEE P1363 r‖s) or PS256 (RSA-PSS 2048, SHA-256, salt 32), as the server verifies them. */
export type SigningAlgorithm = 'ES256' | 'PS256';

export function signingParams(algorithm: SigningAlgorithm): EcdsaParams | RsaPssParams {
  return algorithm === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSA-PSS', saltLength: 32 };
}

export function importParams(algorithm: SigningAlgorithm): EcKeyImportParams | RsaHashedImportParams {
  return algorithm === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSA-PSS', hash: 'SHA-256' };
}

export function generateParams(algorithm: SigningAlgorithm): EcKeyGenParams | RsaHashedKeyGenParams {
  return algorithm === 'ES256'
    ? { name: 'ECDSA', namedCurve: 'P-256' }
    : { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
}

export const agreementParams: EcKeyGenParams = { name: 'ECDH', namedCurve: 'P-256' };

export async function sign(algorithm: SigningAlgorithm, key: CryptoKey, message: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64Url(await crypto.subtle.sign(signingParams(algorithm), key, message));
}

/** Verifies a base64url signature with a base64url SPKI public key; false for any malformed input. */
export async function verify(algorithm: string, spki: string, message: Uint8Array<ArrayBuffer>, signature: string): Promise<boolean> {
  if (algorithm !== 'ES256' && algorithm !== 'PS256') {
    return false;
  }
  try {
    const key = await crypto.subtle.importKey('spki', fromBase64Url(spki), importParams(algorithm), false, ['verify']);
    return await crypto.subtle.verify(signingParams(algorithm), key, fromBase64Url(signature), message);
  } catch {
    return false;
  }
}

/** The server's key fingerprint: base64url(SHA-256(SPKI)). */
export async function keyFingerprint(spki: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64Url(await crypto.subtle.digest('SHA-256', spki));
}
