/**
 * Deterministic generator of large, balanced 835 (005010X221A1) files for tests and benchmarks.
 * Every claim balances (CLP03 − CLP04 = Σ claim and line CAS), every service line balances
 * (SVC02 − SVC03 = Σ line CAS) and every payment balances (BPR02 = Σ CLP04 − Σ PLB03/05…), so a
 * correct reader reports no imbalance. Content is synthetic (made-up names, NPIs and codes).
 */

/** What to generate. */
export interface Generate835Options {
  /** Approximate size in bytes (the file stops after the first transaction set that reaches it). */
  readonly targetBytes: number;
  /** PRNG seed: the same seed gives the same file. */
  readonly seed?: number;
  /** Written after every segment terminator ('' = one long line). */
  readonly lineBreak?: string;
  /** Claims per ST…SE transaction set (one payment each); default 500. */
  readonly claimsPerTransaction?: number;
}

/** Counts of what was generated (for checking a reader). */
export interface Generate835Totals {
  transactions: number;
  claims: number;
  lines: number;
  bytes: number;
}

/** Small seeded PRNG (mulberry32): fast and identical on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const frac = abs % 100;
  // X12 R type: no trailing zeros needed; write "12.5" and "12" the way payers do.
  if (frac === 0) return `${sign}${whole}`;
  if (frac % 10 === 0) return `${sign}${whole}.${frac / 10}`;
  return `${sign}${whole}.${String(frac).padStart(2, '0')}`;
}

const PROCS = ['99213', '99214', '97110', '97140', '80053', '85025', '36415', '71046', '93000', 'J1100'];
const REMARKS = ['N130', 'M15', 'N381', 'MA130'];

/** Generates the file as a sequence of string chunks (one per transaction set, plus envelopes). */
export function* generate835Chunks(options: Generate835Options, totals?: Generate835Totals): Generator<string> {
  const rnd = seededRandom(options.seed ?? 835);
  const lb = options.lineBreak ?? '';
  const perTx = options.claimsPerTransaction ?? 500;
  const t = `~${lb}`;
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  let bytes = 0;
  const isa = `ISA*00*          *00*          *ZZ*SUPERPAYER     *ZZ*SUPERBILL      *260101*1200*^*00501*000000001*0*P*:${t}`;
  const gs = `GS*HP*SUPERPAYER*SUPERBILL*20260101*1200*1*X*005010X221A1${t}`;
  bytes += isa.length + gs.length;
  yield isa + gs;
  let tx = 0;
  let claimNo = 0;
  let lineTotal = 0;
  while (bytes < options.targetBytes || tx === 0) {
    tx += 1;
    const control = String(tx).padStart(4, '0');
    const body: string[] = [];
    let totalPaid = 0;
    body.push(`TRN*1*${900000000 + tx}*1512345678`);
    body.push(`DTM*405*20260105`);
    body.push(`N1*PR*SYNTHETIC HEALTH PLAN`);
    body.push(`N3*1 PAYER WAY`);
    body.push(`N4*SPRINGFIELD*IL*627010000`);
    body.push(`REF*2U*99999`);
    body.push(`PER*BL*PROVIDER SERVICES*TE*8005550100`);
    body.push(`N1*PE*SUPERBILL CLINIC*XX*1234567893`);
    body.push(`REF*TJ*123456789`);
    body.push(`LX*1`);
    for (let c = 0; c < perTx; c++) {
      claimNo += 1;
      const pcn = `PCN${claimNo}`;
      const nLines = rnd() < 0.1 ? 0 : int(1, 4);
      const claimSegs: string[] = [];
      let charge = 0;
      let paid = 0;
      let patient = 0;
      const lineSegs: string[] = [];
      for (let l = 0; l < nLines; l++) {
        const lc = int(2000, 50000);
        const allowed = Math.floor((lc * int(40, 95)) / 100);
        const pr = rnd() < 0.5 ? Math.floor(allowed / 5) : 0;
        const lp = allowed - pr;
        charge += lc;
        paid += lp;
        patient += pr;
        const proc = PROCS[int(0, PROCS.length - 1)]!;
        const mod = rnd() < 0.3 ? ':25' : '';
        lineSegs.push(`SVC*HC:${proc}${mod}*${money(lc)}*${money(lp)}**${int(1, 3)}`);
        lineSegs.push(`DTM*472*202512${String(int(1, 28)).padStart(2, '0')}`);
        lineSegs.push(`CAS*CO*45*${money(lc - allowed)}`);
        if (pr > 0) lineSegs.push(`CAS*PR*2*${money(pr)}`);
        lineSegs.push(`REF*6R*${pcn}L${l + 1}`);
        lineSegs.push(`AMT*B6*${money(allowed)}`);
        if (rnd() < 0.2) lineSegs.push(`LQ*HE*${REMARKS[int(0, REMARKS.length - 1)]!}`);
        lineTotal += 1;
      }
      if (nLines === 0) {
        // Claim-level adjustment only (no service lines): CO-45 and maybe a deductible.
        charge = int(5000, 90000);
        const ded = rnd() < 0.5 ? int(100, 2000) : 0;
        paid = Math.floor((charge * 60) / 100) - ded;
        patient = ded;
        claimSegs.push(`CAS*CO*45*${money(charge - paid - ded)}`);
        if (ded > 0) claimSegs.push(`CAS*PR*1*${money(ded)}`);
      }
      const status = paid === 0 ? '4' : '1';
      body.push(`CLP*${pcn}*${status}*${money(charge)}*${money(paid)}*${patient === 0 ? '' : money(patient)}*12*${2026000000000 + claimNo}*11*1`);
      body.push(...claimSegs);
      body.push(`NM1*QC*1*DOE${claimNo % 97}*JANE****MI*M${100000 + claimNo}`);
      body.push(`NM1*82*1*SMITH*JOHN****XX*1234567893`);
      body.push(`DTM*232*20251201`);
      body.push(`DTM*233*20251228`);
      body.push(...lineSegs);
      totalPaid += paid;
    }
    // Provider-level adjustment on some payments: PLB amounts are subtracted from the total paid.
    let plb = 0;
    if (tx % 3 === 0) {
      plb = int(100, 5000);
      body.push(`PLB*1234567893*20261231*WO:INV${tx}*${money(plb)}`);
    }
    const bpr = `BPR*I*${money(totalPaid - plb)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260105`;
    const segs = [`ST*835*${control}`, bpr, ...body];
    segs.push(`SE*${segs.length + 1}*${control}`);
    const chunk = segs.join(t) + t;
    bytes += chunk.length;
    if (totals) {
      totals.transactions = tx;
      totals.claims = claimNo;
      totals.lines = lineTotal;
    }
    yield chunk;
  }
  const tail = `GE*${tx}*1${t}IEA*1*000000001${t}`;
  bytes += tail.length;
  if (totals) totals.bytes = bytes;
  yield tail;
}

/** Generates the whole file as one string (for tests and files up to a few tens of MB). */
export function generate835(options: Generate835Options, totals?: Generate835Totals): string {
  return [...generate835Chunks(options, totals)].join('');
}
