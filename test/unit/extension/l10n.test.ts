// The shipped translations are complete: every %key% of package.json has an English and a Simplified
// Chinese string, and every vscode.l10n.t message of the extension has a zh-cn bundle entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
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

/** Every `….l10n.t(…)` call under src/: its message (the first argument, which must be a string literal). */
function l10nMessages(): { message: string; where: string }[] {
  const found: { message: string; where: string }[] = [];
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  );
  for (const file of files) {
    const text = readFileSync(join(root, 'src', file), 'utf8');
    if (!text.includes('l10n.t(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 't' &&
        /(^|\.)l10n$/.test(node.expression.expression.getText(source))
      ) {
        const [first] = node.arguments;
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        const where = `src/${file}:${line + 1}`;
        assert.ok(
          first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)),
          `${where}: l10n.t takes its message as a string literal (the bundle is keyed by it)`,
        );
        found.push({ message: first.text, where });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const numbered = (text: string) => [...new Set([...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]))].sort();

test('every l10n.t message under src/ has a zh-cn bundle entry with the same {n} placeholders, and the bundle has no stale key', () => {
  const bundle = json('l10n/bundle.l10n.zh-cn.json');
  const messages = l10nMessages();
  assert.ok(messages.length >= 60, `${messages.length} messages`);
  for (const { message, where } of messages) {
    const zh = bundle[message];
    assert.ok(zh, `${where}: no zh-cn bundle entry for ${JSON.stringify(message)}`);
    assert.deepEqual(numbered(zh), numbered(message), `${where}: placeholders of ${JSON.stringify(message)}`);
    assert.notEqual(zh, message, `${where}: the zh-cn entry is translated`);
  }
  const used = new Set(messages.map((m) => m.message));
  assert.deepEqual(
    Object.keys(bundle).filter((key) => !used.has(key)),
    [],
    'bundle keys no l10n.t call uses',
  );
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
