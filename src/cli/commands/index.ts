import type { Command } from '../command';
import { advise } from './advise';
import { annotate } from './annotate';
import { explain } from './explain';
import { foldBn } from './fold-bn';
import { inspect } from './inspect';
import { layer } from './layer';
import { fit, normalize, transform } from './scaling';
import { spectralNorm } from './spectral-norm';
import { stats } from './stats';

/** Every `normscope` command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [
  inspect,
  stats,
  advise,
  fit,
  transform,
  normalize,
  layer,
  spectralNorm,
  foldBn,
  explain,
  annotate,
];
