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
  /** The account's own folders and files (folder/ls.cgi, file/ls.cgi). */
  tree: AccountFolder;
}

/** A file known to the emulator. */
export interface FixtureFile {
  /** 20 lower-case alphanumerics (§9.1). */
  id: string;
  name: string;
  size: number;
  password?: string;
  deleted?: boolean;
  /** Access restricted by an ACL (IP, country, e-mail or premium): nobody may download it here. */
  acl?: boolean;
  /** Upload date, `YYYY-MM-DD HH:MM:SS` Europe/Paris (§1.4). */
  date: string;
  contentType: string;
  /**
   * Whirlpool of the content (§6.7), 128 lower-case hex chars. Precomputed (Node has no Whirlpool)
   * with `openssl dgst -whirlpool -provider legacy`; rclone verifies it after every download.
   */
  checksum: string;
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
    checksum:
      '836759a9ec9bf4aedd041079e7120554793e682c8aca043b15a25ff69426908c16fc64a4dc7654af0c8f274ecc0649baa8bd73746b8b40c149bbe4f8133043e4',
  }),
  big: file({
    id: '0d7xpfnqvkohjof4ydat',
    name: 'big-64mb.bin',
    size: 64 * 1024 * 1024,
    date: '2025-03-02 08:00:00',
    contentType: 'application/octet-stream',
    checksum:
      'c9463b3824644b6d66722cbdb0dd9dc755c3d8c0724d674bb3c776843fea966d0e98cf1303609c21366c1cd82f9cd02c35d882d7ef711aef3729f5250c91a605',
  }),
  unicode: file({
    id: 'nuvcpbm90hi7fls3b21i',
    name: 'Żółć 日本語 файл ✓ 🎉.bin',
    size: 1024 * 1024 + 5,
    date: '2025-07-14 22:15:00',
    contentType: 'application/octet-stream',
    checksum:
      'e8cf35421571d52b0abbaf27b84a208317e1ac01bb943f964fba4e51e84f97d97d54822c7085cd404f9d3806b4e58ab0e6053e77f3ff1e45b6dfa857750f0ffc',
  }),
  hostile: file({
    id: 'j4mw3isddt0scgo4mj80',
    // HTML, the characters Chrome refuses in file names (" : * ? | \ < >) and a right-to-left
    // override that makes "gpj.exe" display as "exe.jpg".
    name: '<img src=x onerror=alert(1)> "a:b*c?d|e\\f" \u202Egpj.exe',
    size: 4096 + 3,
    date: '2024-12-24 18:30:00',
    contentType: 'application/octet-stream',
    checksum:
      '96173b49136abedf5cc7128bb25c3faf5abe28f28a215dd495ae1addd415c8dd9e6fbe9285e62a3f850e2cc8b1dea655c4651e4f28ac829b39c323e80c81a1c6',
  }),
  protected: file({
    id: 'phiu2bhjzym7cl4xzhbo',
    name: 'protected-archive.zip',
    size: 12345,
    password: 'secret6',
    date: '2025-05-05 05:05:05',
    contentType: 'application/zip',
    checksum:
      'ef252a516acc80f35cb0a0c2549766bf3a3ae14b9e391f11b6d371c08397e37ce5db765e8a99ae180de69c12dd8d1e0fe76f664dcd277ee5a1941ae53a8bfbc3',
  }),
  deleted: file({
    id: 'bgr9hyz43mqqvxfypccj',
    name: 'deleted-file.bin',
    size: 1000,
    deleted: true,
    date: '2023-02-01 12:00:00',
    contentType: 'application/octet-stream',
    checksum:
      '8adfc65ba2ab859d46293f26c32e3c97c7c59c34a4cc93a3305a24545b13c5b01d10a8590a4eb80019607631609fe280fbd098f8b104433e286409362e8030e6',
  }),
};

/** Names of the extra fixture files. */
export type ExtraFixtureName = 'restricted' | 'punctuation';

