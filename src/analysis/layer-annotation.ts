/** What the recognizer reports for each normalization site: one record the CLI, hovers and hints read. */
import type { Framework, MomentumConvention, NormLayer } from '../engine/explain/conventions';

export interface SourcePosition {
  /** 1-based line and column. */
  line: number;
  column: number;
}

/**
 * How the site builds its layer:
 * - 'call': a layer class or function named directly (`nn.BatchNorm2d(64)`, `partial(nn.LayerNorm, …)`);
 * - 'factory': a name bound to a layer class or partial, called (`norm_layer(planes)`, Flax `self.norm()`);
 * - 'custom': a norm module defined in the file, constructed (`RMSNorm(dim)`);
 * - 'conversion': `nn.SyncBatchNorm.convert_sync_batchnorm(model)` replacing a model's BatchNorms.
 */
export type SiteKind = 'call' | 'factory' | 'custom' | 'conversion';

export interface Reading {
  layout: string;
  reducedAxes: string[];
}

export interface LayerAnnotation {
  kind: SiteKind;
  /** 1-based line and column of the layer's name in the call. */
  line: number;
  column: number;
  endColumn: number;
  /** 1-based line and column just after the call's closing parenthesis (where an inlay hint goes). */
  callEndLine: number;
  callEndColumn: number;
  framework: Framework;
  layer: NormLayer;
  /** The resolved name, e.g. torch.nn.BatchNorm2d (for a custom module, the class's name). */
  api: string;
  /** Arguments as written (a partial's first). */
  args: string[];
  params: {
    /** A number, 'dtype-eps' (PyTorch's eps=None default), or an expression as written. */
    eps: number | string;
    momentum: number | null | string;
    momentumConvention: MomentumConvention | null;
    numFeatures?: number | string;
    normalizedShape?: (number | string)[] | string;
    numGroups?: number | string;
    axis?: number | number[] | string;
  };
  /** The layout the layer conventionally sees, or null when the code does not say. */
  layout: string | null;
  /** When the layout is unknown: each plausible layout and what it reduces. */
  alternatives?: Reading[];
  reducedAxes: string[];
  statShape: string[];
  paramShape: (string | number)[];
  /** A factory call: the name called, where it is bound to the class, and the parameter that may replace it. */
  factory?: {
    name: string;
    boundAt: (SourcePosition & { endColumn: number })[];
    /** The class is only a default: a caller may pass another through this parameter. */
    unlessGiven?: string;
    /** More than one class reaches the call (`nn.BatchNorm3d if is3d else nn.BatchNorm2d`). */
    choices?: string[];
    /** The partials' arguments, when the classes reaching the call are configured differently (shown: the first). */
    variants?: string[];
  };
  /** A norm module defined in the file. */
  custom?: CustomNormSummary;
  /** eps read from a config attribute (`config.layer_norm_eps`), with its default when the config class is in the file. */
  epsFromConfig?: { attribute: string; default?: number; configClass?: string; line?: number };
  /** Where the module built here is called (`self.bn1(x)`), and the reading a plain permute before it gives. */
  uses?: (SourcePosition & { endColumn: number; reading?: Reading })[];
}

export interface CustomNormSummary {
  className: string;
  /** Line of the class statement. */
  definedAt: number;
  /** The norm class it subclasses, when it does. */
  base?: string;
  /** What its body computes, in words: "mean of squares over the last axis, no mean subtraction". */
  reading: string;
  /** γ's shape as written (`dim`), when the body builds one. */
  gammaShape?: string;
  /** What forward changes besides the statistics (dtype casts, permutes). */
  notes: string[];
}

/** A hover that is not a site: a factory's binding line, or a call of a built module (`self.bn1(x)`). */
export interface LayerReference {
  kind: 'factory-binding' | 'use';
  line: number;
  column: number;
  endColumn: number;
  /** The site the module was built at ('use'), or the class the name is bound to ('factory-binding'). */
  layer: LayerAnnotation;
  /** The reading at the use, when a plain permute on the line before moves it. */
  reading?: Reading;
}
