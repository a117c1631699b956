// Fetches the recognizer's corpus of real model files (test/fixtures/public-models/sources.json):
// Debian's packages of torchvision, Keras Applications and PyTorch, each checked against its SHA-256,
// with only the listed files extracted into .cache/public-models/ (with the package's copyright
// file). Nothing is committed; a second run finds the files and does nothing.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = JSON.parse(readFileSync(join(root, 'test/fixtures/public-models/sources.json'), 'utf8'));
const corpusDir = join(root, '.cache/public-models');
const SITE = './usr/lib/python3/dist-packages/';

async function download(url, sha256, file) {
  if (existsSync(file) && createHash('sha256').update(readFileSync(file)).digest('hex') === sha256) return;
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(
      `${url}: HTTP ${response.status}` +
        (response.status === 404
          ? ' (this version left the Debian archive: update sources.json and re-read the answer key)'
          : ''),
    );
  const bytes = Buffer.from(await response.arrayBuffer());
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new Error(`${url}: SHA-256 ${actual}, expected ${sha256}`);
  writeFileSync(`${file}.partial`, bytes);
  renameSync(`${file}.partial`, file);
}

async function fetchPublicModels() {
  const debs = join(corpusDir, 'debs');
  mkdirSync(debs, { recursive: true });
  for (const pkg of sources.packages) {
    const stamp = join(corpusDir, `${pkg.package}_${pkg.version}.done`);
    if (existsSync(stamp)) continue;
    const deb = join(debs, pkg.filename.split('/').pop());
    await download(`${sources.mirror}${pkg.filename}`, pkg.sha256, deb);
    const members = [...pkg.extract.map((path) => SITE + path), `./usr/share/doc/${pkg.package}/copyright`];
    // dpkg-deb unpacks the data archive whatever its compression; tar keeps only the listed members.
    const tarball = execFileSync('dpkg-deb', ['--fsys-tarfile', deb], { maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', corpusDir, ...members], { input: tarball });
    writeFileSync(stamp, `${pkg.sha256}\n`);
  }
  return join(corpusDir, SITE);
}

fetchPublicModels().then(
  (dir) => console.log(`normscope: public model files in ${dir}`),
  (error) => {
    console.error(`normscope: could not fetch the public model corpus: ${error.message}`);
    process.exit(1);
  },
);
