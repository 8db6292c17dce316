import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTour } from '../demo/tour.ts';
import { expect, test } from './fixtures.ts';

/** `npm run demo -- --headless` runs this tour: it must keep working as the pages change. */
test('the demo tour runs to the end: key saved, two files from the page, the popup shows them Completed', async ({
  ext,
  servers,
}) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-demo-'));
  try {
    const shots = await runTour(ext, servers.demoUrl, out);
    expect(shots.map((s) => path.basename(s))).toEqual(['options.png', 'demo-page.png', 'popup.png']);
    for (const shot of shots) expect(fs.statSync(shot).size).toBeGreaterThan(1_000);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
