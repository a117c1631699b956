/**
 * What hovers and inlay hints say about a layer, in every language NormScope speaks (VS Code's display
 * language picks one). Each language must fill every key (the `Record` type refuses a missing one);
 * `{name}` placeholders take API names, code and numbers, which stay as written in every language.
 */
import type { AdviceLanguage } from '../engine/advise/messages';

export type HoverMessageKey =
  | 'inlayOver'
  | 'inlayReading'
  | 'inlaySyncBatchNorm'
  | 'momentumFollowsBatchNewBatch'
  | 'momentumFollowsBatchOldValue'
  | 'factoryBuilds'
  | 'or'
  | 'listSeparator'
  | 'lineNumber'
  | 'boundAt'
  | 'whicheverCondition'
  | 'unlessGiven'
  | 'sentenceEnd'
  | 'factoryVariants'
  | 'defaults'
  | 'customSubclass'
  | 'customModule'
  | 'customDefinedAt'
  | 'gammaShape'
  | 'customNote'
  | 'conversion'
  | 'theModel'
  | 'epsFromConfig'
  | 'epsConfigDefault'
  | 'dtypeEps'
  | 'readingLine'
  | 'readingStatistics'
  | 'readingL2Norm'
  | 'layoutUnknown'
  | 'layoutKnown'
  | 'rowStatisticShape'
  | 'rowParameterShape'
  | 'rowMomentum'
  | 'rowRunningVariance'
  | 'rowGroups'
  | 'none'
  | 'biasedBatchVariance'
  | 'unbiasedBatchVariance'
  | 'useHead'
  | 'bindingHead'
  | 'permutedBefore';

export const HOVER_MESSAGES: Record<AdviceLanguage, Record<HoverMessageKey, string>> = {
  en: {
    inlayOver: 'over {axes}',
    inlayReading: '{axes} ({layout})',
    inlaySyncBatchNorm: 'SyncBatchNorm: over N across processes',
    momentumFollowsBatchNewBatch:
      "⚠ momentum {momentum} gives each new batch weight {momentum}: the running statistics follow the last batch. Keras's and Flax's {momentum} is PyTorch's {complement}.",
    momentumFollowsBatchOldValue:
      "⚠ momentum {momentum} keeps only {momentum} of the old running value: the running statistics follow the last batch. PyTorch's {momentum} is {framework}'s {complement}.",
    factoryBuilds: '`{name}(…)` builds {classes}',
    or: ' or ',
    listSeparator: ', ',
    lineNumber: 'line {line}',
    boundAt: ' (bound at {where})',
    whicheverCondition: ', whichever the condition picks',
    unlessGiven: ', unless `{name}` is given',
    sentenceEnd: '.',
    factoryVariants: 'It reaches here configured {count} ways: {variants}; the table shows the first.',
    defaults: 'defaults',
    customSubclass: '{layer} subclass',
    customModule: 'custom {layer}',
    customDefinedAt: '{title} `{className}` (defined at line {line}): {reading}{gamma}.',
    gammaShape: '; γ shape ({shape},)',
    customNote: 'Its {note}.',
    conversion:
      'Every BatchNorm1d/2d/3d in `{model}` becomes a SyncBatchNorm: its statistics are computed over N across all processes of the group, plus the spatial axes of each replaced layer.',
    theModel: 'the model',
    epsFromConfig: '{eps} — from the model config{detail}',
    epsConfigDefault: ' ({configClass} default {default}, line {line})',
    dtypeEps: "the dtype's machine epsilon",
    readingLine: '- {layout}: {picture} — {what} over **{axes}**',
    readingStatistics: 'statistics',
    readingL2Norm: 'L2 norm',
    layoutUnknown: 'The input layout is not known from this line; each reading (reduced axes in bold):',
    layoutKnown: 'Input {layout} (reduced axes in bold):',
    rowStatisticShape: 'statistic shape',
    rowParameterShape: 'γ, β shape',
    rowMomentum: 'momentum',
    rowRunningVariance: 'running variance',
    rowGroups: 'groups',
    none: 'none',
    biasedBatchVariance: 'biased batch variance',
    unbiasedBatchVariance: 'unbiased batch variance',
    useHead: 'Calls the {layer} built at {at}.',
    bindingHead: 'Bound here: `{name}(…)` at {at} builds this layer.',
    permutedBefore:
      'The statement before permutes the input to {layout}: here it normalizes over **{axes}** ({picture}).',
  },
  'zh-cn': {
    inlayOver: '统计轴 {axes}',
    inlayReading: '{axes}（{layout}）',
    inlaySyncBatchNorm: 'SyncBatchNorm：跨进程统计 N',
    momentumFollowsBatchNewBatch:
      '⚠ momentum {momentum} 给每个新批次 {momentum} 的权重：滑动统计量几乎只跟随最后一个批次。Keras 和 Flax 的 {momentum} 相当于 PyTorch 的 {complement}。',
    momentumFollowsBatchOldValue:
      '⚠ momentum {momentum} 只保留旧滑动值的 {momentum}：滑动统计量几乎只跟随最后一个批次。PyTorch 的 {momentum} 相当于 {framework} 的 {complement}。',
    factoryBuilds: '`{name}(…)` 构建 {classes}',
    or: ' 或 ',
    listSeparator: '、',
    lineNumber: '第 {line} 行',
    boundAt: '（绑定于{where}）',
    whicheverCondition: '，取决于条件选中哪一个',
    unlessGiven: '，除非调用方传入了 `{name}`',
    sentenceEnd: '。',
    factoryVariants: '它以 {count} 种配置到达此处：{variants}；表中显示第一种。',
    defaults: '默认参数',
    customSubclass: '{layer} 子类',
    customModule: '自定义 {layer}',
    customDefinedAt: '{title} `{className}`（定义于第 {line} 行）：{reading}{gamma}。',
    gammaShape: '；γ 的形状为 ({shape},)',
    customNote: '另外：{note}。',
    conversion:
      '`{model}` 中的每个 BatchNorm1d/2d/3d 都被替换为 SyncBatchNorm：统计量在进程组的所有进程之间沿 N 计算，再加上每个被替换层的空间轴。',
    theModel: '模型',
    epsFromConfig: '{eps} — 来自模型配置{detail}',
    epsConfigDefault: '（{configClass} 默认 {default}，第 {line} 行）',
    dtypeEps: '该 dtype 的机器精度（machine epsilon）',
    readingLine: '- {layout}：{picture} — 在 **{axes}** 上计算{what}',
    readingStatistics: '统计量',
    readingL2Norm: 'L2 范数',
    layoutUnknown: '从这一行看不出输入布局；以下是每种可能的读法（粗体为归约轴）：',
    layoutKnown: '输入 {layout}（粗体为归约轴）：',
    rowStatisticShape: '统计量形状',
    rowParameterShape: 'γ、β 形状',
    rowMomentum: '动量 momentum',
    rowRunningVariance: '滑动方差',
    rowGroups: '分组数',
    none: '无',
    biasedBatchVariance: '有偏的批次方差',
    unbiasedBatchVariance: '无偏的批次方差',
    useHead: '调用{at}构建的 {layer}。',
    bindingHead: '在此绑定：{at}的 `{name}(…)` 构建这个层。',
    permutedBefore: '上一条语句把输入重排为 {layout}：这里在 **{axes}** 上归一化（{picture}）。',
  },
};
