/**
 * The notebook output NormScope renders, MIME type `application/vnd.normscope+json` (version 1):
 * `{version, kind: "table"|"tensor", title?, shape, dtype: "float32"|"float64", columns?, axisNames?,
 * data (base64 of the little-endian values, C order), request?: {method, options, axes, layer, groups,
 * bins}, note?}`. Outputs are untrusted: every field is checked, and sizes before anything is decoded.
 */
import { datasetFromArray, type Dataset } from '../engine/report/dataset';
import { presetAxes, type TensorPreset } from '../engine/report/presets';
import type { ReportRequest } from '../engine/report/report';
import { SCALING_METHOD_NAMES } from '../engine/scale/registry';
import type { ScalingMethod } from '../engine/scale/scaler';

export const NOTEBOOK_MIME = 'application/vnd.normscope+json';
export const PAYLOAD_VERSION = 1;
/** Larger outputs are refused (the Python helper samples down to 5 million values). */
export const MAX_VALUES = 20_000_000;

export interface NotebookPayload {
  version: number;
  kind: 'table' | 'tensor';
  title?: string;
  shape: number[];
  dtype: 'float32' | 'float64';
  columns?: string[];
  axisNames?: string[];
  data: string;
  request?: {
    method?: string;
    options?: Record<string, unknown>;
    axes?: number[];
    layer?: Exclude<TensorPreset, 'custom'>;
    groups?: number;
    bins?: number;
  };
  note?: string;
}

export class PayloadError extends Error {
  constructor(detail: string) {
    super(`NormScope output: ${detail}`);
    this.name = 'PayloadError';
  }
}

const LAYERS = ['batchnorm', 'layernorm', 'instancenorm', 'groupnorm'] as const;

function isIntegerArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => Number.isInteger(v) && (v as number) >= 0);
}

function decodeBase64(text: string, bytes: number): Uint8Array {
  // Size first: a payload cannot make us allocate more than its shape promised.
  if (text.length !== Math.ceil(bytes / 3) * 4) {
    const held = Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
    throw new PayloadError(`data holds ${held} bytes, the shape needs ${bytes}`);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new PayloadError('data is not base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export interface DecodedOutput {
  dataset: Dataset;
  request: ReportRequest;
  note?: string;
  payload: NotebookPayload;
}

/** Validates and decodes a payload; throws PayloadError naming the field at fault. */
export function decodeNotebookPayload(value: unknown): DecodedOutput {
  if (typeof value !== 'object' || value === null) throw new PayloadError('expected a JSON object');
  const p = value as Partial<NotebookPayload>;
  if (p.version !== PAYLOAD_VERSION) {
    throw new PayloadError(
      `unknown payload version ${JSON.stringify(p.version)} (this NormScope reads version ${PAYLOAD_VERSION}; update the extension or normscope.py)`,
    );
  }
  if (p.kind !== 'table' && p.kind !== 'tensor')
    throw new PayloadError(`kind must be "table" or "tensor", got ${JSON.stringify(p.kind)}`);
  if (!isIntegerArray(p.shape) || p.shape.length > 8)
    throw new PayloadError('shape must be a list of at most 8 non-negative integers');
  if (p.kind === 'table' && p.shape.length > 2)
    throw new PayloadError(`a table has shape [rows] or [rows, columns], got [${p.shape.join(', ')}]`);
  if (p.kind === 'tensor' && p.shape.length < 2)
    throw new PayloadError(`a tensor has at least 2 axes, got [${p.shape.join(', ')}]`);
  const size = p.shape.reduce((n, e) => n * e, 1);
  if (size > MAX_VALUES) throw new PayloadError(`${size} values exceed the limit of ${MAX_VALUES}`);
  if (p.dtype !== 'float32' && p.dtype !== 'float64')
    throw new PayloadError(`dtype must be "float32" or "float64", got ${JSON.stringify(p.dtype)}`);
  if (typeof p.data !== 'string') throw new PayloadError('data must be a base64 string');
  const width = p.dtype === 'float32' ? 4 : 8;
  const bytes = decodeBase64(p.data, size * width);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = p.dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  for (let i = 0; i < size; i++)
    values[i] = width === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
  const title = typeof p.title === 'string' ? p.title.slice(0, 200) : 'array';
  const dataset = datasetFromArray(
    title,
    values,
    p.kind === 'table' && p.shape.length === 2 ? p.shape : p.kind === 'table' ? [p.shape[0], 1] : p.shape,
  );
  if (p.columns !== undefined) {
    if (
      dataset.kind !== 'table' ||
      !Array.isArray(p.columns) ||
      p.columns.length !== dataset.columns.length ||
      !p.columns.every((c) => typeof c === 'string')
    ) {
      throw new PayloadError('columns must name each column of a table once');
    }
    dataset.columns.forEach((column, j) => (column.name = p.columns![j]));
  }
  if (p.axisNames !== undefined) {
    if (
      dataset.kind !== 'tensor' ||
      !Array.isArray(p.axisNames) ||
      p.axisNames.length !== p.shape.length ||
      !p.axisNames.every((n) => typeof n === 'string' && n.length <= 16)
    ) {
      throw new PayloadError('axisNames must name each axis of a tensor');
    }
    dataset.axisNames = [...p.axisNames];
  }
  const request = requestOf(dataset, p.request ?? {});
  return {
    dataset,
    request,
    note: typeof p.note === 'string' ? p.note.slice(0, 500) : undefined,
    payload: p as NotebookPayload,
  };
}

function requestOf(dataset: Dataset, r: NonNullable<NotebookPayload['request']>): ReportRequest {
  const bins = Number.isInteger(r.bins) && r.bins! > 0 && r.bins! <= 500 ? r.bins! : 30;
  if (dataset.kind === 'table') {
    const method = r.method ?? 'zscore';
    if (method !== 'none' && !(SCALING_METHOD_NAMES as readonly string[]).includes(method))
      throw new PayloadError(`unknown method ${JSON.stringify(method)}`);
    const options = typeof r.options === 'object' && r.options !== null ? r.options : {};
    return { kind: 'table', method: method as ScalingMethod | 'none', options, bins };
  }
  const rank = dataset.tensor.shape.length;
  if (r.layer !== undefined && !LAYERS.includes(r.layer))
    throw new PayloadError(`unknown layer ${JSON.stringify(r.layer)}`);
  const preset = r.axes ? 'custom' : (r.layer ?? 'batchnorm');
  const axes = r.axes ?? presetAxes(r.layer ?? 'batchnorm', rank);
  if (!isIntegerArray(axes) || axes.some((a) => a >= rank))
    throw new PayloadError(`axes must be axes of a rank-${rank} tensor`);
  return {
    kind: 'tensor',
    preset,
    reducedAxes: axes,
    groups: Number.isInteger(r.groups) ? r.groups : 1,
    eps: 1e-5,
    normalize: r.method !== 'none',
    bins,
  };
}
