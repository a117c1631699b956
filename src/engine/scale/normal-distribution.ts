/* eslint-disable no-loss-of-precision -- Cephes coefficients as published (21 digits); each rounds to the double SciPy uses. */
/**
 * The standard normal CDF Φ and its inverse, as SciPy computes them (Cephes ndtr / ndtri), so that
 * quantile transforms and robust unit-variance scales agree with scikit-learn to the last digits.
 */
const SQRT1_2 = Math.SQRT1_2;
const MAXLOG = 7.09782712893383996843e2;
export const S2PI = 2.50662827463100050242;
/** exp(-2) */
export const EXP_MINUS_2 = 0.13533528323661269189;

const ERF_T = [
  9.60497373987051638749, 9.00260197203842689217e1, 2.23200534594684319226e3, 7.00332514112805075473e3,
  5.55923013010394962768e4,
];
const ERF_U = [
  3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3, 2.26290000613890934246e4,
  4.92673942608635921086e4,
];
const ERFC_P = [
  2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687, 4.86371970985681366614e1,
  1.96520832956077098242e2, 5.26445194995477358631e2, 9.3452852717195760754e2, 1.02755188689515710272e3,
  5.57535335369399327526e2,
];
const ERFC_Q = [
  1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2, 9.75708501743205489753e2,
  1.82390916687909736289e3, 2.24633760818710981792e3, 1.65666309194161350182e3, 5.57535340817727675546e2,
];
const ERFC_R = [
  5.64189583547755073984e-1, 1.27536670759978104416, 5.01905042251180477414, 6.16021097993053585195,
  7.4097426995044893916, 2.9788666537210024067,
];
const ERFC_S = [
  2.2605286322011727659, 9.39603524938001434673, 1.20489539808096656605e1, 1.70814450747565897222e1,
  9.60896809063285878198, 3.3690764510008151605,
];

const NDTRI_P0 = [
  -5.99633501014107895267e1, 9.80010754185999661536e1, -5.66762857469070293439e1, 1.39312609387279679503e1,
  -1.23916583867381258016,
];
const NDTRI_Q0 = [
  1.95448858338141759834, 4.67627912898881538453, 8.63602421390890590575e1, -2.25462687854119370527e2,
  2.00260212380060660359e2, -8.20372256168333339912e1, 1.59056225126211695515e1, -1.18331621121330003142,
];
const NDTRI_P1 = [
  4.05544892305962419923, 3.15251094599893866154e1, 5.71628192246421288162e1, 4.408050738932008347e1,
  1.46849561928858024014e1, 2.18663306850790267539, -1.40256079171354495875e-1, -3.50424626827848203418e-2,
  -8.57456785154685413611e-4,
];
const NDTRI_Q1 = [
  1.57799883256466749731e1, 4.53907635128879210584e1, 4.1317203825467203044e1, 1.50425385692907503408e1,
  2.50464946208309415979, -1.42182922854787788574e-1, -3.80806407691578277194e-2, -9.33259480895457427372e-4,
];
const NDTRI_P2 = [
  3.2377489177694603597, 6.91522889068984211695, 3.93881025292474443415, 1.33303460815807542389,
  2.01485389549179081538e-1, 1.23716634817820021358e-2, 3.01581553508235416007e-4, 2.65806974686737550832e-6,
  6.2397453918498329373e-9,
];
const NDTRI_Q2 = [
  6.02427039364742014255, 3.67983563856160859403, 1.37702099489081330271, 2.1623699359449663589e-1,
  1.34204006088543189037e-2, 3.28014464682127739104e-4, 2.89247864745380683936e-6, 6.79019408009981274425e-9,
];

/** ndtri's rational approximations, for code that spells Φ⁻¹ out in another language (SQL). */
export const NDTRI_COEFFICIENTS = {
  central: { p: NDTRI_P0, q: NDTRI_Q0 },
  tail: { p: NDTRI_P1, q: NDTRI_Q1 },
  farTail: { p: NDTRI_P2, q: NDTRI_Q2 },
} as const;

/** Cephes polevl: Σ coef[i]·x^(N-i). */
function polevl(x: number, coef: readonly number[]): number {
  let ans = coef[0];
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i];
  return ans;
}

/** Cephes p1evl: as polevl with an implied leading coefficient 1. */
function p1evl(x: number, coef: readonly number[]): number {
  let ans = x + coef[0];
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i];
  return ans;
}

function erf(x: number): number {
  if (Math.abs(x) > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polevl(z, ERF_T)) / p1evl(z, ERF_U);
}

/**
 * exp(-x²) without the rounding error of squaring x (Cephes expx2, as SciPy's erfc uses): x = m + f
 * with m a multiple of 1/128, so m² is exact and only the small 2mf + f² is rounded.
 */
function expMinusSquare(value: number): number {
  const x = -Math.abs(value);
  const m = Math.floor(128 * x + 0.5) / 128;
  const f = x - m;
  return Math.exp(-(m * m)) * Math.exp(-(2 * m * f + f * f));
}

function erfc(a: number): number {
  const x = Math.abs(a);
  if (x < 1) return 1 - erf(a);
  if (-a * a < -MAXLOG) return a < 0 ? 2 : 0;
  const e = expMinusSquare(a);
  const [p, q] = x < 8 ? [polevl(x, ERFC_P), p1evl(x, ERFC_Q)] : [polevl(x, ERFC_R), p1evl(x, ERFC_S)];
  let y = (e * p) / q;
  if (a < 0) y = 2 - y;
  return y !== 0 ? y : a < 0 ? 2 : 0;
}

/** Φ(x) = ½·erfc(-x/√2) (scipy.special.ndtr). Example: normalCdf(1.5) = 0.9331927987311419. */
export function normalCdf(a: number): number {
  if (a !== a) return NaN;
  const x = a * SQRT1_2;
  const z = Math.abs(x);
  if (z < SQRT1_2) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}

/** Φ⁻¹(p) (scipy.special.ndtri): -Inf at 0, Inf at 1, NaN outside [0, 1]. Example: normalPpf(0.975) = 1.959963984540054. */
export function normalPpf(p: number): number {
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (!(p > 0 && p < 1)) return NaN;
  let negate = true;
  let y = p;
  if (y > 1 - EXP_MINUS_2) {
    y = 1 - y;
    negate = false;
  }
  if (y > EXP_MINUS_2) {
    y -= 0.5;
    const y2 = y * y;
    return (y + y * ((y2 * polevl(y2, NDTRI_P0)) / p1evl(y2, NDTRI_Q0))) * S2PI;
  }
  const x = Math.sqrt(-2 * Math.log(y));
  const x0 = x - Math.log(x) / x;
  const z = 1 / x;
  const x1 =
    x < 8 ? (z * polevl(z, NDTRI_P1)) / p1evl(z, NDTRI_Q1) : (z * polevl(z, NDTRI_P2)) / p1evl(z, NDTRI_Q2);
  const result = x0 - x1;
  return negate ? -result : result;
}
