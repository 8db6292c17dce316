const PAGES: Record<string, string> = {
  popup: 'Popup (a busy queue)',
  manager: 'Download manager',
  options: 'Settings',
  page: 'A web page with the injected buttons',
};
const COLUMNS = [
  ['light', 'en', 'Light, English'],
  ['dark', 'en', 'Dark, English'],
  ['light', 'fr', 'Light, French'],
  ['dark', 'fr', 'Dark, French'],
] as const;

/** docs/screenshots/README.md: one table row per page, one column per colour scheme and language. */
export function indexMarkdown(files: readonly string[]): string {
  const have = new Set(files);
  const rows = Object.entries(PAGES)
    .filter(([page]) => COLUMNS.some(([s, l]) => have.has(`${page}-${s}-${l}.png`)))
    .map(([page, title]) => {
      const cells = COLUMNS.map(([s, l, label]) => {
        const file = `${page}-${s}-${l}.png`;
        return have.has(file) ? `[<img src="${file}" alt="${title} — ${label}" width="200">](${file})` : '—';
      });
      return `| ${title} | ${cells.join(' | ')} |`;
    });
  return `# Screenshots

Rendered by \`npm run screenshots\` (test/screenshots/run.ts): the built extension in Chromium
against the local 1Fichier emulator, with a queue built through the popup — finished and failed
items (a folder package, a deleted file), downloads running mid-way behind a capped CDN, one
paused and one queued. Click a picture for full size.

| Page | ${COLUMNS.map(([, , label]) => label).join(' | ')} |
|---|${COLUMNS.map(() => '---').join('|')}|
${rows.join('\n')}
`;
}
