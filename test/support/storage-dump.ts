import type { Worker } from '@playwright/test';

/**
 * Everything the extension persisted, as text: storage.local, storage.sync, storage.session and
 * every record of every IndexedDB store (binary values decoded as UTF-8 and Latin-1 too), read
 * from inside the service worker. Tests assert the raw API key appears nowhere in it.
 */
export async function dumpExtensionStorage(sw: Worker): Promise<string> {
  return sw.evaluate(async () => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const c = (globalThis as unknown as { chrome: { storage: Record<'local' | 'sync' | 'session', Area> } })
      .chrome;
    const parts: string[] = [];
    const textOf = (v: unknown): string => {
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
        const bytes =
          v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        return new TextDecoder('utf-8').decode(bytes) + new TextDecoder('latin1').decode(bytes);
      }
      if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey)
        return `[CryptoKey extractable=${v.extractable}]`;
      if (v && typeof v === 'object')
        return Object.entries(v)
          .map(([k, x]) => `${k}=${textOf(x)}`)
          .join(';');
      return String(v);
    };
    parts.push(JSON.stringify(await c.storage.local.get(null)));
    parts.push(JSON.stringify(await c.storage.sync.get(null)));
    parts.push(JSON.stringify(await c.storage.session.get(null)));
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.addEventListener('success', () => resolve(req.result));
        req.addEventListener('error', () => reject(req.error));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.addEventListener('success', () => resolve(req.result));
          req.addEventListener('error', () => reject(req.error));
        });
        parts.push(`${info.name}/${store}: ${values.map(textOf).join('\n')}`);
      }
      db.close();
    }
    return parts.join('\n');
  });
}
