import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diskFiles } from '../../../src/extension/files/disk-files';
import { PanelController, type PanelServices } from '../../../src/extension/panel-controller';
import { readAsOverrides } from '../../../src/extension/read-as';
import { fileSource } from '../../helpers/file-source';
import { loadDataFile, panelInit } from '../../../src/extension/load';
import { fileSource as diskSource } from '../../../src/io/node/file-source';
import type { HostMessage } from '../../../src/shared/protocol';
import { scratchDir } from '../../helpers/cli';

function services(posted: HostMessage[]): PanelServices {
  return {
    post: (message) => void posted.push(message),
    files: diskFiles,
    saveLocation: () => Promise.resolve(undefined),
    confirmWrite: () => Promise.resolve(true),
    copy: () => Promise.resolve(),
    replaceSelection: () => Promise.resolve(false),
    reveal: () => undefined,
  };
}

test('panelInit gives a CSV file its "Read as" line: summary, chosen dialect and the controls\' choices', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const path = join(dir, 'export.csv');
    writeFileSync(path, 'Device 7;;\nOrt;Wert\nA;1,5\nB;2,5\n');
    const { init } = await fileSource(path);
    const readAs = init.readAs!;
    assert.match(readAs.summary, /`;`-delimited, decimal comma, header on line 2, 1 preamble line skipped/);
    assert.deepEqual(
      [readAs.delimiter, readAs.decimal, readAs.headerLine, readAs.skipLines, readAs.encoding],
      [';', ',', 2, 1, 'utf-8'],
    );
    assert.ok(readAs.delimiters.some((d) => d.value === ' ' && d.label === 'whitespace'));
    assert.ok(readAs.encodings.includes('windows-1252'));
  } finally {
    cleanup();
  }
});

test('PanelController handles readAs by re-reading the file with the overrides and sending the new init', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const path = join(dir, 'n.csv');
    writeFileSync(path, 'a,b\n1,2\n3,4\n');
    const posted: HostMessage[] = [];
    const controller = new PanelController(await fileSource(path), services(posted));
    await controller.handle({ type: 'ready' });
    await controller.handle({ type: 'readAs', overrides: { header: false, naValues: ['3', ''] } });
    const init = posted[posted.length - 1];
    assert.equal(init.type, 'init');
    if (init.type !== 'init' || init.init.dataset.kind !== 'table') return;
    assert.equal(init.init.dataset.rowCount, 3);
    assert.deepEqual(init.init.readAs?.naValues, ['3']);
    assert.equal(init.init.readAs?.headerLine, null);
    await controller.handle({ type: 'readAs', overrides: { delimiter: 'x' } });
    const error = posted[posted.length - 1];
    assert.deepEqual(error, {
      type: 'error',
      requestId: undefined,
      message: 'Read as: delimiter "x" is not offered',
    });
  } finally {
    cleanup();
  }
});

test('readAsOverrides refuses what the controls do not offer, naming the control', () => {
  assert.deepEqual(readAsOverrides({ delimiter: '\t', decimal: ',', skipLines: 2, encoding: 'utf-16le' }), {
    delimiter: '\t',
    decimal: ',',
    skipLines: 2,
    encoding: 'utf-16le',
  });
  assert.throws(() => readAsOverrides({ skipLines: -1 }), /lines to skip must be a whole number/);
  assert.throws(() => readAsOverrides({ encoding: 'ebcdic' }), /encoding "ebcdic" is not offered/);
  assert.throws(
    () => readAsOverrides({ delimiter: ',', decimal: ',' }),
    /both the delimiter and the decimal/,
  );
});

test('panelInit writes the "Read as" summary in the display language', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const path = join(dir, 'export.csv');
    writeFileSync(path, 'Device 7;;\nOrt;Wert\nA;1,5\nB;2,5\n');
    const loaded = await loadDataFile(diskSource(path), {});
    const summaryIn = (displayLanguage: string) =>
      panelInit(loaded.dataset, {
        source: 'file',
        settings: { defaultMethod: 'zscore', bins: 10, displayLanguage },
        statisticsOnly: true,
        trusted: true,
        file: loaded.file,
      }).readAs?.summary;
    assert.equal(summaryIn('en'), '`;`-delimited, decimal comma, header on line 2, 1 preamble line skipped');
    assert.equal(summaryIn('zh-cn'), '以 `;` 分隔，小数点为逗号，表头在第 2 行，跳过 1 行前言');
  } finally {
    cleanup();
  }
});
