/** `node --import ./test/support/resolve-ts.ts …`: lets plain Node load product modules (see the hooks). */
import { register } from 'node:module';

register('./resolve-ts-hooks.ts', import.meta.url);
