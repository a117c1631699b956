/**
 * The explain plans' sentences (train vs eval, momentum in words) in every language NormScope speaks:
 * hovers show them in VS Code's display language. Each language must fill every key (the `Record` type
 * refuses a missing one); `{name}` placeholders take numbers as the engine formats them.
 */
import type { AdviceLanguage } from '../advise/messages';

export type ExplainMessageKey =
  | 'trainEvalBatchNorm'
  | 'trainEvalInstanceNormTracking'
  | 'trainEvalInstanceNorm'
  | 'trainEvalPerSample'
  | 'trainEvalRmsNorm'
  | 'trainEvalUnitNorm'
  | 'momentumNone'
  | 'momentumCumulative'
  | 'momentumNewBatch'
  | 'momentumOldValue';

export const EXPLAIN_MESSAGES: Record<AdviceLanguage, Record<ExplainMessageKey, string>> = {
  en: {
    trainEvalBatchNorm:
      'Training normalizes with the batch statistics and updates the running mean and variance; eval uses the running statistics, so outputs no longer depend on the rest of the batch.',
    trainEvalInstanceNormTracking:
      'Training uses per-instance statistics and updates running averages; eval uses the running averages.',
    trainEvalInstanceNorm:
      'The same in training and eval: every sample is normalized by its own statistics (no running statistics).',
    trainEvalPerSample: 'The same in training and eval: statistics come from each sample alone.',
    trainEvalRmsNorm:
      'The same in training and eval: the root mean square comes from each sample alone (no centring).',
    trainEvalUnitNorm:
      'The same in training and eval: each vector is divided by its own L2 norm (nothing learned, nothing kept).',
    momentumNone: 'none (no running statistics)',
    momentumCumulative: 'None: running statistics are the cumulative average of every batch',
    momentumNewBatch: '{momentum} weights the new batch: running = {rest}·running + {momentum}·batch',
    momentumOldValue: '{momentum} weights the old value: running = {momentum}·running + {rest}·batch',
  },
  'zh-cn': {
    trainEvalBatchNorm:
      '训练时用当前批次的统计量归一化，并更新滑动均值和滑动方差；评估（eval）时改用滑动统计量，输出不再依赖同一批次中的其他样本。',
    trainEvalInstanceNormTracking: '训练时用每个实例自身的统计量，并更新滑动平均；评估时改用滑动平均。',
    trainEvalInstanceNorm: '训练与评估相同：每个样本都用它自己的统计量归一化（没有滑动统计量）。',
    trainEvalPerSample: '训练与评估相同：统计量只来自每个样本自身。',
    trainEvalRmsNorm: '训练与评估相同：均方根只来自每个样本自身（不减去均值）。',
    trainEvalUnitNorm: '训练与评估相同：每个向量除以它自己的 L2 范数（不学习参数，也不保存状态）。',
    momentumNone: '无（没有滑动统计量）',
    momentumCumulative: 'None：滑动统计量是所有批次的累积平均',
    momentumNewBatch: '{momentum} 是新批次的权重：running = {rest}·running + {momentum}·batch',
    momentumOldValue: '{momentum} 是旧值的权重：running = {momentum}·running + {rest}·batch',
  },
};
