import type { Command } from '../command';
import { advise } from './advise';
import { annotate } from './annotate';
import { explain } from './explain';
import { exportCommand } from './export';
import { foldBn } from './fold-bn';
import { inspect } from './inspect';
import { layer } from './layer';
import { merge } from './merge';
import { fit, normalize, transform } from './scaling';
import { fitSqlCommand } from './fit-sql';
import { spectralNorm } from './spectral-norm';
import { stats } from './stats';

/** Every `normscope` command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [
  inspect,
  stats,
  advise,
  fit,
  merge,
  transform,
  normalize,
  exportCommand,
  fitSqlCommand,
  layer,
  spectralNorm,
  foldBn,
  explain,
  annotate,
];
