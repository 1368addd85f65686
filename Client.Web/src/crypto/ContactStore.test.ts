import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ContactStore } from './ContactStore';

const contact = (owner: string, userId: string, fingerprint: string) => ({
  owner, userId, displayName: userId, algorithm: 'ES256', signingSpki: 'AA', fingerprint, addedAt: '', verified: true,
});

describe('ContactStore', () => {
  it('reports a new contact, the same key, and a changed key', async () => {
    expect((await ContactStore.check('me', 'bob', 'fp1')).kind).toBe('new');
    await ContactStore.save(contact('me', 'bob', 'fp1'));
    expect((await ContactStore.check('me', 'bob', 'fp1')).kind).toBe('same');
    const changed = await ContactStore.check('me', 'bob', 'fp2');
    expect(changed.kind).toBe('changed');
    expect(changed.kind === 'changed' && changed.contact.fingerprint).toBe('fp1');
  });

  it('keeps each local identity’s contacts apart', async () => {
    await ContactStore.save(contact('alice', 'carol', 'x'));
    await ContactStore.save(contact('dave', 'carol', 'y'));
    expect((await ContactStore.list('alice')).map((c) => c.fingerprint)).toEqual(['x']);
    expect((await ContactStore.check('dave', 'carol', 'x')).kind).toBe('changed');
  });
});
