/** The client's IndexedDB database: local identities (with their non-extractable private keys) and contacts. */
const Name = 'securecall';
const Version = 1;
export const Stores = { Identities: 'identities', Contacts: 'contacts' } as const;

let opening: Promise<IDBDatabase> | undefined;

export function openDatabase(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(Name, Version);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(Stores.Identities)) {
        db.createObjectStore(Stores.Identities, { keyPath: 'userId' });
      }
      if (!db.objectStoreNames.contains(Stores.Contacts)) {
        db.createObjectStore(Stores.Contacts, { keyPath: 'key' }).createIndex('owner', 'owner');
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = undefined;
      reject(request.error ?? new Error('IndexedDB is not available.'));
    };
  });
  return opening;
}

/** Runs one request in its own transaction and resolves with its result. */
export async function run<T>(store: string, mode: IDBTransactionMode, action: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDatabase();
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(store, mode);
    const request = action(transaction.objectStore(store));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error ?? request.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('The transaction was aborted.'));
  });
}
