// The write-only floor for `npm run bench`: a fresh Node process writing the same bytes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [bundleFile, outDir] = process.argv.slice(2);
const bundle = JSON.parse(readFileSync(bundleFile, 'utf8'));
rmSync(outDir, { recursive: true, force: true });
for (const [rel, b64] of bundle) {
  const file = join(outDir, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(b64, 'base64'));
}
