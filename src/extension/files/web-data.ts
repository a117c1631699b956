/**
 * Data files read from their bytes (workspace.fs): CSV/TSV, .npy, .npz, Parquet, Arrow and JSON Lines,
 * through the same readers as the CLI (src/io/data-file.ts says which formats need Node).
 */
import { InputError } from '../../io/errors';
import { npzArrayNames } from '../../io/formats/npz';
import { formatOrCsv } from '../../io/formats/registry';
import { loadDataFile } from '../load';
import type { HostData } from '../host';

export const webData: HostData = {
  async parts(_uri, source) {
    if (formatOrCsv(source.name).id !== 'npz') return undefined;
    const bytes = await source.whole();
    try {
      return { flag: 'array', names: npzArrayNames(bytes) };
    } catch (error) {
      if (error instanceof InputError) throw error.inFile(source.name);
      throw error;
    }
  },
  read: (_uri, source, options, part) => loadDataFile(source, options, part),
};
