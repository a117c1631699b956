// The method table is the one list: package.json's setting enum, python/normscope.py's METHODS and
// option names, the CLI's flags and the panel's controls all agree with it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { flagType } from '../../../src/engine/scale/method-options';
import { createScaler, SCALING_METHOD_NAMES, SCALING_METHODS } from '../../../src/engine/scale/registry';
import { scalingMethodFrom, SCALING_OPTIONS } from '../../../src/cli/scaling-flags';
import { METHOD_OPTIONS } from '../../../src/webview/options';

const root = new URL('../../../', import.meta.url);

test("package.json's normscope.defaultMethod enum lists the table's methods in its order", () => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { enum?: string[]; default?: string }> } };
  };
  const setting = pkg.contributes.configuration.properties['normscope.defaultMethod'];
  assert.deepEqual(setting.enum, SCALING_METHOD_NAMES);
  assert.ok(SCALING_METHOD_NAMES.includes(setting.default as never));
});

test("python/normscope.py's METHODS and OPTION_NAMES agree with the table", () => {
  const helper = fileURLToPath(new URL('python', root));
  const out = execFileSync('python3', [
    '-c',
    `import sys, json\nsys.path.insert(0, ${JSON.stringify(helper)})\nimport normscope\nprint(json.dumps({"methods": list(normscope.METHODS), "options": normscope.OPTION_NAMES}))`,
  ]);
  const { methods, options } = JSON.parse(out.toString()) as {
    methods: string[];
    options: Record<string, string>;
  };
  assert.deepEqual(methods, ['none', ...SCALING_METHOD_NAMES]);
  const keys = SCALING_METHODS.flatMap((m) => m.options.map((o) => o.key)).sort();
  assert.deepEqual(Object.values(options).sort(), keys);
});

test('SCALING_OPTIONS spells out exactly the flags of the table, with their types', () => {
  const fromTable = Object.fromEntries(
    SCALING_METHODS.flatMap((m) => m.options.map((o) => [o.flag, { type: flagType(o) }])),
  );
  const { method, columns, ...flags } = SCALING_OPTIONS;
  assert.deepEqual(method, { type: 'string' });
  assert.deepEqual(columns, { type: 'string' });
  assert.deepEqual(flags, fromTable);
});

for (const info of SCALING_METHODS) {
  test(`scalingMethodFrom(--method ${info.method}) gives the table's defaults, which the scaler accepts and keeps`, () => {
    const required = Object.fromEntries(
      info.options.filter((o) => o.flagRequired).map((o) => [o.flag, String(o.initial)]),
    );
    const { method, options } = scalingMethodFrom({ method: info.method, ...required });
    assert.equal(method, info.method);
    const scaler = createScaler(method, options).toJSON();
    for (const option of info.options) {
      assert.deepEqual(
        scaler.options[option.key],
        option.kind === 'pair' ? [...option.initial] : option.initial,
        option.key,
      );
    }
    assert.deepEqual(METHOD_OPTIONS[info.method], info.options);
  });
}

test('scalingMethodFrom turns each checkbox flag to the opposite of its default and refuses flags of other methods', () => {
  assert.deepEqual(scalingMethodFrom({ method: 'zscore', 'no-center': true }).options, {
    withMean: false,
    withStd: true,
  });
  assert.deepEqual(scalingMethodFrom({ method: 'minmax', clip: true, range: '-1,1' }).options, {
    featureRange: [-1, 1],
    clip: true,
  });
  assert.throws(
    () => scalingMethodFrom({ method: 'zscore', clip: true }),
    /--clip: applies to --method minmax, not zscore/,
  );
  assert.throws(() => scalingMethodFrom({ method: 'scale' }), /--divisor: is required/);
  assert.throws(
    () => scalingMethodFrom({ method: 'quantile', 'n-quantiles': '0' }),
    /--n-quantiles: 0 must be at least 1/,
  );
});
