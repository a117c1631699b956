// normscope: the command-line front end over the engine and readers. Exit 0 on success, 2 on bad input.
import type { Command } from './command';
import { print } from './command';
import { COMMANDS } from './commands';
import { InputError } from '../io/errors';
import { UsageError } from './usage-error';
import { useWasmKernels } from '../engine/layers/wasm-kernels';
import { useWorkerBundle } from '../io/node/line-formatter';
import { exitCleanlyOnInterrupt } from '../io/node/temporary-files';
import { dirname, join } from 'node:path';
import { LANGUAGE_USAGE, languageFlag, takeLanguageFlag } from './language-flag';
import { say, useCliLanguage } from './messages';

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    say('helpTagline'),
    '',
    say('helpUsage'),
    ...COMMANDS.map((c) => `  normscope ${c.usage}`),
    '',
    say('helpCommands'),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${say(c.summary)}`),
    '',
    say('helpOptions'),
    `  ${LANGUAGE_USAGE.slice(1, -1)}  ${say('helpLanguage')}`,
    '',
    say('helpErrors'),
  ].join('\n');
}

function isExpectedError(error: unknown): error is Error {
  if (error instanceof UsageError || error instanceof InputError) return true;
  if (error instanceof RangeError || error instanceof TypeError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('ERR_PARSE_ARGS') || ['ENOENT', 'EISDIR', 'EACCES', 'EEXIST'].includes(code))
  );
}

async function main(argv: string[]): Promise<number> {
  useWasmKernels(); // large tensors go through the WebAssembly SIMD kernels (bit-identical to the TS ones)
  useWorkerBundle(join(dirname(process.argv[1] ?? '.'), 'worker.cjs')); // CSV output printed on two cores
  exitCleanlyOnInterrupt('normscope'); // Ctrl-C and SIGTERM leave no temporary file, exit 130 / 143
  const chosen = takeLanguageFlag(argv, process.env);
  useCliLanguage(chosen.language);
  const [name, ...rest] = chosen.args;
  try {
    if (chosen.given !== undefined) useCliLanguage(languageFlag(chosen.given));
  } catch (error) {
    if (!isExpectedError(error)) throw error;
    process.stderr.write(`normscope: ${error.message}\n`);
    return 2;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    print(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    print(VERSION);
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  try {
    if (!command)
      throw new UsageError(name, say('unknownCommand', { commands: COMMANDS.map((c) => c.name).join(', ') }));
    if (rest.includes('--help')) {
      print(`normscope ${command.usage} ${LANGUAGE_USAGE}\n\n${say(command.summary)}`);
      return 0;
    }
    await command.run(rest);
    return 0;
  } catch (error) {
    if (!isExpectedError(error)) throw error;
    process.stderr.write(`normscope: ${error.message}\n`);
    return 2;
  }
}

declare const VERSION: string;

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(
      `normscope: ${say('internalError', { detail: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`,
    );
    process.exitCode = 1;
  },
);
