/**
 * Standalone emulator: `npm run emulator -- [--port 8443] [--host 127.0.0.1] [--log file.jsonl]
 * [--fault name]... [--cdn-speed bytesPerSecond]`. Prints the port, the Chromium resolver rules,
 * the keys, the file links, the public folders and the accounts' tree, then runs until
 * SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import {
  ACCOUNT_TREE,
  EXTRA_FILES,
  FAULT_NAMES,
  FILES,
  FOLDERS,
  KEYS,
  startEmulator,
  walkTree,
} from './index.ts';
import type { FaultName } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    host: { type: 'string', default: '127.0.0.1' },
    log: { type: 'string' },
    fault: { type: 'string', multiple: true, default: [] },
    'cdn-speed': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(
    'usage: node test/emulator/cli.ts [--port 8443] [--host 127.0.0.1] [--log file.jsonl] ' +
      `[--fault ${FAULT_NAMES.join('|')}]... [--cdn-speed bytesPerSecond]`,
  );
  process.exit(0);
}

const isFault = (name: string): name is FaultName => (FAULT_NAMES as readonly string[]).includes(name);
const badFault = values.fault.find((f) => !isFault(f));
if (badFault !== undefined) {
  console.error(`unknown fault '${badFault}'; known: ${FAULT_NAMES.join(', ')}`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port '${values.port}'`);
  process.exit(2);
}

const emu = await startEmulator({
  port,
  host: values.host,
  logFile: values.log,
  cdnBytesPerSecond: values['cdn-speed'] === undefined ? undefined : Number(values['cdn-speed']),
});
for (const f of values.fault) if (isFault(f)) emu.setFault(f, true);

const certs = new URL('./certs/', import.meta.url).pathname;
console.log(`1fichier emulator listening on ${values.host}:${emu.port} (HTTPS and HTTP on the same port)`);
console.log(`port: ${emu.port}`);
console.log(`resolver rules: --host-resolver-rules="${emu.resolverRules()}"`);
console.log(`certificate: ${certs}cert.pem (SPKI pin in ${certs}spki.txt)`);
console.log(`faults: ${values.fault.length > 0 ? values.fault.join(', ') : 'none'}`);
console.log('keys:');
for (const [name, key] of Object.entries(KEYS)) console.log(`  ${name.padEnd(8)} ${key}`);
console.log('files:');
for (const [name, f] of [...Object.entries(FILES), ...Object.entries(EXTRA_FILES)]) {
  const notes = [
    f.password === undefined ? '' : `password ${f.password}`,
    f.deleted ? 'deleted' : '',
    f.acl ? 'ACL' : '',
  ]
    .filter(Boolean)
    .join(', ');
  console.log(
    `  ${name.padEnd(11)} ${f.link}  ${f.size} B  ${JSON.stringify(f.name)}${notes ? `  (${notes})` : ''}`,
  );
}

console.log('public folders:');
for (const [name, f] of Object.entries(FOLDERS)) {
  const pass = f.password === undefined ? '' : `  (password ${f.password})`;
  console.log(`  ${name.padEnd(11)} ${f.link}  ${f.files.length} files${pass}`);
}
console.log('premium/gold folders (folder/ls.cgi, file/ls.cgi):');
for (const { path, folder } of walkTree(ACCOUNT_TREE)) {
  const share = folder.sharePassword ? ', share password' : '';
  console.log(`  ${String(folder.id).padStart(7)} /${path}  (${folder.files.length} files${share})`);
}

let closing = false;
const shutdown = (signal: string): void => {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing`);
  emu.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

// `npm run emulator` runs npm → sh → node; a SIGTERM to npm kills sh without reaching node, which
// would keep the port busy as an orphan. Being re-parented means whoever started us is gone.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutdown('parent exited');
}, 500).unref();
