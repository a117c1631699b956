import { mergePartialFits, scalerFromPartial } from '../../engine/scale/partial-fit';
import { writeFileAtomic, checkOutputTarget } from '../../io/node/atomic-output';
import { paramsText } from '../../io/node/params-file';
import { partialText, readPartialFile } from '../../io/node/partial-file';
import { parseCommandArgs, requireValue } from '../args';
import type { Command } from '../command';
import { UsageError } from '../usage-error';
import { say } from '../messages';

export const merge: Command = {
  name: 'merge',
  usage: 'merge <shard.json> <shard.json>… --out params.json [--partial] [--force]',
  summary: 'summaryMerge',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      partial: { type: 'boolean' },
      force: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('<shard.json>', say('mergeShardsMissing'));
    const out = requireValue('--out', values.out);
    checkOutputTarget(out, { force: values.force, inputs: positionals });
    const parts = await Promise.all(positionals.map(readPartialFile));
    let merged;
    try {
      merged = mergePartialFits(parts);
    } catch (error) {
      if (error instanceof RangeError)
        throw new UsageError('<shard.json>', error.message.replace(/^merge: /, ''));
      throw error;
    }
    const text = values.partial ? partialText(merged) : paramsText(merged.columns, scalerFromPartial(merged));
    await writeFileAtomic(out, text, { force: values.force, inputs: positionals });
  },
};
