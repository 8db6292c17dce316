// Every test file gets a fresh, empty IndexedDB (fake-indexeddb), so tests never share queue state.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
