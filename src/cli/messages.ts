/**
 * The normscope command line's own words (help, command summaries, flag errors, notes and summaries on
 * stderr) in every language it speaks. Each language must fill every key (the `Record` type refuses a
 * missing one); `{name}` placeholders take file names, flags, values and numbers, which stay as written.
 * Flag names, JSON keys and the advice's JSON values do not change with the language.
 */
import { fillMessage, type AdviceLanguage } from '../engine/advise/messages';

const EN = {
  helpTagline: 'normscope: see and get right what every normalization does.',
  helpUsage: 'Usage:',
  helpCommands: 'Commands:',
  helpOptions: 'Options of every command:',
  helpLanguage: 'the language of messages (default: LC_ALL, LC_MESSAGES or LANG; zh_CN is Chinese)',
  helpErrors:
    'Errors exit with status 2 and one line on stderr naming the file, line and column or the flag and value.',
  unknownCommand: 'unknown command (try: {commands})',
  internalError: 'internal error: {detail}',

  summaryInspect:
    'Show how the file is read (encoding, delimiter, decimal mark, preamble, header, how sure), each column and its kind, and the first rows as parsed.',
  summaryStats:
    'Per-column statistics (count, missing, mean, std ddof 1 and 0, min, quartiles, max, skewness, kurtosis); for .npy/.npz, per index of the axes --axis does not reduce; for images, per-channel mean/std on the 0–1 scale and the transforms.Normalize line.',
  summaryAdvise:
    'For every column: diagnoses (empty, constant, id-like, binary, skewed, outliers, missing), the method advised and the reason in numbers; --write-plan saves the advice as a plan for `fit --plan`.',
  summaryFit:
    'Fit a scaling method (or a per-column plan, as `advise` suggests) on a training file and save its fitted parameters as versioned JSON (fit on train only); --partial saves a shard fit that `merge` combines with others.',
  summaryMerge:
    "Combine shard fits (fit --partial, run anywhere) into the params of one fit on all their rows (Chan's parallel formulas); --partial writes the merged shard fit instead, to merge again later.",
  summaryTransform:
    "Apply saved parameters to another file (or undo them with --inverse), writing a new file; the file is read in the training file's dialect unless flags say otherwise.",
  summaryNormalize:
    'Fit a method on a file and write the file normalized to a new file (text columns and missing values kept).',
  summaryExport:
    'Print saved parameters as code on stdout: one SQL SELECT FROM --table (default data; NULL stays NULL), a PySpark function, a dbt model, or scikit-learn / PyTorch / Keras / NumPy code, with the fitted numbers written to read back exactly.',
  summaryFitSql:
    "Print the aggregate query that fits a method inside the warehouse (one row of the fitted statistics, named after scikit-learn's attributes; exact percentiles).",
  summaryLayer:
    'Run a normalization layer forward on a tensor, as PyTorch, Keras or Flax would, and save its output (and running statistics).',
  summarySpectralNorm:
    'Divide a weight by its largest singular value σ (weight viewed as shape[dim] × rest) and print σ alone.',
  summaryFoldBn:
    'Fold an eval-mode BatchNorm into the Linear/Conv before it: W·γ/√(var+eps) and (b - mean)·γ/√(var+eps) + β.',
  summaryExplain:
    'Which axes a normalization layer reduces over, the statistic and parameter shapes, values per statistic and the defaults.',
  summaryAnnotate:
    'List every normalization layer in Python code or a notebook: the axes it reduces over, shapes and defaults.',

  isRequired: 'is required',
  isMissing: 'is missing',
  notANumber: "'{text}' is not a number",
  notAnInteger: "'{text}' is not an integer",
  atLeast: '{value} must be at least {min}',
  numberList: "'{text}' must list {length} numbers separated by commas",
  notOneOf: "'{text}' is not one of {choices}",
  unknownOption: "unknown option (the command's --help lists its flags)",
  needsValue: 'needs a value',
  takesNoValue: 'takes no value',

  readAs: 'read as: {reading}',
  readAsConfidence: 'read as: {reading} (confidence {confidence})',
  inspectWithHeader: '{file}: {rows} rows, {delimiter}-delimited, with a header',
  inspectWithoutHeader: '{file}: {rows} rows, {delimiter}-delimited, without a header',
  noteHint: 'note: {file}: {hint}',
  noteCloseReading:
    'note: {file} reads almost as well another way; chose {chosen}; the other reading: {others}',
  readingScore: '{flags} (score {score})',
  skippedRow: "{file}: skipped 1 row whose field count differs from the header's (line {lines}){rejects}",
  skippedRows:
    "{file}: skipped {count} rows whose field count differs from the header's (lines {lines}){rejects}",
  rejectsWritten: '; written to {file}',
  delimiterChoice: "'{text}' is not one of , ';' tab pipe whitespace (or comma, semicolon)",
  headerContradiction: 'and --no-header contradict each other; pass one',
  thousandsCharacter: "'{text}' must be one character that is not a digit",
  thousandsIsDecimal: "'{text}' is also the decimal mark",
  rejectsNeedSkip: 'writes the rows --on-bad-rows skip skips; pass --on-bad-rows skip too',
  decimalIsDelimiter: "',' is also the delimiter; pass --delimiter ';' (or tab) with it",

  streamAboveSize: 'must be a size in MB ≥ 0, not {text}',
  interrupted: 'Ctrl-C; no output was written',
  duckDbFormats: 'duckdb reads CSV, Parquet and JSON Lines; {file} is {format} (leave out --engine)',
  duckDbInterrupted: 'interrupted; DuckDB stopped the query and nothing was written',
  appliesToMethod: 'applies to --method {other}, not {method}',

  statsRows: '{file}: {rows} rows',
  statsValuesPerStatistic: '{file}: {rows} values per statistic',
  notAColumn: "'{name}' is not a column of {file} (columns: {columns})",
  axisNotDuckDb: 'applies to .npy inputs, not --engine duckdb',
  axisArraysOnly: 'applies to .npy and .npz inputs; {format} statistics are per column',
  axisList: "'{text}' is not a comma-separated list of integer axes",
  imageSkipped: 'skipped {file}: {reason}',

  noDataRows: 'no data rows to fit (a header and no rows)',
  planNotMethod: 'gives each column its method; leave out --method (or --plan)',
  partialNotMergeable: '{method} does not merge from shards: {reason}',
  partialNotDuckDb: 'is written by our engine; with --engine duckdb fit the whole folder or glob at once',
  methodInMemory:
    '{method} needs every value in memory at once, and {file} is over --stream-above ({limit} MB); files that large are normalized in passes with {methods}',
  mergeShardsMissing: 'is missing (list the shard fits to merge)',
  fitSqlNoFile: 'fit-sql takes no file: the table is --table',
  fitSqlColumns: 'is required: fit-sql does not see the table, so name the columns to fit',
  exportDialectRequired: 'is required with --to {target} (one of {dialects})',
  exportNoExcept:
    '{dialect} has no SELECT * EXCEPT form; leave out --with-rest and list the other columns after the SELECT yourself',
  exportDbtName: "'{table}' is not a dbt model name (letters, digits, _ and .)",
  exportSqlOnly: 'applies to --to sql and dbt, not {target}',
  exportPlan:
    '{file} holds a per-column plan, which exports as sklearn or numpy code; {target} takes the parameters of one method (fit --method M)',
  layerFlagNotApplicable: 'does not apply to {layer} (only {layers})',
  layerNoRunningStats: '{layer} keeps no running statistics here (instancenorm needs --track-running-stats)',
  arrayOfNumbers: '{key} must be an array of numbers',
  notANotebook: 'is not a valid notebook ({detail})',
  noLayers: '{file}: no normalization layers',
  annotateSite:
    '{where}: {api} over {axes} ({layout}); statistics [{statShape}], γ/β [{paramShape}], eps {eps}',
  annotateLayoutUnknown: 'layout unknown ({readings})',
  annotateReading: '{layout}: over {axes}',
  annotateAnyLayout: 'depends on the input',
  annotateBuiltBy: 'built by {name}(…){unless}',
  annotateAFactory: 'a factory',
  annotateUnlessGiven: ', unless {name} is given',
  annotateCustom: '{className} (line {line}): {reading}',
} as const;

