/**
 * Every message between the extension host and the panel webview, declared once. Directional
 * discriminated unions on `type`; each side handles its union with an exhaustive switch. Numbers travel
 * as typed arrays (VS Code transfers them without JSON), and only summaries: never the raw data.
 */
import type { ReportRequest, TensorPreset } from '../engine/report/report';
import type { CodeTarget } from '../engine/export/targets';
import type { AdviceLanguage } from '../engine/advise/messages';
import type { OverviewRow } from '../engine/report/overview';

/** Statistics of one row of the table, in SUMMARY_FIELDS order. */
export type SummaryFieldName =
  | 'count'
  | 'missing'
  | 'mean'
  | 'std'
  | 'stdPopulation'
  | 'min'
  | 'q25'
  | 'median'
  | 'q75'
  | 'max'
  | 'skewness'
  | 'kurtosis';

export interface HistogramPayload {
  edges: Float64Array;
  counts: Float64Array;
  /** NaN, +Inf, -Inf counted apart (never dropped silently). */
  missing: number;
  positiveInfinities: number;
  negativeInfinities: number;
}

export interface StatisticsPayload {
  labels: string[];
  fields: SummaryFieldName[];
  /** labels.length × fields.length values, row-major. */
  values: Float64Array;
}

/** One overview row: a column at a glance, with the advice for it flattened into plain fields. */
export type OverviewRowPayload = Omit<OverviewRow, 'advice'> & {
  diagnoses: string[];
  /** The advised method: drop, exclude, none or a scaling method. */
  advisedMethod: string;
  reason: string;
};

/** The why-normalize numbers of some columns (see engine/advise/why-normalize). */
export interface WhyNormalizePayload {
  rows: number;
  /** κ(XᵀX). */
  condition: number;
  /** Two-column loss contours: long axis / short axis, and the long axis's angle (radians). */
  contour?: { elongation: number; angle: number };
  tanhFlatShare: number;
  sigmoidFlatShare: number;
}

export interface ViewPayload {
  focusLabel: string;
  before: StatisticsPayload;
  after: StatisticsPayload;
  histogramBefore: HistogramPayload;
  histogramAfter: HistogramPayload;
  outliers?: { minmax: HistogramPayload; robust: HistogramPayload };
  /** Whether the view has fitted parameters to save or copy as code. */
  hasFittedParameters: boolean;
  /** Tables: every column at a glance. */
  overview?: OverviewRowPayload[];
  /** The bin count drawn and whether a rule (Freedman–Diaconis) chose it. */
  bins: { count: number; rule: 'fd' | 'fixed' };
  /** Why normalize: conditioning and saturation of the applied columns, before and after. */
  why?: { columns: string[]; before: WhyNormalizePayload; after: WhyNormalizePayload };
  /** Percentiles 1, 5, 95, 99 of each table row (labels.length × 4, row-major), before and after. */
  percentiles?: { q: number[]; before: Float64Array; after: Float64Array };
  /** The per-column plan the view was computed with, method by column. */
  plan?: { column: string; method: string }[];
}

export interface MethodDescription {
  method: string;
  title: string;
}

/** What the panel shows, sent once after `ready`. */
export interface PanelInit {
  title: string;
  source: 'file' | 'selection' | 'fit-apply';
  /** Table columns, or the tensor's shape and axis names. */
  dataset:
    | { kind: 'table'; rowCount: number; columns: { name: string; kind: 'numeric' | 'text' }[] }
    | { kind: 'tensor'; shape: number[]; axisNames: string[] };
  methods: MethodDescription[];
  initialRequest: ReportRequest;
  /** Statistics only (Show Statistics): no method picker, no export. */
  statisticsOnly: boolean;
  /** Shown as a banner, e.g. the train/test leakage note. */
  note?: string;
  canReplaceSelection: boolean;
  trusted: boolean;
  /** The statistics tables list at most this many rows (columns or kept-axis indices). */
  previewSize: number;
  /** How a CSV file was read (absent for selections, tensors and notebook outputs). */
  readAs?: ReadAsState;
  /** The language of the panel's own words and of the advice ('en' or 'zh-cn'). */
  language?: 'en' | 'zh-cn';
  /** Which actions this host offers (a notebook output cannot write files; it can open the panel). */
  actions: { export: boolean; saveParameters: boolean; copyCode: boolean; openInPanel: boolean };
}