/**
 * Files that exist on the emulator but are not in {@link FILES} (the demo page and the end-to-end
 * tests expect exactly the six files above). They appear in folders and `check_links.pl` answers.
 */
export const EXTRA_FILES: Record<ExtraFixtureName, FixtureFile> = {
  restricted: file({
    id: '4m9jesx2ex8pdr2ea8ox',
    name: 'members-only.pdf',
    size: 2048 + 7,
    acl: true,
    date: '2025-02-10 14:00:00',
    contentType: 'application/pdf',
    checksum:
      '05c5efdf04e9bac45c1c607cc77e8e970a176d5d47a6c63da5ec51fcfe0044399bc021df0f3f069ebe76805f37d63e797a43d57a9506e56a23fa21d4f0c87fe9',
  }),
  punctuation: file({
    id: '4kbey2n7eo4u4x7enlgy',
    // Every character check_links.pl must entity-encode (& < > " ' and its `;` separator).
    name: `Tom & Jerry; "best of" <1999> it's.txt`,
    size: 777,
    date: '2025-06-01 12:34:56',
    contentType: 'text/plain',
    checksum:
      '8473ad4735660779f7fa3c1e1686ffc4e70907305c63ee34df65d738be18222afafe69174557f58fc61c00897fb61805b05ad79da0f284f1461d9b1b8f158ce6',
  }),
};

const byId = new Map<string, FixtureFile>(
  [...Object.values(FILES), ...Object.values(EXTRA_FILES)].map((f) => [f.id, f]),
);

/** Files added at run time (generated bulk files, bulk.ts), consulted after the fixed ones. */
const registered = new Map<string, FixtureFile>();

/**
 * Makes files known to every emulator in this process (API, CDN, file pages, check_links.pl).
 * Registering the same id again replaces it; the fixed fixtures cannot be replaced.
 * @throws Error when an id belongs to a fixed fixture.
 */
export function registerFiles(files: readonly FixtureFile[]): void {
  for (const f of files) {
    const id = f.id.toLowerCase();
    if (byId.has(id)) throw new Error(`file id ${id} is a fixed fixture`);
    registered.set(id, f);
  }
}

/** The fixture file with this id (case-insensitive, §9.1), deleted ones included. */
export function findFile(id: string): FixtureFile | undefined {
  const key = id.toLowerCase();
  return byId.get(key) ?? registered.get(key);
}

/** A public folder `https://1fichier.com/dir/<id>` (§7). */
export interface FixtureFolder {
  /** 8 mixed-case alphanumerics, case-sensitive. */
  id: string;
  /** Shown after "Shared folder" on the HTML page (never in the JSON). */
  name: string;
  /** Folder password (POST `pass`); undefined = public. */
  password?: string;
  files: readonly FixtureFile[];
  /** `https://1fichier.com/dir/<id>` */
  link: string;
}

/** Names of the public-folder fixtures. */
export type FolderName = 'public' | 'protected' | 'empty';

const folder = (f: Omit<FixtureFolder, 'link'>): FixtureFolder => ({
  ...f,
  link: `https://1fichier.com/dir/${f.id}`,
});

/** Public folders (§7). Their ids are not the numeric `folder_id`s of the API. */
export const FOLDERS: Record<FolderName, FixtureFolder> = {
  public: folder({
    id: 'WhipfPYG',
    name: 'Emulator shared folder ✓',
    files: [
      FILES.small,
      FILES.unicode,
      FILES.hostile,
      FILES.protected,
      EXTRA_FILES.restricted,
      EXTRA_FILES.punctuation,
    ],
  }),
  protected: folder({
    id: '817pG9uB',
    name: 'Protected share',
    password: 'folderpass6',
    files: [FILES.small, FILES.unicode],
  }),
  empty: folder({ id: 'RW3HAaCM', name: 'Empty share', files: [] }),
};

const foldersById = new Map<string, FixtureFolder>(Object.values(FOLDERS).map((f) => [f.id, f]));

