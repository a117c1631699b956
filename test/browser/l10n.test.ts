// The webview catalogs: every key of the panel's messages in every language, with the same
// placeholders as the English; every scaling method of the engine's table titled, and each of its
// options labelled, in every language besides English (whose words are the engine's own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCALING_METHODS } from '../../src/engine/scale/registry';
import { PANEL_MESSAGES } from '../../src/webview/l10n';
import { METHOD_WORDS } from '../../src/webview/method-words';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;

test('every panel message exists in English and Simplified Chinese, with the same placeholders', () => {
  const english = PANEL_MESSAGES.en;
  const keys = Object.keys(english).sort();
  for (const [language, messages] of Object.entries(PANEL_MESSAGES)) {
    assert.deepEqual(Object.keys(messages).sort(), keys, language);
    for (const key of keys) {
      const text = messages[key as keyof typeof english];
      assert.ok(text.trim().length > 0, `${language}.${key} is empty`);
      assert.deepEqual(
        placeholders(text),
        placeholders(english[key as keyof typeof english]),
        `${language}.${key}`,
      );
    }
  }
  // Chinese is Chinese: all but product names (GroupNorm, InstanceNorm) carry Han characters.
  const untranslated = keys.filter((key) => !HAN.test(PANEL_MESSAGES['zh-cn'][key as keyof typeof english]));
  assert.deepEqual(untranslated, ['presetGroupnorm', 'presetInstancenorm']);
});

test('every scaling method and option of the engine has words in every language besides English', () => {
  for (const [language, methods] of Object.entries(METHOD_WORDS)) {
    assert.deepEqual(Object.keys(methods).sort(), SCALING_METHODS.map((m) => m.method).sort(), language);
    for (const method of SCALING_METHODS) {
      const words = methods[method.method];
      assert.ok(words.title.trim().length > 0, `${language}: ${method.method}`);
      assert.deepEqual(
        Object.keys(words.options).sort(),
        method.options.map((o) => o.key).sort(),
        `${language}: options of ${method.method}`,
      );
      for (const label of Object.values(words.options)) assert.match(label, HAN, `${language}: ${label}`);
    }
  }
});
