/** Flags that choose what of a file is read: a sheet of a workbook, an array of an .npz, booleans as 0/1. */
import type { ParseArgsConfig } from 'node:util';
import type { DataFileOptions } from '../io/node/data-files';
import { cliLanguage } from './messages';

export const FORMAT_OPTIONS = {
  sheet: { type: 'string' },
  array: { type: 'string' },
  'booleans-as-numbers': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export const FORMAT_USAGE = '[--sheet NAME] [--array NAME] [--booleans-as-numbers]';

export function formatReadOptions(values: {
  sheet?: string;
  array?: string;
  'booleans-as-numbers'?: boolean;
}): DataFileOptions {
  return {
    sheet: values.sheet,
    array: values.array,
    booleansAsNumbers: values['booleans-as-numbers'],
    language: cliLanguage(),
  };
}

/** A reader's notes (what it chose, converted or skipped) on stderr, so --json output stays clean. */
export function printNotes(file: string, notes: readonly (string | undefined)[]): void {
  for (const note of notes) if (note) process.stderr.write(`normscope: ${file}: ${note}\n`);
}
