import { Stores, run } from './Database';

/**
 * Contacts of one local identity, with the signing key last seen and acknowledged for each. A contact whose
 * registered key differs from the acknowledged one must be re-acknowledged before calls (trust on first use,
 * then a blocking warning on change).
 */
export interface Contact {
  key: string;
  owner: string;
  userId: string;
  displayName: string;
  algorithm: string;
  signingSpki: string;
  fingerprint: string;
  addedAt: string;
  /** The person compared the safety number out of band and marked it verified. */
  verified: boolean;
}

export type KeyCheck = { kind: 'new' } | { kind: 'same'; contact: Contact } | { kind: 'changed'; contact: Contact };

export class ContactStore {
  static key(owner: string, userId: string): string {
    return `${owner}\n${userId}`;
  }

  static async list(owner: string): Promise<Contact[]> {
    const all = await run<Contact[]>(Stores.Contacts, 'readonly', (s) => s.index('owner').getAll(owner) as IDBRequest<Contact[]>);
    return all.sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  static get(owner: string, userId: string): Promise<Contact | undefined> {
    return run<Contact | undefined>(Stores.Contacts, 'readonly', (s) => s.get(ContactStore.key(owner, userId)) as IDBRequest<Contact | undefined>);
  }

  static async save(contact: Omit<Contact, 'key'>): Promise<Contact> {
    const stored = { ...contact, key: ContactStore.key(contact.owner, contact.userId) };
    await run(Stores.Contacts, 'readwrite', (s) => s.put(stored));
    return stored;
  }

  static async remove(owner: string, userId: string): Promise<void> {
    await run(Stores.Contacts, 'readwrite', (s) => s.delete(ContactStore.key(owner, userId)));
  }

  /** Compares a user's currently registered key with what this identity acknowledged for them. */
  static async check(owner: string, userId: string, fingerprint: string): Promise<KeyCheck> {
    const contact = await ContactStore.get(owner, userId);
    if (!contact) return { kind: 'new' };
    return contact.fingerprint === fingerprint ? { kind: 'same', contact } : { kind: 'changed', contact };
  }
}
