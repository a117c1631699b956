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
  | 'momentumOldValue'
  | 'noteKerasInstanceNorm'
  | 'noteGroupCovers'
  | 'noteOneGroup'
  | 'noteOneChannelPerGroup'
  | 'noteUnitNorm'
  | 'noteRmsNorm'
  | 'planHeader'
  | 'planShape'
  | 'planReducedMark'
  | 'planReducesOver'
  | 'planKeeps'
  | 'planNothing'
  | 'planStatistics'
  | 'planStatisticsValue'
  | 'planParamShape'
  | 'planNoParams'
  | 'planDtypeEps'
  | 'planMomentum'
  | 'planRunningVariance'
  | 'planBiasedVariance'
  | 'planUnbiasedVariance'
  | 'planTrainVsEval'
  | 'planNote';

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
    noteKerasInstanceNorm:
      'Keras has no InstanceNormalization layer: GroupNormalization(groups=-1) is instance norm.',
    noteGroupCovers:
      'Each statistic covers {perGroup} of the {channels} channels (one group) and every position; C is split, not kept.',
    noteOneGroup: 'One group: the same statistics as LayerNorm over every axis but N.',
    noteOneChannelPerGroup: 'One channel per group: the same statistics as InstanceNorm.',
    noteUnitNorm:
      'Unit normalization divides by the L2 norm, max(‖x‖₂, eps), over the reduced axes: no mean is subtracted, no γ or β, and every normalized vector has length 1.',
    noteRmsNorm: 'RMSNorm divides by √(mean(x²) + eps): no mean is subtracted and there is no β.',
    planHeader: '{title} ({framework}) on {layout} [{shape}]',
    planShape: 'shape',
    planReducedMark: '([ ] = reduced)',
    planReducesOver: 'reduces over',
    planKeeps: 'keeps',
    planNothing: '(nothing)',
    planStatistics: 'statistics',
    planStatisticsValue: 'shape [{shape}], {perBatch} per batch, {values} values each',
    planParamShape: 'shape [{shape}]',
    planNoParams: 'none by default',
    planDtypeEps: "machine epsilon of the input's dtype",
    planMomentum: 'momentum',
    planRunningVariance: 'running variance',
    planBiasedVariance: 'biased batch variance',
    planUnbiasedVariance: 'unbiased batch variance',
    planTrainVsEval: 'train vs eval',
    planNote: 'note',
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
    noteKerasInstanceNorm:
      'Keras 没有 InstanceNormalization 层：GroupNormalization(groups=-1) 就是实例归一化。',
    noteGroupCovers:
      '每个统计量覆盖 {channels} 个通道中的 {perGroup} 个（一组）以及所有位置；C 被切分，而不是保留。',
    noteOneGroup: '只有一组：统计量与在除 N 以外所有轴上的层归一化 LayerNorm 相同。',
    noteOneChannelPerGroup: '每组一个通道：统计量与实例归一化 InstanceNorm 相同。',
    noteUnitNorm:
      '单位归一化在归约轴上除以 L2 范数 max(‖x‖₂, eps)：不减均值，没有 γ 和 β，归一化后每个向量的长度都是 1。',
    noteRmsNorm: 'RMSNorm 除以 √(mean(x²) + eps)：不减均值，也没有 β。',
    planHeader: '{title}（{framework}），输入 {layout} [{shape}]',
    planShape: '形状',
    planReducedMark: '（[ ] = 归约轴）',
    planReducesOver: '归约轴',
    planKeeps: '保留轴',
    planNothing: '（无）',
    planStatistics: '统计量',
    planStatisticsValue: '形状 [{shape}]，每批 {perBatch} 个，每个含 {values} 个值',
    planParamShape: '形状 [{shape}]',
    planNoParams: '默认没有',
    planDtypeEps: '输入 dtype 的机器精度（machine epsilon）',
    planMomentum: '动量 momentum',
    planRunningVariance: '滑动方差',
    planBiasedVariance: '有偏的批次方差',
    planUnbiasedVariance: '无偏的批次方差',
    planTrainVsEval: '训练与评估',
    planNote: '说明',
  },
};
