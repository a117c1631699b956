/** The layer presets of the panel's axis picker, on an N, C, spatial… layout. */
export type TensorPreset = 'batchnorm' | 'layernorm' | 'instancenorm' | 'groupnorm' | 'custom';

/**
 * Axes a preset's statistics reduce over: BatchNorm all but C (per channel), LayerNorm and GroupNorm all
 * but N (per sample; GroupNorm then splits C into groups), InstanceNorm the spatial axes (per N, C).
 * Example: presetAxes('batchnorm', 4) = [0, 2, 3].
 */
export function presetAxes(preset: Exclude<TensorPreset, 'custom'>, rank: number): number[] {
  const all = Array.from({ length: rank }, (_, axis) => axis);
  switch (preset) {
    case 'batchnorm':
      return all.filter((axis) => axis !== 1);
    case 'layernorm':
    case 'groupnorm':
      return all.filter((axis) => axis !== 0);
    case 'instancenorm':
      return all.filter((axis) => axis > 1);
  }
}
