import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../api/base64url';
import { createBackup, MinIterations, parseBackup, restoreBackup } from './KeyBackup';
import { KeyStore } from './KeyStore';
import { sign, verify } from './Signatures';

describe('KeyBackup', () => {
  it('round-trips: the restored keys are non-extractable and sign for the same public key', async () => {
    const { identity, exported } = await KeyStore.generate('alice', 'Alice', 'ES256', true);
    const file = await createBackup(identity, exported!, 'correct horse battery');
    const text = JSON.stringify(file);
    expect(text).not.toContain(exported!.signingPkcs8);
    expect(file.kdf.iterations).toBeGreaterThanOrEqual(MinIterations);

    const restored = await restoreBackup(parseBackup(text), 'correct horse battery');
    expect(restored.fingerprint).toBe(identity.fingerprint);
    expect(restored.signingKey.extractable).toBe(false);
    expect(restored.agreementKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', restored.signingKey)).rejects.toThrow();
    const message = utf8('hello');
    expect(await verify('ES256', identity.signingSpki, message, await sign('ES256', restored.signingKey, message))).toBe(true);
  });

  it('refuses a wrong passphrase', async () => {
    const { identity, exported } = await KeyStore.generate('bob', 'Bob', 'ES256', true);
    const file = await createBackup(identity, exported!, 'the right passphrase');
    await expect(restoreBackup(file, 'the wrong passphrase')).rejects.toMatchObject({ code: 'WrongPassphrase' });
  });

  it('refuses a file whose header was edited (the header is authenticated)', async () => {
    const { identity, exported } = await KeyStore.generate('carol', 'Carol', 'ES256', true);
    const file = await createBackup(identity, exported!, 'a long passphrase');
    await expect(restoreBackup({ ...file, userId: 'mallory' }, 'a long passphrase')).rejects.toMatchObject({ code: 'WrongPassphrase' });
    await expect(restoreBackup({ ...file, displayName: 'Mallory' }, 'a long passphrase')).rejects.toMatchObject({ code: 'WrongPassphrase' });
  });

  it('refuses weak, unknown or oversized formats before deriving anything', () => {
    const good = { format: 'securecall-key-backup', version: 1, userId: 'a', displayName: 'A', algorithm: 'ES256', createdAt: '',
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt: 'AA' }, cipher: { name: 'AES-256-GCM', iv: 'AA' }, ciphertext: 'AA' };
    expect(() => parseBackup(JSON.stringify(good))).not.toThrow();
    expect(() => parseBackup('not json')).toThrow(/not JSON/);
    expect(() => parseBackup(JSON.stringify({ ...good, version: 2 }))).toThrow(/version 2/);
    expect(() => parseBackup(JSON.stringify({ ...good, kdf: { ...good.kdf, iterations: 1000 } }))).toThrow(/key derivation/);
    expect(() => parseBackup(JSON.stringify({ ...good, kdf: { ...good.kdf, iterations: 1e9 } }))).toThrow(/key derivation/);
    expect(() => parseBackup(JSON.stringify({ ...good, algorithm: 'HS256' }))).toThrow(/algorithm/);
    expect(() => parseBackup('x'.repeat(70000))).toThrow(/too large/);
  });

  it('needs a passphrase of at least 12 characters', async () => {
    const { identity, exported } = await KeyStore.generate('dave', 'Dave', 'ES256', true);
    await expect(createBackup(identity, exported!, 'short')).rejects.toMatchObject({ code: 'InvalidInput' });
  });
});
