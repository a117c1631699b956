import { jsonText } from '../io/json-numbers';
/** One `normscope <name>` command: its usage line and what it does with its arguments. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<void> | void;
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  print(jsonText(value));
}