export type CliMessageKey = keyof typeof EN;

export const CLI_MESSAGES: Record<AdviceLanguage, Record<CliMessageKey, string>> = {
  en: EN,
  'zh-cn': {
    helpTagline: 'normscope：看清并用对每一种归一化。',
    helpUsage: '用法：',
    helpCommands: '命令：',
    helpOptions: '所有命令通用的选项：',
    helpLanguage: '消息的语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG；zh_CN 为中文）',
    helpErrors: '出错时以状态 2 退出，并在 stderr 上输出一行，指明文件、行和列，或出错的标志及其值。',
    unknownCommand: '未知命令（可用的命令：{commands}）',
    internalError: '内部错误：{detail}',

    summaryInspect:
      '显示文件的读取方式（编码、分隔符、小数点、前言行、表头及其把握程度）、每一列及其类型，以及解析后的前几行。',
    summaryStats:
      '逐列统计（计数、缺失、均值、ddof 为 1 和 0 的标准差、最小值、四分位数、最大值、偏度、峰度）；对 .npy/.npz，按 --axis 未归约的轴的每个索引统计；对图像，给出 0–1 尺度上的逐通道均值/标准差和 transforms.Normalize 那一行。',
    summaryAdvise:
      '对每一列给出诊断（空、常数、类似 ID、二值、偏斜、离群值、缺失）、建议的方法以及用数字说明的理由；--write-plan 把建议保存为供 `fit --plan` 使用的方案。',
    summaryFit:
      '在训练文件上拟合一种缩放方法（或 `advise` 建议的逐列方案），并把拟合参数保存为带版本的 JSON（只在训练集上拟合）；--partial 保存分片拟合，由 `merge` 与其他分片合并。',
    summaryMerge:
      '把分片拟合（fit --partial，可在任何地方运行）合并为在全部行上拟合一次的参数（Chan 的并行公式）；--partial 则写出合并后的分片拟合，以便之后再次合并。',
    summaryTransform:
      '把保存的参数应用到另一个文件（或用 --inverse 撤销），写出新文件；除非标志另有指定，文件按训练文件的格式方言读取。',
    summaryNormalize: '在文件上拟合一种方法，并把归一化后的文件写到新文件（保留文本列和缺失值）。',
    summaryExport:
      '在 stdout 上把保存的参数打印为代码：一条 SELECT FROM --table 的 SQL（默认表名 data；NULL 保持 NULL）、一个 PySpark 函数、一个 dbt 模型，或 scikit-learn / PyTorch / Keras / NumPy 代码，拟合数值写成可精确读回的形式。',
    summaryFitSql:
      '打印在数据仓库内拟合一种方法的聚合查询（拟合统计量占一行，按 scikit-learn 的属性命名；精确百分位数）。',
    summaryLayer:
      '像 PyTorch、Keras 或 Flax 那样对张量做一次归一化层的前向计算，并保存输出（以及滑动统计量）。',
    summarySpectralNorm: '把权重除以它的最大奇异值 σ（权重视为 shape[dim] × 其余），并单独打印 σ。',
    summaryFoldBn:
      '把评估模式下的批归一化 BatchNorm 折叠进它前面的 Linear/Conv：W·γ/√(var+eps) 和 (b - mean)·γ/√(var+eps) + β。',
    summaryExplain: '归一化层在哪些轴上归约、统计量和参数的形状、每个统计量包含多少个值，以及各项默认值。',
    summaryAnnotate: '列出 Python 代码或笔记本中的每个归一化层：它归约的轴、形状和默认值。',

    isRequired: '是必需的',
    isMissing: '缺失',
    notANumber: "'{text}' 不是数字",
    notAnInteger: "'{text}' 不是整数",
    atLeast: '{value} 不能小于 {min}',
    numberList: "'{text}' 必须是用逗号分隔的 {length} 个数",
    notOneOf: "'{text}' 不是 {choices} 之一",
    unknownOption: '未知选项（该命令的 --help 会列出它的所有标志）',
    needsValue: '需要一个值',
    takesNoValue: '不接受值',

    readAs: '读取方式：{reading}',
    readAsConfidence: '读取方式：{reading}（置信度 {confidence}）',
    inspectWithHeader: '{file}：{rows} 行，以 {delimiter} 分隔，有表头',
    inspectWithoutHeader: '{file}：{rows} 行，以 {delimiter} 分隔，无表头',
    noteHint: '提示：{file}：{hint}',
    noteCloseReading: '提示：{file} 换一种读法也几乎同样合理；已选择 {chosen}；另一种读法：{others}',
    readingScore: '{flags}（得分 {score}）',
    skippedRow: '{file}：跳过了 1 行，其字段数与表头不同（第 {lines} 行）{rejects}',
    skippedRows: '{file}：跳过了 {count} 行，其字段数与表头不同（第 {lines} 行）{rejects}',
    rejectsWritten: '；已写入 {file}',
    delimiterChoice: "'{text}' 不是 , ';' tab pipe whitespace 之一（也可写 comma、semicolon）",
    headerContradiction: '与 --no-header 相互矛盾；只能指定其一',
    thousandsCharacter: "'{text}' 必须是一个非数字的字符",
    thousandsIsDecimal: "'{text}' 同时也是小数点",
    rejectsNeedSkip: '写出的是 --on-bad-rows skip 跳过的行；请同时指定 --on-bad-rows skip',
    decimalIsDelimiter: "',' 同时也是分隔符；请同时指定 --delimiter ';'（或 tab）",

    streamAboveSize: '必须是 ≥ 0 的 MB 数，而不是 {text}',
    interrupted: 'Ctrl-C；没有写出任何输出',
    duckDbFormats: 'duckdb 读取 CSV、Parquet 和 JSON Lines；{file} 是 {format}（请去掉 --engine）',
    duckDbInterrupted: '已中断；DuckDB 停止了查询，没有写出任何内容',
    appliesToMethod: '只适用于 --method {other}，不适用于 {method}',

    statsRows: '{file}：{rows} 行',
    statsValuesPerStatistic: '{file}：每个统计量 {rows} 个值',
    notAColumn: "'{name}' 不是 {file} 的列（列：{columns}）",
    axisNotDuckDb: '只适用于 .npy 输入，不适用于 --engine duckdb',
    axisArraysOnly: '只适用于 .npy 和 .npz 输入；{format} 的统计是逐列的',
    axisList: "'{text}' 不是用逗号分隔的整数轴列表",
    imageSkipped: '已跳过 {file}：{reason}',

    noDataRows: '没有可拟合的数据行（只有表头，没有行）',
    planNotMethod: '为每一列指定了方法；请去掉 --method（或 --plan）',
    partialNotMergeable: '{method} 不能由分片合并：{reason}',
    partialNotDuckDb: '由我们自己的引擎写出；使用 --engine duckdb 时请一次拟合整个文件夹或通配符',
    methodInMemory:
      '{method} 需要一次把所有值放进内存，而 {file} 超过了 --stream-above（{limit} MB）；这么大的文件可以用以下方法分多遍归一化：{methods}',
    mergeShardsMissing: '缺失（请列出要合并的分片拟合）',
    fitSqlNoFile: 'fit-sql 不接受文件：表由 --table 指定',
    fitSqlColumns: '是必需的：fit-sql 看不到表，请指定要拟合的列',
    exportDialectRequired: '在 --to {target} 时是必需的（{dialects} 之一）',
    exportNoExcept: '{dialect} 没有 SELECT * EXCEPT 写法；请去掉 --with-rest，自行在 SELECT 之后列出其他列',
    exportDbtName: "'{table}' 不是 dbt 模型名（只能含字母、数字、_ 和 .）",
    exportSqlOnly: '只适用于 --to sql 和 dbt，不适用于 {target}',
    exportPlan:
      '{file} 保存的是逐列方案，只能导出为 sklearn 或 numpy 代码；{target} 需要单一方法的参数（fit --method M）',
    layerFlagNotApplicable: '不适用于 {layer}（只适用于 {layers}）',
    layerNoRunningStats: '{layer} 在此不保存滑动统计量（instancenorm 需要 --track-running-stats）',
    arrayOfNumbers: '{key} 必须是数字数组',
    notANotebook: '不是有效的笔记本（{detail}）',
    noLayers: '{file}：没有归一化层',
    annotateSite:
      '{where}：{api} 统计轴 {axes}（{layout}）；统计量 [{statShape}]，γ/β [{paramShape}]，eps {eps}',
    annotateLayoutUnknown: '布局未知（{readings}）',
    annotateReading: '{layout}：统计轴 {axes}',
    annotateAnyLayout: '取决于输入',
    annotateBuiltBy: '由 {name}(…) 构建{unless}',
    annotateAFactory: '某个工厂函数',
    annotateUnlessGiven: '，除非传入了 {name}',
    annotateCustom: '{className}（第 {line} 行）：{reading}',
  },
};

let current: AdviceLanguage = 'en';

/** The language the command line speaks (chosen once, by cliLanguageFrom in main). */
export function cliLanguage(): AdviceLanguage {
  return current;
}

export function useCliLanguage(language: AdviceLanguage): void {
  current = language;
}

/** A message in the command line's language, its `{name}` placeholders filled. */
export function say(key: CliMessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  const text = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
  return fillMessage(CLI_MESSAGES[current][key], text);
}