/** How a CSV file was read, for the panel's "Read as …" line and its controls. */
export interface ReadAsState {
  /** "`;`-delimited, decimal comma, header on line 2, 1 preamble line skipped". */
  summary: string;
  /** A note naming a reading that scored close, or null. */
  close: string | null;
  /** What the reading may have got wrong and the flag that fixes it. */
  hints: string[];
  delimiter: string;
  decimal: '.' | ',';
  /** 1-based line of the header, or null without one. */
  headerLine: number | null;
  skipLines: number;
  naValues: string[];
  encoding: string;
  /** The choices the controls offer: delimiters with their names, and the encodings read. */
  delimiters: { value: string; label: string }[];
  encodings: string[];
}

/** What the "Read as" controls fix when they re-read the file (the rest is sniffed again). */
export interface ReadAsOverrides {
  delimiter?: string;
  decimal?: string;
  header?: boolean;
  skipLines?: number;
  naValues?: string[];
  encoding?: string;
}

/** A language of "Copy as code" (export/targets.ts lists them). */
export type CodeLanguage = CodeTarget;
export type TensorPresetName = TensorPreset;

/** Host → webview. */
export type HostMessage =
  /** The dataset and controls to show; the reply to `ready`. */
  | { type: 'init'; init: PanelInit }
  /** The numbers for the request with this id. */
  | { type: 'view'; requestId: number; view: ViewPayload }
  /** A request failed (bad option, …): show the message in place. */
  | { type: 'error'; requestId?: number; message: string }
  /** A short confirmation after an action (exported, copied). */
  | { type: 'notice'; message: string };

/** Webview → host. */
export type WebviewMessage =
  /** The webview is listening; the host replies with `init`. */
  | { type: 'ready' }
  /** Compute the view for this request; the host answers `view` or `error` with the same id. */
  | { type: 'compute'; requestId: number; request: ReportRequest }
  /** Write the normalized data to a new file. */
  | { type: 'export'; format: 'csv' | 'npy' }
  /** Save the fitted parameters as JSON. */
  | { type: 'saveParameters' }
  /** Copy the fitted transform as code. */
  | { type: 'copyCode'; language: CodeLanguage }
  /** Copy text the webview prepared (the statistics table as CSV or Markdown). */
  | { type: 'copyText'; text: string; what: string }
  /** Replace the editor selection with the normalized literal (one undoable edit). */
  | { type: 'replaceSelection' }
  /** Copy the normalized literal instead of replacing. */
  | { type: 'copyResult' }
  /** Open this data in the NormScope panel (from a notebook output). */
  | { type: 'openInPanel' }
  /** Read the file again with these parts of its dialect fixed (the "Read as" controls). */
  | { type: 'readAs'; overrides: ReadAsOverrides };

/** Every webview message type; `satisfies` makes the compiler insist the list is complete. */
const WEBVIEW_MESSAGE_TYPES = {
  ready: true,
  compute: true,
  export: true,
  saveParameters: true,
  copyCode: true,
  copyText: true,
  replaceSelection: true,
  copyResult: true,
  openInPanel: true,
  readAs: true,
} satisfies Record<WebviewMessage['type'], true>;

/** Runtime check of a message from the other side (webview input is untrusted). */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(WEBVIEW_MESSAGE_TYPES, type);
}

/** Notebook renderer → extension, over renderer messaging (only when the extension is installed). */
export type RendererMessage =
  /** Copy this text (the fitted transform as code) to the clipboard. */
  | { type: 'copyText'; text: string; what: string }
  /** Open the output's data in the NormScope panel. */
  | { type: 'openInPanel'; payload: unknown };

/** The user's selected array, as the explainer's [N, C, H, W] tensor (C order). */
export interface ExplainerArray {
  shape: number[];
  values: number[];
  /** Where it came from, for the caption: 'model.py:12, shape [2, 3, 4, 4]'. */
  source: string;
}

/** Host → explainer webview. */
export type ExplainerHostMessage =
  /** What to show first (from a hover: the layer and framework under the cursor; from a selection: its array). */
  {
    type: 'explainerInit';
    layer: 'batchnorm' | 'layernorm' | 'instancenorm' | 'groupnorm' | 'rmsnorm';
    framework: 'torch' | 'keras' | 'flax';
    array?: ExplainerArray;
    /** The explainer's language, from VS Code's display language (English when absent). */
    language?: AdviceLanguage;
  };

/** Explainer webview → host. */
export type ExplainerWebviewMessage =
  /** The explainer is listening; the host replies with `explainerInit`. */
  { type: 'ready' };
