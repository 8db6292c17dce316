import { storage } from 'wxt/utils/storage';
import type { FrameEntry, RegistrySlot } from './registry';

/** The page registry in storage.session: trusted contexts only, gone when the browser closes. */
const item = storage.defineItem<FrameEntry[] | null>('session:pageLinks', { fallback: null });

export const registrySlot: RegistrySlot = {
  get: () => item.getValue(),
  set: (entries) => item.setValue(entries),
};
