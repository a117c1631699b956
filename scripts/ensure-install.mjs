// Runs before `npm start` and `npm test`, so each works as the first command on a fresh clone:
// node_modules (npm ci) when missing, then the Debian packages the browser and VS Code tests need
// (chromium, and what code-server builds against) when missing and apt-get is usable, then code-server,
// then the public model files the recognizer is tested on.
import { existsSync } from 'node:fs';
import { execFileSync, execSync } from 'node:child_process';

const installed = existsSync('node_modules/.package-lock.json') && existsSync('node_modules/esbuild');
if (!installed) {
  console.log('normscope: node_modules is missing; running npm ci');
  // the tests drive Debian's chromium: no browser download at install (as .npmrc says)
  execSync('npm ci --no-audit --no-fund', {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
}

const systemPackagesPresent = [
  '/usr/bin/chromium',
  '/usr/bin/rg',
  '/usr/lib/python3/dist-packages/numpy',
  '/usr/lib/python3/dist-packages/pandas',
  '/usr/lib/python3/dist-packages/sklearn',
  '/usr/lib/python3/dist-packages/PIL',
  '/usr/lib/python3/dist-packages/openpyxl',
  '/usr/share/matplotlib/mpl-data/sample_data/logo2.png',
].every((path) => existsSync(path));
if (!systemPackagesPresent) {
  const canInstall = process.getuid?.() === 0 || existsSync('/usr/bin/sudo');
  if (canInstall && existsSync('/usr/bin/apt-get')) {
    console.log('normscope: installing Debian packages for the browser and VS Code tests');
    execFileSync('bash', ['scripts/install-system-packages.sh'], { stdio: 'inherit' });
  } else {
    console.warn(
      'normscope: chromium or python3-numpy is missing and apt-get is not usable; run scripts/install-system-packages.sh as root',
    );
  }
}

execFileSync(process.execPath, ['scripts/install-code-server.mjs'], { stdio: 'inherit' });
// The recognizer's corpus of real model files (Debian's torchvision, Keras Applications, PyTorch).
// Offline, `npm start` goes on; the corpus test says what is missing.
try {
  execFileSync(process.execPath, ['scripts/fetch-public-models.mjs'], { stdio: 'inherit' });
} catch {
  console.warn('normscope: the public model corpus could not be fetched; its test will fail');
}
