import { jsonText } from '../io/json-numbers';
import type { CliMessageKey } from './messages';
/** One `normscope <name>` command: its usage line and what it does with its arguments. */
export interface Command {
  name: string;
  usage: string;
  /** What it does, in the catalog (help prints it in the command line's language). */
  summary: CliMessageKey;
  run(args: string[]): Promise<void> | void;
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  print(jsonText(value));
}
