// The shipped translations are complete: every %key% of package.json has an English and a Simplified
// Chinese string, and every vscode.l10n.t message of the extension has a zh-cn bundle entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADVICE_LANGUAGES, ADVICE_MESSAGES } from '../../../src/engine/advise/messages';

const root = join(import.meta.dirname, '..', '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>;

test('package.json placeholders all have English and zh-cn strings, and the two catalogs have the same keys', () => {
  const manifest = readFileSync(join(root, 'package.json'), 'utf8');
  const keys = [...manifest.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length >= 20, `${keys.length} placeholders`);
  const en = json('package.nls.json');
  const zh = json('package.nls.zh-cn.json');
  for (const key of keys) {
    assert.ok(en[key], `package.nls.json: ${key}`);
    assert.ok(zh[key], `package.nls.zh-cn.json: ${key}`);
  }
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  assert.match(zh['command.normalizeFile'], /[\u4e00-\u9fff]/, 'zh-cn strings are Chinese');
});

test('every vscode.l10n.t message in src/extension has a zh-cn bundle entry', () => {
  const bundle = json('l10n/bundle.l10n.zh-cn.json');
  const dir = join(root, 'src', 'extension');
  const messages = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/gs)].map((m) =>
        m[2].replace(/\\(['"])/g, '$1'),
      ),
    );
  assert.ok(messages.length >= 5, `${messages.length} messages`);
  for (const message of messages) assert.ok(bundle[message], `zh-cn bundle: ${message}`);
});

test('the advice reasons exist in every language with the same placeholders', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const language of ADVICE_LANGUAGES)
    for (const [key, text] of Object.entries(ADVICE_MESSAGES.en))
      assert.deepEqual(
        placeholders(ADVICE_MESSAGES[language][key as keyof typeof ADVICE_MESSAGES.en]),
        placeholders(text),
        `${language} ${key}`,
      );
});
