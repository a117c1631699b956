import { ParameterError } from '../parameter-error';
import { gather, sizeOf, tensor, type Tensor } from '../tensor/tensor';
import { checkEps } from './checks';

export interface FoldBatchNormInput {
  /** The preceding Linear/Conv weight, output channels first: [C_out, …]. */
  weight: Tensor;
  bias?: ArrayLike<number>;
  bnWeight: ArrayLike<number>;
  bnBias: ArrayLike<number>;
  runningMean: ArrayLike<number>;
  runningVar: ArrayLike<number>;
  eps?: number;
}

/**
 * Folds an eval-mode BatchNorm into the layer before it (torch.fx fuse_conv_bn_weights):
 * s = γ/√(running_var + eps); W' = W·s (per output channel); b' = (b - running_mean)·s + β.
 */
export function foldBatchNorm(input: FoldBatchNormInput): {
  weight: Tensor<Float64Array>;
  bias: Float64Array;
} {
  const op = 'foldBatchNorm';
  const eps = input.eps ?? 1e-5;
  checkEps(op, eps);
  const channels = input.weight.shape[0] ?? 0;
  for (const [name, value] of Object.entries({
    bias: input.bias,
    bnWeight: input.bnWeight,
    bnBias: input.bnBias,
    runningMean: input.runningMean,
    runningVar: input.runningVar,
  })) {
    if (value !== undefined && value.length !== channels) {
      throw new ParameterError(
        op,
        name,
        `${value.length} values`,
        `must hold one per output channel (${channels})`,
      );
    }
  }
  const scale = Float64Array.from(input.runningVar, (v, c) => input.bnWeight[c] / Math.sqrt(v + eps));
  const perChannel = channels === 0 ? 0 : sizeOf(input.weight.shape) / channels;
  const source = gather(input.weight);
  const weight = new Float64Array(sizeOf(input.weight.shape));
  for (let i = 0; i < weight.length; i++) weight[i] = source[i] * scale[Math.floor(i / perChannel)];
  const bias = Float64Array.from(
    scale,
    (s, c) => ((input.bias?.[c] ?? 0) - input.runningMean[c]) * s + input.bnBias[c],
  );
  return { weight: tensor(weight, input.weight.shape), bias };
}
