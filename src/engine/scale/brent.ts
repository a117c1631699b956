/**
 * scipy.optimize.brent(f, brack=(a, b)) as SciPy 1.10 evaluates it: scipy.optimize.bracket grows the
 * interval downhill (golden ratio 1.618034, parabolic steps, grow limit 110), then Brent's method
 * (golden section + parabolic interpolation, tol 1.48e-8, mintol 1e-11, at most 500 iterations).
 * The same sequence of evaluations as SciPy, so a maximum-likelihood λ lands where scikit-learn's does.
 * Example: brentMinimize((x) => (x - 0.3) ** 2) ≈ 0.3.
 */
const GOLD = 1.618034;
const VERY_SMALL = 1e-21;
const GROW_LIMIT = 110;
const BRACKET_MAX_ITER = 1000;
const TOL = 1.48e-8;
const MIN_TOL = 1.0e-11;
const CG = 0.381966;
const MAX_ITER = 500;

interface Bracket {
  xa: number;
  xb: number;
  xc: number;
  fa: number;
  fb: number;
  fc: number;
}

function bracket(f: (x: number) => number, start: number, end: number): Bracket {
  let xa = start;
  let xb = end;
  let fa = f(xa);
  let fb = f(xb);
  if (fa < fb) {
    [xa, xb] = [xb, xa];
    [fa, fb] = [fb, fa];
  }
  let xc = xb + GOLD * (xb - xa);
  let fc = f(xc);
  let iterations = 0;
  while (fc < fb) {
    const tmp1 = (xb - xa) * (fb - fc);
    const tmp2 = (xb - xc) * (fb - fa);
    const val = tmp2 - tmp1;
    const denom = Math.abs(val) < VERY_SMALL ? 2 * VERY_SMALL : 2 * val;
    let w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
    const wlim = xb + GROW_LIMIT * (xc - xb);
    if (iterations > BRACKET_MAX_ITER) throw new RangeError('brent: no bracket found within 1000 iterations');
    iterations++;
    let fw: number;
    if ((w - xc) * (xb - w) > 0) {
      fw = f(w);
      if (fw < fc) return { xa: xb, xb: w, xc, fa: fb, fb: fw, fc };
      if (fw > fb) return { xa, xb, xc: w, fa, fb, fc: fw };
      w = xc + GOLD * (xc - xb);
      fw = f(w);
    } else if ((w - wlim) * (wlim - xc) >= 0) {
      w = wlim;
      fw = f(w);
    } else if ((w - wlim) * (xc - w) > 0) {
      fw = f(w);
      if (fw < fc) {
        xb = xc;
        xc = w;
        w = xc + GOLD * (xc - xb);
        fb = fc;
        fc = fw;
        fw = f(w);
      }
    } else {
      w = xc + GOLD * (xc - xb);
      fw = f(w);
    }
    xa = xb;
    xb = xc;
    xc = w;
    fa = fb;
    fb = fc;
    fc = fw;
  }
  // SciPy 1.10 (scikit-learn 1.2's) accepts whatever bracket the search ends with; so do we, and the
  // caller judges the result (a likelihood without an interior optimum ends at the search's edge).
  return { xa, xb, xc, fa, fb, fc };
}

export function brentMinimize(f: (x: number) => number, bracketStart = -2, bracketEnd = 2): number {
  const { xa, xb, xc, fb } = bracket(f, bracketStart, bracketEnd);
  let x = xb;
  let w = xb;
  let v = xb;
  let fx = fb;
  let fw = fb;
  let fv = fb;
  let a = Math.min(xa, xc);
  let b = Math.max(xa, xc);
  let deltax = 0;
  let rat = 0;
  for (let iteration = 0; iteration < MAX_ITER; iteration++) {
    const tol1 = TOL * Math.abs(x) + MIN_TOL;
    const tol2 = 2 * tol1;
    const xmid = 0.5 * (a + b);
    if (Math.abs(x - xmid) < tol2 - 0.5 * (b - a)) break;
    if (Math.abs(deltax) <= tol1) {
      deltax = x >= xmid ? a - x : b - x;
      rat = CG * deltax;
    } else {
      const tmp1 = (x - w) * (fx - fv);
      let tmp2 = (x - v) * (fx - fw);
      let p = (x - v) * tmp2 - (x - w) * tmp1;
      tmp2 = 2 * (tmp2 - tmp1);
      if (tmp2 > 0) p = -p;
      tmp2 = Math.abs(tmp2);
      const previousStep = deltax;
      deltax = rat;
      if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.abs(p) < Math.abs(0.5 * tmp2 * previousStep)) {
        rat = (p * 1.0) / tmp2;
        const u = x + rat;
        if (u - a < tol2 || b - u < tol2) rat = xmid - x >= 0 ? tol1 : -tol1;
      } else {
        deltax = x >= xmid ? a - x : b - x;
        rat = CG * deltax;
      }
    }
    const u = Math.abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
    const fu = f(u);
    if (fu > fx) {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        w = u;
        fv = fw;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    } else {
      if (u >= x) a = x;
      else b = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    }
  }
  return x;
}