/** The public folder with exactly this id (case-sensitive, §7). */
export function findFolder(id: string): FixtureFolder | undefined {
  return foldersById.get(id);
}

/** A folder of an account (folder/ls.cgi, file/ls.cgi): numeric id, root = 0. */
export interface AccountFolder {
  id: number;
  /** The root's name is unknown (§12); the emulator answers ''. */
  name: string;
  /** `YYYY-MM-DD HH:MM:SS` Europe/Paris. */
  createDate: string;
  /** The folder's public share has a password (`pass: 1` in folder/ls.cgi). */
  sharePassword?: boolean;
  files: readonly FixtureFile[];
  folders: readonly AccountFolder[];
}

/**
 * The premium and gold accounts' files:
 * ```
 * /                          hello-1fichier.txt, Żółć 日本語 файл ✓ 🎉.bin
 * /Documents                 <hostile>, protected-archive.zip (password), Tom & Jerry….txt
 * /Documents/Archives        (only a sub-folder)
 * /Documents/Archives/Été 2024   members-only.pdf (ACL)
 * /Videos   (share password) big-64mb.bin
 * /Empty
 * ```
 */
export const ACCOUNT_TREE: AccountFolder = {
  id: 0,
  name: '',
  createDate: '2024-01-02 09:00:00',
  files: [FILES.small, FILES.unicode],
  folders: [
    {
      id: 1734021,
      name: 'Documents',
      createDate: '2024-03-10 18:45:00',
      files: [FILES.hostile, FILES.protected, EXTRA_FILES.punctuation],
      folders: [
        {
          id: 1734022,
          name: 'Archives',
          createDate: '2024-03-11 08:00:00',
          files: [],
          folders: [
            {
              id: 1734023,
              name: 'Été 2024',
              createDate: '2024-07-01 10:30:00',
              files: [EXTRA_FILES.restricted],
              folders: [],
            },
          ],
        },
      ],
    },
    {
      id: 1734030,
      name: 'Videos',
      createDate: '2024-05-20 21:00:00',
      sharePassword: true,
      files: [FILES.big],
      folders: [],
    },
    { id: 1734040, name: 'Empty', createDate: '2024-06-01 07:15:00', files: [], folders: [] },
  ],
};

/** What the access and free accounts own: an empty root. */
export const EMPTY_TREE: AccountFolder = {
  id: 0,
  name: '',
  createDate: '2024-02-03 10:00:00',
  files: [],
  folders: [],
};

/** Every folder of a tree, depth first, with its path (`''` for the root, `Documents/Archives`). */
export function walkTree(root: AccountFolder): { path: string; folder: AccountFolder }[] {
  const out: { path: string; folder: AccountFolder }[] = [];
  const visit = (f: AccountFolder, path: string): void => {
    out.push({ path, folder: f });
    for (const sub of f.folders) visit(sub, path === '' ? sub.name : `${path}/${sub.name}`);
  };
  visit(root, '');
  return out;
}

/** Accounts by API key. */
export const ACCOUNTS: ReadonlyMap<string, FixtureAccount> = new Map<string, FixtureAccount>([
  [
    KEYS.premium,
    {
      name: 'premium',
      email: 'premium@emulator.test',
      offer: '1',
      cdn: '0',
      useCdn: '0',
      tree: ACCOUNT_TREE,
    },
  ],
  [
    KEYS.gold,
    { name: 'gold', email: 'gold@emulator.test', offer: '3', cdn: '12.5', useCdn: '1', tree: ACCOUNT_TREE },
  ],
  [
    KEYS.access,
    { name: 'access', email: 'access@emulator.test', offer: '2', cdn: '0', useCdn: '0', tree: EMPTY_TREE },
  ],
  // A free account may still own paid CDN credits (§10), hence a non-zero value here. Free keys may
  // list their (empty) folders: only get_token.cgi is known to refuse them.
  [
    KEYS.free,
    { name: 'free', email: 'free@emulator.test', offer: '0', cdn: '3.25', useCdn: '0', tree: EMPTY_TREE },
  ],
]);
