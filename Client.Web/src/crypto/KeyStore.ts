import { toBase64Url } from '../api/base64url';
import { ClientErrorCode, SecureCallError } from '../errors';
import { Stores, run } from './Database';
import { agreementParams, generateParams, importParams, keyFingerprint, type SigningAlgorithm } from './Signatures';

/**
 * A local identity: the user's private keys as non-extractable WebCrypto keys (kept in IndexedDB, usable for
 * signing and key agreement but never readable by script, this app's included) and their public halves.
 */
export interface Identity {
  userId: string;
  displayName: string;
  algorithm: SigningAlgorithm;
  signingKey: CryptoKey;
  agreementKey: CryptoKey;
  /** base64url SPKI of the public signing key. */
  signingSpki: string;
  agreementSpki: string;
  /** base64url(SHA-256(signing SPKI)), as the server reports it. */
  fingerprint: string;
  createdAt: string;
  backedUp: boolean;
}

/** Exported private keys, present only while a backup is being written (see KeyBackup). */
export interface ExportedKeys {
  signingPkcs8: string;
  agreementPkcs8: string;
}

export class KeyStore {
  /**
   * Generates an identity. With `forBackup`, the keys are generated extractable once, exported (returned for the
   * backup file), then re-imported as non-extractable: the stored keys can never be exported again.
   */
  static async generate(userId: string, displayName: string, algorithm: SigningAlgorithm, forBackup: boolean):
    Promise<{ identity: Identity; exported?: ExportedKeys }> {
    const signing = (await crypto.subtle.generateKey(generateParams(algorithm), forBackup, ['sign', 'verify'])) as CryptoKeyPair;
    const agreement = (await crypto.subtle.generateKey(agreementParams, forBackup, ['deriveBits'])) as CryptoKeyPair;
    const signingSpki = new Uint8Array(await crypto.subtle.exportKey('spki', signing.publicKey));
    const agreementSpki = new Uint8Array(await crypto.subtle.exportKey('spki', agreement.publicKey));
    let exported: ExportedKeys | undefined;
    let signingKey = signing.privateKey;
    let agreementKey = agreement.privateKey;
    if (forBackup) {
      const signingPkcs8 = await crypto.subtle.exportKey('pkcs8', signing.privateKey);
      const agreementPkcs8 = await crypto.subtle.exportKey('pkcs8', agreement.privateKey);
      exported = { signingPkcs8: toBase64Url(signingPkcs8), agreementPkcs8: toBase64Url(agreementPkcs8) };
      signingKey = await KeyStore.importSigningKey(algorithm, new Uint8Array(signingPkcs8));
      agreementKey = await KeyStore.importAgreementKey(new Uint8Array(agreementPkcs8));
    }
    const identity: Identity = {
      userId,
      displayName,
      algorithm,
      signingKey,
      agreementKey,
      signingSpki: toBase64Url(signingSpki),
      agreementSpki: toBase64Url(agreementSpki),
      fingerprint: await keyFingerprint(signingSpki),
      createdAt: new Date().toISOString(),
      backedUp: forBackup,
    };
    return exported ? { identity, exported } : { identity };
  }

  /** Imports a private signing key as non-extractable. */
  static importSigningKey(algorithm: SigningAlgorithm, pkcs8: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
    return crypto.subtle.importKey('pkcs8', pkcs8, importParams(algorithm), false, ['sign']);
  }

  static importAgreementKey(pkcs8: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
    return crypto.subtle.importKey('pkcs8', pkcs8, agreementParams, false, ['deriveBits']);
  }

  static async save(identity: Identity): Promise<void> {
    if (identity.signingKey.extractable || identity.agreementKey.extractable) {
      throw new SecureCallError(ClientErrorCode.Internal, 'Refusing to store an extractable private key.');
    }
    await run(Stores.Identities, 'readwrite', (s) => s.put(identity));
  }

  static async list(): Promise<Identity[]> {
    const all = await run<Identity[]>(Stores.Identities, 'readonly', (s) => s.getAll() as IDBRequest<Identity[]>);
    return all.sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  static async get(userId: string): Promise<Identity> {
    const found = await run<Identity | undefined>(Stores.Identities, 'readonly', (s) => s.get(userId) as IDBRequest<Identity | undefined>);
    if (!found) {
      throw new SecureCallError(ClientErrorCode.UnknownIdentity, `No identity named ${userId} is stored in this browser.`);
    }
    return found;
  }

  static async remove(userId: string): Promise<void> {
    await run(Stores.Identities, 'readwrite', (s) => s.delete(userId));
  }
}
