/**
 * Fixed accounts and files served by the emulator. Other test code imports these to know which
 * keys and links exist; the emulator itself never mutates them.
 */
export { fileBytes, fileSha256, writeFileRange, CHUNK_SIZE } from './content.ts';
export type { WriteRangeOptions } from './content.ts';

/**
 * API keys. Each matches `^[A-Za-z0-9\-_=]{32}$` (the plausibility check JD applies, 1fichier-api.md
 * §1.2); `invalid` is well-formed but unknown to the server (→ 401 `Not authenticated #247`).
 */
export const KEYS = {
  premium: 'D00BWOOMiCXosY-s4KCGcoSL631KZRcu',
  gold: 'ZXrn-zC=dIaoC-0Vb7Ak8hGJQPGRHW27',
  access: 'sbB6CGU2P-yol0XKchJHTHANuOaOvMlT',
  free: 'wxWEjbEbUiKyW_4EvhJ-_UuNOYaNX=MV',
  invalid: 'YnwAfux8-sStFlsklzP0n=d=H2JFpMnx',
} as const;

/** Name of a known account (every key except `invalid`). */
export type AccountName = Exclude<keyof typeof KEYS, 'invalid'>;

/** What user/info.cgi reports for an account (§3.15). `offer`: 0 free, 1 Premium, 2 Access, 3 GOLD. */
export interface FixtureAccount {
  name: AccountName;
  email: string;
  offer: '0' | '1' | '2' | '3';
  /** CDN credits in GB, a string as rclone decodes it (§3.15). */
  cdn: string;
  useCdn: '0' | '1';
}

/** Accounts by API key. */
export const ACCOUNTS: ReadonlyMap<string, FixtureAccount> = new Map<string, FixtureAccount>([
  [KEYS.premium, { name: 'premium', email: 'premium@emulator.test', offer: '1', cdn: '0', useCdn: '0' }],
  [KEYS.gold, { name: 'gold', email: 'gold@emulator.test', offer: '3', cdn: '12.5', useCdn: '1' }],
  [KEYS.access, { name: 'access', email: 'access@emulator.test', offer: '2', cdn: '0', useCdn: '0' }],
  // A free account may still own paid CDN credits (§10), hence a non-zero value here.
  [KEYS.free, { name: 'free', email: 'free@emulator.test', offer: '0', cdn: '3.25', useCdn: '0' }],
]);

/** A file known to the emulator. */
export interface FixtureFile {
  /** 20 lower-case alphanumerics (§9.1). */
  id: string;
  name: string;
  size: number;
  password?: string;
  deleted?: boolean;
  /** Upload date, `YYYY-MM-DD HH:MM:SS` Europe/Paris (§1.4). */
  date: string;
  contentType: string;
  /** `https://1fichier.com/?<id>` */
  link: string;
}

/** Names of the fixture files. */
export type FixtureName = 'small' | 'big' | 'unicode' | 'hostile' | 'protected' | 'deleted';

const file = (f: Omit<FixtureFile, 'link'>): FixtureFile => ({ ...f, link: `https://1fichier.com/?${f.id}` });

/** The fixture files. Sizes are deliberately not multiples of 16 (except `big`) to exercise partial AES blocks. */
export const FILES: Record<FixtureName, FixtureFile> = {
  small: file({
    id: 'uyubj5yuu5vpgxdqh57k',
    name: 'hello-1fichier.txt',
    size: 300 * 1024 + 17,
    date: '2025-01-15 10:20:30',
    contentType: 'text/plain',
  }),
  big: file({
    id: '0d7xpfnqvkohjof4ydat',
    name: 'big-64mb.bin',
    size: 64 * 1024 * 1024,
    date: '2025-03-02 08:00:00',
    contentType: 'application/octet-stream',
  }),
  unicode: file({
    id: 'nuvcpbm90hi7fls3b21i',
    name: 'Żółć 日本語 файл ✓ 🎉.bin',
    size: 1024 * 1024 + 5,
    date: '2025-07-14 22:15:00',
    contentType: 'application/octet-stream',
  }),
  hostile: file({
    id: 'j4mw3isddt0scgo4mj80',
    // HTML, the characters Chrome refuses in file names (" : * ? | \ < >) and a right-to-left
    // override that makes "gpj.exe" display as "exe.jpg".
    name: '<img src=x onerror=alert(1)> "a:b*c?d|e\\f" \u202Egpj.exe',
    size: 4096 + 3,
    date: '2024-12-24 18:30:00',
    contentType: 'application/octet-stream',
  }),
  protected: file({
    id: 'phiu2bhjzym7cl4xzhbo',
    name: 'protected-archive.zip',
    size: 12345,
    password: 'secret6',
    date: '2025-05-05 05:05:05',
    contentType: 'application/zip',
  }),
  deleted: file({
    id: 'bgr9hyz43mqqvxfypccj',
    name: 'deleted-file.bin',
    size: 1000,
    deleted: true,
    date: '2023-02-01 12:00:00',
    contentType: 'application/octet-stream',
  }),
};

const byId = new Map<string, FixtureFile>(Object.values(FILES).map((f) => [f.id, f]));

/** The fixture file with this id (case-insensitive, §9.1), deleted ones included. */
export function findFile(id: string): FixtureFile | undefined {
  return byId.get(id.toLowerCase());
}
