import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, utf8 } from '../api/base64url';
import { KeyStore } from './KeyStore';
import { keyFingerprint, sign, verify } from './Signatures';

describe('KeyStore', () => {
  it.each(['ES256', 'PS256'] as const)('generates %s keys that cannot be exported and that the public key verifies', async (alg) => {
    const { identity, exported } = await KeyStore.generate(`user-${alg}`, 'User', alg, false);
    expect(exported).toBeUndefined();
    await expect(crypto.subtle.exportKey('pkcs8', identity.signingKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('pkcs8', identity.agreementKey)).rejects.toThrow();
    const message = utf8('securecall/auth/v1\nuser\nid\nnonce');
    expect(await verify(alg, identity.signingSpki, message, await sign(alg, identity.signingKey, message))).toBe(true);
    expect(await verify(alg, identity.signingSpki, utf8('other'), await sign(alg, identity.signingKey, message))).toBe(false);
    expect(identity.fingerprint).toBe(await keyFingerprint(fromBase64Url(identity.signingSpki)));
  });

  it('drops the extractable copies after exporting for a backup', async () => {
    const { identity, exported } = await KeyStore.generate('backed', 'Backed', 'ES256', true);
    expect(exported?.signingPkcs8).toBeTruthy();
    expect(identity.signingKey.extractable).toBe(false);
    expect(identity.agreementKey.extractable).toBe(false);
  });

  it('stores several identities and refuses extractable keys', async () => {
    const a = await KeyStore.generate('zed', 'Zed', 'ES256', false);
    const b = await KeyStore.generate('amy', 'Amy', 'ES256', false);
    await KeyStore.save(a.identity);
    await KeyStore.save(b.identity);
    const names = (await KeyStore.list()).map((i) => i.userId);
    expect(names).toEqual(expect.arrayContaining(['zed', 'amy']));
    expect((await KeyStore.get('amy')).fingerprint).toBe(b.identity.fingerprint);
    await expect(KeyStore.get('nobody')).rejects.toMatchObject({ code: 'UnknownIdentity' });
    const loose = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
    await expect(KeyStore.save({ ...a.identity, userId: 'loose', signingKey: loose.privateKey })).rejects.toThrow(/extractable/);
  });
});
