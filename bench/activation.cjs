// Activation cost of dist/extension.cjs outside VS Code: loading the bundle and running activate() with a
// stub of the vscode API (each namespace answers any call with a stub), median of 7 fresh processes.
// Run: node bench/activation.cjs
const { spawnSync } = require('node:child_process');

if (process.argv[2] === '--child') {
  const Module = require('node:module');
  const handler = {
    get: (_, p) => (p === 'then' ? undefined : stub),
    apply: () => stub,
    construct: () => stub,
  };
  const stub = new Proxy(function () {}, handler);
  const vscode = {};
  for (const name of [
    'commands',
    'window',
    'workspace',
    'languages',
    'env',
    'notebooks',
    'Uri',
    'EventEmitter',
  ])
    vscode[name] = stub;
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  const start = process.hrtime.bigint();
  const extension = require('../dist/extension.cjs');
  const loaded = process.hrtime.bigint();
  extension.activate({
    subscriptions: [],
    extensionUri: stub,
    extensionPath: process.cwd(),
    asAbsolutePath: (path) => require('node:path').join(process.cwd(), path),
  });
  const activated = process.hrtime.bigint();
  process.stdout.write(JSON.stringify([Number(loaded - start) / 1e6, Number(activated - loaded) / 1e6]));
} else {
  const runs = Array.from({ length: 7 }, () =>
    JSON.parse(spawnSync(process.execPath, [__filename, '--child'], { encoding: 'utf8' }).stdout),
  );
  const median = (values) => [...values].sort((a, b) => a - b)[3];
  const load = median(runs.map((r) => r[0]));
  const activate = median(runs.map((r) => r[1]));
  console.log(
    `activation: load dist/extension.cjs ${load.toFixed(1)} ms + activate() ${activate.toFixed(2)} ms = ${(load + activate).toFixed(1)} ms (median of 7 processes)`,
  );
}
