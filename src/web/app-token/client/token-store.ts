// The device's tokens in IndexedDB. The key is stored as the CryptoKey object itself (structured clone keeps
// it non-extractable), so the secret's bytes never pass through script, here or on reading it back.

export interface StoredToken {
  readonly serial: string;
  readonly label: string;
  readonly key: CryptoKey;
  readonly createdAt: number;
  /** `pending` until the server accepted the first code (SOFT-TOKEN-SPEC step 4). */
  readonly state: 'pending' | 'active';
}

const DB_NAME = 'bizotp-app';
const STORE = 'tokens';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore(STORE, { keyPath: 'serial' });
  };
  return request(req);
}

async function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(use(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return result;
  } finally {
    db.close();
  }
}

export async function listTokens(): Promise<StoredToken[]> {
  const all = (await withStore('readonly', (s) => s.getAll())) as StoredToken[];
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function putToken(token: StoredToken): Promise<void> {
  await withStore('readwrite', (s) => s.put(token));
}

export async function deleteToken(serial: string): Promise<void> {
  await withStore('readwrite', (s) => s.delete(serial));
}
