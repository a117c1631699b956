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

/** JSON as the CLI writes it (stdout and files alike), with NaN and ±Infinity encoded as below. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, jsonNumbers, 2) + '\n';
}

/** JSON has no NaN or Infinity: print them as null (missing) and as the strings "Infinity"/"-Infinity". */
function jsonNumbers(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? null : value > 0 ? 'Infinity' : '-Infinity';
  }
  if (value instanceof Float64Array || value instanceof Float32Array) return Array.from(value);
  return value;
}
