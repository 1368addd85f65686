import { fromBase64Url, toBase64Url, utf8 } from '../api/base64url';
import { ClientErrorCode, SecureCallError } from '../errors';
import { Headers, canonical } from './CanonicalMessage';
import type { ExportedKeys, Identity } from './KeyStore';
import { KeyStore } from './KeyStore';
import { keyFingerprint, type SigningAlgorithm } from './Signatures';

/**
 * The encrypted key backup ("vault") file, format version 1 (docs/key-backup.md):
 * passphrase → PBKDF2-SHA256 (≥ 600,000 iterations, 16-byte salt) → AES-256-GCM (12-byte IV) over a JSON body
 * with both private keys (PKCS#8) and public keys (SPKI); the header fields are the associated data, so none of
 * them can be changed without the decryption failing.
 */
export const BackupFormat = 'securecall-key-backup';
export const BackupVersion = 1;
export const MinIterations = 600_000;
/** Upper bound so a crafted file cannot make the browser hash for minutes. */
export const MaxIterations = 10_000_000;
export const MinPassphraseLength = 12;
const MaxFileBytes = 64 * 1024;

export interface BackupFile {
  format: typeof BackupFormat;
  version: typeof BackupVersion;
  userId: string;
  displayName: string;
  algorithm: SigningAlgorithm;
  createdAt: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-256-GCM'; iv: string };
  ciphertext: string;
}

interface BackupBody {
  signingPkcs8: string;
  agreementPkcs8: string;
  signingSpki: string;
  agreementSpki: string;
}

export async function createBackup(identity: Identity, keys: ExportedKeys, passphrase: string, iterations = MinIterations): Promise<BackupFile> {
  if (passphrase.length < MinPassphraseLength) {
    throw new SecureCallError('InvalidInput', `Use a passphrase of at least ${MinPassphraseLength} characters.`);
  }
  if (iterations < MinIterations || iterations > MaxIterations) {
    throw new SecureCallError('InvalidInput', `PBKDF2 iterations must be ${MinIterations}–${MaxIterations}.`);
  }
  const header: Omit<BackupFile, 'ciphertext'> = {
    format: BackupFormat,
    version: BackupVersion,
    userId: identity.userId,
    displayName: identity.displayName,
    algorithm: identity.algorithm,
    createdAt: new Date().toISOString(),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64Url(crypto.getRandomValues(new Uint8Array(16))) },
    cipher: { name: 'AES-256-GCM', iv: toBase64Url(crypto.getRandomValues(new Uint8Array(12))) },
  };
  const body: BackupBody = { ...keys, signingSpki: identity.signingSpki, agreementSpki: identity.agreementSpki };
  const key = await deriveKey(passphrase, header.kdf.salt, iterations, ['encrypt']);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: fromBase64Url(header.cipher.iv), additionalData: associatedData(header) }, key, utf8(JSON.stringify(body)));
  return { ...header, ciphertext: toBase64Url(ciphertext) };
}

/** Parses and checks a backup file's header; throws BadBackup with the reason. */
export function parseBackup(text: string): BackupFile {
  if (text.length > MaxFileBytes) {
    throw bad('the file is too large to be a key backup');
  }
  let file: Partial<BackupFile>;
  try {
    file = JSON.parse(text) as Partial<BackupFile>;
  } catch {
    throw bad('the file is not JSON');
  }
  if (file.format !== BackupFormat) throw bad('the file is not a SecureCall key backup');
  if (file.version !== BackupVersion) throw bad(`version ${String(file.version)} is not supported (this app reads version ${BackupVersion})`);
  if (typeof file.userId !== 'string' || typeof file.displayName !== 'string') throw bad('the user is missing');
  if (file.algorithm !== 'ES256' && file.algorithm !== 'PS256') throw bad('the signing algorithm is unknown');
  const kdf = file.kdf;
  if (kdf?.name !== 'PBKDF2' || kdf.hash !== 'SHA-256' || !Number.isInteger(kdf.iterations)
    || kdf.iterations < MinIterations || kdf.iterations > MaxIterations || typeof kdf.salt !== 'string') {
    throw bad('the key derivation settings are not acceptable');
  }
  if (file.cipher?.name !== 'AES-256-GCM' || typeof file.cipher.iv !== 'string' || typeof file.ciphertext !== 'string') {
    throw bad('the cipher settings are not acceptable');
  }
  return file as BackupFile;
}

/** Decrypts a backup and re-imports its keys as non-extractable; the identity is checked to be consistent. */
export async function restoreBackup(file: BackupFile, passphrase: string): Promise<Identity> {
  const key = await deriveKey(passphrase, file.kdf.salt, file.kdf.iterations, ['decrypt']);
  const { ciphertext, ...header } = file;
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(file.cipher.iv), additionalData: associatedData(header) }, key, fromBase64Url(ciphertext));
  } catch {
    throw new SecureCallError(ClientErrorCode.WrongPassphrase, 'The passphrase does not open this backup (or the file was changed).');
  }
  const body = JSON.parse(new TextDecoder().decode(plain)) as BackupBody;
  const signingKey = await KeyStore.importSigningKey(file.algorithm, fromBase64Url(body.signingPkcs8));
  const agreementKey = await KeyStore.importAgreementKey(fromBase64Url(body.agreementPkcs8));
  return {
    userId: file.userId,
    displayName: file.displayName,
    algorithm: file.algorithm,
    signingKey,
    agreementKey,
    signingSpki: body.signingSpki,
    agreementSpki: body.agreementSpki,
    fingerprint: await keyFingerprint(fromBase64Url(body.signingSpki)),
    createdAt: file.createdAt,
    backedUp: true,
  };
}

/** The header, canonically, as AES-GCM associated data. */
function associatedData(header: Omit<BackupFile, 'ciphertext'>): Uint8Array<ArrayBuffer> {
  return canonical(Headers.KeyBackup, header.format, String(header.version), header.userId, header.displayName, header.algorithm,
    header.createdAt, header.kdf.name, header.kdf.hash, String(header.kdf.iterations), header.kdf.salt, header.cipher.name, header.cipher.iv);
}

async function deriveKey(passphrase: string, salt: string, iterations: number, usages: KeyUsage[]): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64Url(salt), iterations }, material, { name: 'AES-GCM', length: 256 }, false, usages);
}

function bad(reason: string): SecureCallError {
  return new SecureCallError(ClientErrorCode.BadBackup, `This backup cannot be used: ${reason}.`);
}
