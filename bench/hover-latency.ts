// Hover latency on a 5,000-line Python file: the first analysis (grammar load + parse + recognition),
// a full re-analysis (parse + recognition of the whole file, what every edit cost without incremental
// parsing), the incremental re-analysis an editor edit costs (tree.edit + reparse with the old tree
// + re-reading the one statement the edit touched), and the per-position lookup a hover does on the
// cached result. Medians of 21 after 3 warm-ups. Run: node --import tsx bench/hover-latency.ts
import { readFileSync } from 'node:fs';
import { editFor, IncrementalAnalysis } from '../src/analysis/incremental';
import { analyzePython } from '../src/analysis/norm-layers';
import { nodeGrammarFiles } from '../src/analysis/node-grammar';
import { pythonParser } from '../src/analysis/python-parser';

const block = readFileSync('samples/model.py', 'utf8').split('\n').slice(5); // the classes, without imports
const header = ['import torch', 'import torch.nn as nn', ''];
const lines = [...header];
while (lines.length < 5000) lines.push(...block);
let source = lines.slice(0, 5000).join('\n');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (body: (run: number) => unknown) => {
  for (let i = 0; i < 3; i++) body(i);
  return median(
    Array.from({ length: 21 }, (_, run) => {
      const start = process.hrtime.bigint();
      body(run + 3);
      return Number(process.hrtime.bigint() - start) / 1e6;
    }),
  );
};

const coldStart = process.hrtime.bigint();
const parser = await pythonParser(nodeGrammarFiles());
const { layers } = analyzePython(parser, source);
const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
const fullMs = time(() => analyzePython(parser, source));

// An edit a user makes while typing: a norm's argument changed, in a different class each time.
const incremental = new IncrementalAnalysis(parser, source);
const position = (index: number) => {
  const before = source.slice(0, index).split('\n');
  return { row: before.length - 1, column: before[before.length - 1].length };
};
// Same-length replacements, so every occurrence keeps its offset.
const groupNorms = [...source.matchAll(/nn\.GroupNorm\((\d)/g)].map((m) => m.index + 'nn.GroupNorm('.length);
let statementRereads = 0;
const incrementalMs = time((run) => {
  const at = groupNorms[Math.floor((groupNorms.length * (run % 24)) / 24)];
  const replace = source[at] === '8' ? '4' : '8';
  const edit = editFor(at, 1, position(at), position(at + 1), replace);
  source = source.slice(0, at) + replace + source.slice(at + 1);
  incremental.update(source, [edit]);
  if (incremental.lastReread === 'statement') statementRereads++;
});
incremental.dispose();

const target = layers[Math.floor(layers.length / 2)];
const lookupMs = time(() => layers.find((l) => l.line === target.line && l.column <= target.column));
console.log(
  `5,000-line Python file, ${layers.length} normalization layers: first analysis (grammar load + parse + recognize) ${coldMs.toFixed(1)} ms; ` +
    `full re-analysis ${fullMs.toFixed(1)} ms; incremental re-analysis per edit ${incrementalMs.toFixed(1)} ms ` +
    `(${statementRereads}/24 edits re-read one statement; ${(fullMs / incrementalMs).toFixed(1)}× faster than full); ` +
    `hover lookup on the cached result ${(lookupMs * 1000).toFixed(1)} µs`,
);
