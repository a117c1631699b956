// The shipped translations are complete: every %key% of package.json has an English and a Simplified
// Chinese string, every l10n.t message under src/ has a zh-cn bundle entry (and the bundle nothing
// else), and every typed catalog (advice, explain plans, hovers, CLI) fills every key in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ADVICE_LANGUAGES, ADVICE_MESSAGES } from '../../../src/engine/advise/messages';
import { EXPLAIN_MESSAGES } from '../../../src/engine/explain/messages';
import { HOVER_MESSAGES } from '../../../src/analysis/hover-messages';
import { CLI_MESSAGES } from '../../../src/cli/messages';
import { READER_NOTES } from '../../../src/io/formats/reader-notes';
import { READING_WORDS } from '../../../src/io/csv/reading-words';

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

const CATALOGS = {
  'advice reasons (src/engine/advise/messages.ts)': ADVICE_MESSAGES,
  'explain plans (src/engine/explain/messages.ts)': EXPLAIN_MESSAGES,
  'hovers and inlay hints (src/analysis/hover-messages.ts)': HOVER_MESSAGES,
  'the CLI (src/cli/messages.ts)': CLI_MESSAGES,
  'readers’ notes (src/io/formats/reader-notes.ts)': READER_NOTES,
  'CSV reading summaries (src/io/csv/reading-words.ts)': READING_WORDS,
} as const;

/** Whether a text is code only: nothing but placeholders, `code`, symbols and numbers once those are removed. */
const isCode = (text: string) => !/[A-Za-z]{2,}/.test(text.replace(/\{\w+\}/g, '').replace(/`[^`]*`/g, ''));

test('every catalog has every language, with the same {name} placeholders, and no zh-cn text left in English unless it is code', () => {
  const placeholders = (text: string) =>
    [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
  for (const [name, catalog] of Object.entries(CATALOGS)) {
    const english = catalog.en as Record<string, string>;
    assert.ok(Object.keys(english).length >= 4, `${name}: ${Object.keys(english).length} keys`);
    for (const language of ADVICE_LANGUAGES) {
      const texts = catalog[language] as Record<string, string>;
      assert.deepEqual(Object.keys(texts).sort(), Object.keys(english).sort(), `${name} ${language}: keys`);
      for (const [key, text] of Object.entries(english)) {
        assert.deepEqual(
          placeholders(texts[key]),
          placeholders(text),
          `${name} ${language} ${key}: placeholders`,
        );
        if (language !== 'en' && !isCode(text))
          assert.notEqual(texts[key], text, `${name} ${language} ${key}: still English`);
      }
    }
  }
  assert.ok(
    isCode('{axes} ({layout})') && isCode('`x` · {n}') && !isCode('over {axes}'),
    'isCode tells code from prose',
  );
});
