/**
 * Builds one Remittance835 from the segments of one 835 transaction set (ST…SE), fed as scanner
 * cursors. Follows the loop structure of ASC X12 005010X221A1: header (BPR, TRN, CUR, REF, DTM),
 * 1000A payer and 1000B payee (N1, N3, N4, REF, PER, RDM), 2000 header number (LX, TS3, TS2), 2100
 * claim payment (CLP, CAS, NM1, MIA, MOA, REF, DTM, PER, AMT, QTY), 2110 service payment (SVC, DTM,
 * CAS, REF, AMT, QTY, LQ) and the summary PLB. Element problems are reported with 999 IK4 codes,
 * segment problems with IK3 codes; balancing (TR3 section 1.10.2) is checked when each claim, line
 * and payment closes and reported, never thrown.
 */
import type { Problem } from '../../model/problem.js';
import { pinCodes, segmentKey, type SegmentCursor } from '../syntax/cursor.js';
import type { X12Diagnostic } from '../syntax/diagnostics.js';
import {
  CAS_GROUP_CODES,
  CLAIM_STATUS_CODES,
  isCasGroupCode,
  isClaimStatusCode,
  type Adjustment,
  type Balance,
  type Claim835,
  type InpatientAdjudication,
  type OutpatientAdjudication,
  type Party,
  type ProviderAdjustment,
  type ProviderAdjustmentSegment,
  type QualifiedAmount,
  type QualifiedDate,
  type QualifiedQuantity,
  type Reference,
  type Remittance835,
  type RemittanceParty,
  type ServiceLine835,
} from './model.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const K = {
  BPR: segmentKey('BPR'),
  TRN: segmentKey('TRN'),
  CUR: segmentKey('CUR'),
  REF: segmentKey('REF'),
  DTM: segmentKey('DTM'),
  N1: segmentKey('N1'),
  N2: segmentKey('N2'),
  N3: segmentKey('N3'),
  N4: segmentKey('N4'),
  PER: segmentKey('PER'),
  RDM: segmentKey('RDM'),
  LX: segmentKey('LX'),
  TS3: segmentKey('TS3'),
  TS2: segmentKey('TS2'),
  CLP: segmentKey('CLP'),
  CAS: segmentKey('CAS'),
  NM1: segmentKey('NM1'),
  MIA: segmentKey('MIA'),
  MOA: segmentKey('MOA'),
  AMT: segmentKey('AMT'),
  QTY: segmentKey('QTY'),
  SVC: segmentKey('SVC'),
  LQ: segmentKey('LQ'),
  PLB: segmentKey('PLB'),
  NTE: segmentKey('NTE'),
} as const;

// The codes this builder compares with literals come back from the cursor as these very literals.
pinCodes([
  ...['472', '150', '151', '232', '233', '050', '036', '405'], // DTM01
  ...['QC', 'IL', '74', '82', 'TT', 'PR', 'GB', 'PE'], // NM101, N101
  ...CAS_GROUP_CODES,
  ...Object.keys(CLAIM_STATUS_CODES),
  '6R',
]);

/** BPR01 transaction handling codes. */
const HANDLING_CODES = new Set(['C', 'D', 'H', 'I', 'P', 'U', 'X']);
/** BPR04 payment method codes. */
const PAYMENT_METHODS = new Set(['ACH', 'BOP', 'CHK', 'FWT', 'NON']);

type Loop = 'header' | '1000A' | '1000B' | '2000' | '2100' | '2110' | 'summary';

interface MutableLine extends Mutable<Omit<ServiceLine835, 'adjustments' | 'references' | 'amounts' | 'quantities' | 'remarks'>> {
  adjustments: Adjustment[];
  references: Reference[];
  amounts: QualifiedAmount[];
  quantities: QualifiedQuantity[];
  remarks: Reference[];
}

interface MutableClaim extends Mutable<Omit<Claim835, 'adjustments' | 'references' | 'dates' | 'amounts' | 'quantities' | 'lines'>> {
  lines: ServiceLine835[];
  adjustments: Adjustment[];
  references: Reference[];
  dates: QualifiedDate[];
  amounts: QualifiedAmount[];
  quantities: QualifiedQuantity[];
}

interface MutableParty extends Mutable<Omit<RemittanceParty, 'references' | 'contacts'>> {
  references: Reference[];
  contacts: { function: string; name?: string; numbers: Reference[] }[];
}

/**
 * One shared, frozen empty list: most claims and lines leave several lists empty, and not allocating
 * five or six arrays per claim and per line cuts garbage collection on big files. `append` swaps in a
 * real array on the first item.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

function append<T>(list: T[], value: T): T[] {
  if (list === NONE) return [value];
  const n = list.length;
  if (n >= 8) {
    list.push(value);
    return list;
  }
  // Short lists are copied into an exact-size array: a push would grow the store to 17 slots, and
  // these lists live as long as their remittance, so the slack would be copied by every GC.
  const out = new Array<T>(n + 1);
  for (let i = 0; i < n; i++) out[i] = list[i]!;
  out[n] = value;
  return out;
}

const UNBALANCED: Balance = { balanced: true, expectedCents: 0, actualCents: 0 };

/** Options for one transaction set. */
export interface BuildRemittanceOptions {
  /** Keep claims in `Remittance835.claims` (default true). Off for constant-memory streaming. */
  readonly keepClaims?: boolean;
  /** Called with every claim when it closes (with its lines and balance). */
  readonly onClaim?: (claim: Claim835, remittance: Remittance835) => void;
}

/** Most components a procedure composite (C003) has: qualifier, code, four modifiers, description. */
const COMPOSITE_PARTS = 7;

/**
 * Reads the components of composite element `n` in place into `out` (interned strings, no copy of
 * the whole element, no new array) and returns how many there are (at most 7; later ones are
 * ignored, as the C003 composite has seven).
 */
function readComposite(c: SegmentCursor, n: number, sep: number, out: string[]): number {
  const t = c.text;
  const e = c.end(n);
  let from = c.start(n);
  let k = 0;
  for (let i = from; i < e && k < COMPOSITE_PARTS - 1; i++) {
    if (t.charCodeAt(i) === sep) {
      out[k++] = c.range(from, i);
      from = i + 1;
    }
  }
  if (k < COMPOSITE_PARTS) {
    // The last component runs to the end of the element, or to the next separator after the 7th.
    let stop = from;
    while (stop < e && t.charCodeAt(stop) !== sep) stop++;
    out[k++] = c.range(from, stop);
  }
  return k;
}

const NO_MODIFIERS: readonly string[] = Object.freeze([]);

/** Components 3–6 of a procedure composite: the modifiers that are present. */
function modifiersOf(parts: readonly string[], count: number): readonly string[] {
  if (count <= 2) return NO_MODIFIERS;
  let present = 0;
  for (let i = 2; i < 6 && i < count; i++) if (parts[i] !== '') present++;
  const out = new Array<string>(present);
  let j = 0;
  for (let i = 2; i < 6 && i < count; i++) if (parts[i] !== '') out[j++] = parts[i]!;
  return out;
}

function fmt(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Builds one remittance; `accept` every segment between ST and SE (exclusive), then `finish`. */
export class RemittanceBuilder {
  readonly diagnostics: X12Diagnostic[];
  readonly problems: Problem[];
  private readonly keepClaims: boolean;
  private readonly onClaim: BuildRemittanceOptions['onClaim'];
  private readonly remittance: Mutable<Remittance835> & { references: Reference[] };
  private readonly stIndex: number;
  private readonly component: string;
  private readonly componentCode: number;
  /** Scratch space for composite components (reused by every SVC). */
  private readonly parts: string[] = ['', '', '', '', '', '', ''];
  private loop: Loop = 'header';
  private party: MutableParty | undefined;
  private claim: MutableClaim | undefined;
  private line: MutableLine | undefined;
  private headerNumber: string | undefined;
  private sawBpr = false;
  private sawTrn = false;
  private claimCount = 0;
  private paidSum = 0;
  private plbSum = 0;
  private lastReversal = new Map<string, number>();
  private lineCount = 0;
  /** Σ CAS amounts of the open service line, and of the open claim (claim and line CAS together). */
  private lineAdjustmentSum = 0;
  private claimAdjustmentSum = 0;

  constructor(
    st: { index: number; controlNumber: string; implementation: string },
    delimiters: { component: string },
    sinks: { diagnostics: X12Diagnostic[]; problems: Problem[] },
    options: BuildRemittanceOptions = {},
  ) {
    this.diagnostics = sinks.diagnostics;
    this.problems = sinks.problems;
    this.keepClaims = options.keepClaims ?? true;
    this.onClaim = options.onClaim;
    this.stIndex = st.index;
    this.component = delimiters.component;
    this.componentCode = delimiters.component.charCodeAt(0);
    this.remittance = {
      controlNumber: st.controlNumber,
      implementation: st.implementation,
      handlingCode: '',
      totalPaidCents: 0,
      creditDebit: '',
      paymentMethod: '',
      traceNumber: '',
      references: [],
      claims: [],
      providerAdjustments: [],
      balance: UNBALANCED,
      claimCount: 0,
      segmentIndex: st.index,
    };
  }

  /** Number of service lines read so far. */
  get lines(): number {
    return this.lineCount;
  }

  // ---- diagnostics -------------------------------------------------------------------------

  private elementError(c: SegmentCursor, element: number, code: string, message: string, component?: number): void {
    this.diagnostics.push({
      severity: 'error',
      level: 'element',
      code,
      message,
      segmentIndex: c.index,
      segmentId: c.get(0),
      positionInTransaction: c.index - this.stIndex + 1,
      element,
      ...(component !== undefined ? { component } : {}),
      ...(this.loop !== 'header' && this.loop !== 'summary' ? { loop: this.loop } : {}),
      value: c.get(element).slice(0, 80),
    });
  }

  /** IK3 finding at segment `c`; `id` names another segment (a missing one) when given. */
  private segmentError(c: SegmentCursor, code: string, message: string, loop?: string, id?: string): void {
    const l = loop ?? (this.loop !== 'header' && this.loop !== 'summary' ? this.loop : undefined);
    this.diagnostics.push({
      severity: 'error',
      level: 'segment',
      code,
      message,
      segmentIndex: c.index,
      segmentId: id ?? c.get(0),
      positionInTransaction: c.index - this.stIndex + 1,
      ...(l ? { loop: l } : {}),
    });
  }

  /** Reads a required amount; reports IK403 1 (missing) or 6 (not a number) and returns 0 then. */
  private amount(c: SegmentCursor, n: number, what: string, required = true): number | undefined {
    const v = c.cents(n);
    if (v === undefined) {
      if (required) this.elementError(c, n, '1', `${c.get(0)}${String(n).padStart(2, '0')} ${what} is required but empty.`);
      return required ? 0 : undefined;
    }
    if (Number.isNaN(v)) {
      this.elementError(c, n, '6', `${c.get(0)}${String(n).padStart(2, '0')} ${what} ${JSON.stringify(c.get(n))} is not a decimal amount with at most 2 decimals.`);
      return required ? 0 : undefined;
    }
    return v;
  }

  private required(c: SegmentCursor, n: number, what: string): string {
    const v = c.code(n);
    if (v === '') this.elementError(c, n, '1', `${c.get(0)}${String(n).padStart(2, '0')} ${what} is required but empty.`);
    return v;
  }

  private date(c: SegmentCursor, n: number, what: string): string {
    const d = c.date(n);
    if (d === '') {
      this.elementError(c, n, '1', `${c.get(0)}${String(n).padStart(2, '0')} ${what} is required but empty.`);
      return '';
    }
    if (d === undefined) {
      const raw = c.get(n);
      this.elementError(c, n, '8', `${c.get(0)}${String(n).padStart(2, '0')} ${what} ${JSON.stringify(raw)} is not a valid CCYYMMDD date.`);
      return raw;
    }
    return d;
  }

  private opt(c: SegmentCursor, n: number): string | undefined {
    const v = c.code(n);
    return v === '' ? undefined : v;
  }

  // ---- segments ----------------------------------------------------------------------------

  /** Feeds one body segment (not ST or SE). */
  accept(c: SegmentCursor): void {
    switch (c.key) {
      case K.CLP:
        this.clp(c);
        return;
      case K.SVC:
        this.svc(c);
        return;
      case K.CAS:
        this.cas(c);
        return;
      case K.DTM:
        this.dtm(c);
        return;
      case K.REF:
        this.ref(c);
        return;
      case K.AMT:
        this.amt(c);
        return;
      case K.NM1:
        this.nm1(c);
        return;
      case K.LQ:
        this.lq(c);
        return;
      case K.QTY:
        this.qty(c);
        return;
      case K.MIA:
        this.mia(c);
        return;
      case K.MOA:
        this.moa(c);
        return;
      case K.LX:
        this.closeClaim();
        this.loop = '2000';
        this.headerNumber = c.get(1);
        return;
      case K.TS3:
      case K.TS2:
        // Provider summary information (institutional): statistics only, not needed for posting.
        if (this.loop !== '2000') this.segmentError(c, '2', `${c.get(0)} belongs right after LX in loop 2000.`);
        return;
      case K.PLB:
        this.plb(c);
        return;
      case K.BPR:
        this.bpr(c);
        return;
      case K.TRN:
        this.trn(c);
        return;
      case K.CUR:
        if (this.loop !== 'header') this.segmentError(c, '2', 'CUR (foreign currency) belongs in the 835 header.');
        return;
      case K.N1:
        this.n1(c);
        return;
      case K.N3:
      case K.N4:
      case K.N2:
        this.address(c);
        return;
      case K.PER:
        this.per(c);
        return;
      case K.RDM:
        if (this.loop !== '1000B') this.segmentError(c, '2', 'RDM (remittance delivery method) belongs in loop 1000B (payee).');
        return;
      default:
        this.segmentError(
          c,
          c.key === 0 ? '1' : '6',
          `Segment ${c.get(0).slice(0, 3)} is not part of the 835 transaction set (005010X221A1).`,
        );
    }
  }

  private bpr(c: SegmentCursor): void {
    if (this.sawBpr || this.loop !== 'header') {
      this.segmentError(c, this.sawBpr ? '5' : '7', this.sawBpr ? 'BPR may appear only once per 835.' : 'BPR must be the first segment after ST.');
    }
    this.sawBpr = true;
    const r = this.remittance;
    r.handlingCode = this.required(c, 1, 'transaction handling code');
    if (r.handlingCode !== '' && !HANDLING_CODES.has(r.handlingCode)) this.elementError(c, 1, '7', `BPR01 ${JSON.stringify(r.handlingCode)} is not a transaction handling code (C, D, H, I, P, U, X).`);
    r.totalPaidCents = this.amount(c, 2, 'total payment amount')!;
    r.creditDebit = this.required(c, 3, 'credit/debit flag');
    if (r.creditDebit !== '' && r.creditDebit !== 'C' && r.creditDebit !== 'D') this.elementError(c, 3, '7', `BPR03 ${JSON.stringify(r.creditDebit)} must be C (credit) or D (debit).`);
    r.paymentMethod = this.required(c, 4, 'payment method');
    if (r.paymentMethod !== '' && !PAYMENT_METHODS.has(r.paymentMethod)) this.elementError(c, 4, '7', `BPR04 ${JSON.stringify(r.paymentMethod)} is not a payment method (ACH, BOP, CHK, FWT, NON).`);
    const format = this.opt(c, 5);
    if (format !== undefined) r.paymentFormat = format;
    if (c.len(16) > 0) r.paymentDate = this.date(c, 16, 'payment date');
    else this.elementError(c, 16, '1', 'BPR16 check issue or EFT effective date is required but empty.');
  }

  private trn(c: SegmentCursor): void {
    if (this.loop !== 'header') this.segmentError(c, '2', 'TRN (reassociation trace number) belongs in the 835 header.');
    this.sawTrn = true;
    const r = this.remittance;
    this.required(c, 1, 'trace type code');
    r.traceNumber = this.required(c, 2, 'check or EFT trace number');
    const payer = this.required(c, 3, 'payer identifier');
    if (payer !== '') r.payerIdentifier = payer;
    const supp = this.opt(c, 4);
    if (supp !== undefined) r.originatingSupplementalCode = supp;
  }

  private n1(c: SegmentCursor): void {
    const entity = c.get(1);
    const party: MutableParty = { entity, name: c.get(2), references: [], contacts: [] };
    const q = this.opt(c, 3);
    const id = this.opt(c, 4);
    if (q !== undefined) party.idQualifier = q;
    if (id !== undefined) party.id = id;
    if (this.claim || this.loop === '2000' || this.loop === 'summary') {
      this.segmentError(c, '2', 'N1 (payer/payee) must come before the first LX/CLP.');
      return;
    }
    if (entity === 'PR') {
      if (this.remittance.payer) this.segmentError(c, '4', 'Loop 1000A (payer) may occur only once.', '1000A');
      this.loop = '1000A';
      this.remittance.payer = party;
    } else if (entity === 'PE') {
      if (this.remittance.payee) this.segmentError(c, '4', 'Loop 1000B (payee) may occur only once.', '1000B');
      this.loop = '1000B';
      this.remittance.payee = party;
    } else {
      this.elementError(c, 1, '7', `N101 ${JSON.stringify(entity)} must be PR (payer) or PE (payee) in an 835.`);
      return;
    }
    this.checkHeaderComplete(c);
    this.party = party;
  }

  /** BPR and TRN are required before the 1000 loops (TR3 header). */
  private checkHeaderComplete(c: SegmentCursor): void {
    if (!this.sawBpr) {
      this.segmentError(c, '3', 'The required BPR (financial information) segment is missing from the 835 header.', undefined, 'BPR');
      this.sawBpr = true;
    }
    if (!this.sawTrn) {
      this.segmentError(c, '3', 'The required TRN (reassociation trace number) segment is missing from the 835 header.', undefined, 'TRN');
      this.sawTrn = true;
    }
  }

  private address(c: SegmentCursor): void {
    const p = this.party;
    if (!p || (this.loop !== '1000A' && this.loop !== '1000B')) {
      this.segmentError(c, '2', `${c.get(0)} (address) belongs in loop 1000A or 1000B.`);
      return;
    }
    const addr = (p.address ?? { lines: [] }) as { lines: string[]; city?: string; state?: string; postalCode?: string; country?: string };
    if (c.key === K.N3) {
      addr.lines.push(c.get(1));
      if (c.len(2) > 0) addr.lines.push(c.get(2));
    } else if (c.key === K.N4) {
      const city = this.opt(c, 1);
      const state = this.opt(c, 2);
      const zip = this.opt(c, 3);
      const country = this.opt(c, 4);
      if (city !== undefined) addr.city = city;
      if (state !== undefined) addr.state = state;
      if (zip !== undefined) addr.postalCode = zip;
      if (country !== undefined) addr.country = country;
    }
    p.address = addr;
  }

  private per(c: SegmentCursor): void {
    const numbers: Reference[] = [];
    for (let n = 3; n + 1 < c.count && n <= 7; n += 2) if (c.len(n) > 0) numbers.push({ qualifier: c.get(n), value: c.get(n + 1) });
    const contact = { function: c.get(1), ...(c.len(2) > 0 ? { name: c.get(2) } : {}), numbers };
    if (this.party && (this.loop === '1000A' || this.loop === '1000B')) this.party.contacts.push(contact);
    else if (this.claim) {
      // 2100 PER claim contact: kept as a reference so nothing sent is lost.
      this.claim.references = append(this.claim.references, { qualifier: `PER:${contact.function}`, value: numbers.map((x) => `${x.qualifier}:${x.value}`).join(' ') });
    } else this.segmentError(c, '2', 'PER belongs in loop 1000A or 2100.');
  }

  private ref(c: SegmentCursor): void {
    const r: Reference = { qualifier: c.code(1), value: c.code(2) };
    if (r.qualifier === '') this.elementError(c, 1, '1', 'REF01 reference identification qualifier is required but empty.');
    if (this.line) {
      if (r.qualifier === '6R') this.line.lineControlNumber = r.value;
      this.line.references = append(this.line.references, r);
    } else if (this.claim) this.claim.references = append(this.claim.references, r);
    else if (this.party && (this.loop === '1000A' || this.loop === '1000B')) this.party.references.push(r);
    else if (this.loop === 'header') this.remittance.references.push(r);
    else this.segmentError(c, '2', 'REF is not expected here.');
  }

  private dtm(c: SegmentCursor): void {
    const q = c.code(1);
    const date = this.date(c, 2, 'date');
    if (this.line) {
      if (q === '472') this.line.serviceDate = date;
      else if (q === '150') this.line.serviceDateFrom = date;
      else if (q === '151') this.line.serviceDateTo = date;
      else this.elementError(c, 1, '7', `DTM01 ${JSON.stringify(q)} is not a service line date qualifier (150, 151, 472).`);
    } else if (this.claim) {
      this.claim.dates = append(this.claim.dates, { qualifier: q, date });
      if (q === '232') this.claim.statementFrom = date;
      else if (q === '233') this.claim.statementTo = date;
      else if (q === '050') this.claim.receivedDate = date;
      else if (q !== '036') this.elementError(c, 1, '7', `DTM01 ${JSON.stringify(q)} is not a claim date qualifier (036, 050, 232, 233).`);
    } else if (this.loop === 'header') {
      if (q === '405') this.remittance.productionDate = date;
      else this.elementError(c, 1, '7', `DTM01 ${JSON.stringify(q)} is not the production date qualifier 405.`);
    } else this.segmentError(c, '2', 'DTM is not expected here.');
  }

  private amt(c: SegmentCursor): void {
    const a: QualifiedAmount = { qualifier: c.code(1), amountCents: this.amount(c, 2, 'monetary amount')! };
    if (this.line) this.line.amounts = append(this.line.amounts, a);
    else if (this.claim) this.claim.amounts = append(this.claim.amounts, a);
    else this.segmentError(c, '2', 'AMT belongs in loop 2100 or 2110.');
  }

  private qty(c: SegmentCursor): void {
    const q: QualifiedQuantity = { qualifier: c.code(1), quantity: c.code(2) };
    if (this.line) this.line.quantities = append(this.line.quantities, q);
    else if (this.claim) this.claim.quantities = append(this.claim.quantities, q);
    else this.segmentError(c, '2', 'QTY belongs in loop 2100 or 2110.');
  }

  private lq(c: SegmentCursor): void {
    if (!this.line) {
      this.segmentError(c, '2', 'LQ (remark code) belongs in loop 2110 after an SVC.');
      return;
    }
    this.line.remarks = append(this.line.remarks, { qualifier: c.code(1), value: c.code(2) });
  }

  private cas(c: SegmentCursor): void {
    const target = this.line ?? this.claim;
    if (!target) {
      this.segmentError(c, '2', 'CAS (adjustment) belongs in loop 2100 or 2110.');
      return;
    }
    const group = c.code(1);
    if (group === '') this.elementError(c, 1, '1', 'CAS01 claim adjustment group code is required but empty.');
    else if (!isCasGroupCode(group)) this.elementError(c, 1, '7', `CAS01 ${JSON.stringify(group)} is not an adjustment group (CO, OA, PI, PR).`);
    // Up to six reason/amount/quantity triplets: CAS02-04, 05-07, …, 17-19.
    let any = false;
    let sum = 0;
    const count = c.count;
    for (let n = 2; n <= 17 && n < count; n += 3) {
      const hasReason = c.len(n) > 0;
      const hasAmount = c.len(n + 1) > 0;
      if (!hasReason && !hasAmount) {
        if (c.len(n + 2) > 0) this.elementError(c, n + 2, '2', `CAS${String(n + 2).padStart(2, '0')} quantity is given without a reason and amount.`);
        continue;
      }
      if (!hasReason) this.elementError(c, n, '2', `CAS${String(n).padStart(2, '0')} reason code is missing for the amount in CAS${String(n + 1).padStart(2, '0')}.`);
      const amount = hasAmount ? this.amount(c, n + 1, 'adjustment amount')! : 0;
      if (!hasAmount) this.elementError(c, n + 1, '2', `CAS${String(n + 1).padStart(2, '0')} amount is missing for reason ${c.get(n)}.`);
      const adj: Adjustment = { group, reasonCode: c.code(n), amountCents: amount, quantity: c.len(n + 2) > 0 ? c.code(n + 2) : undefined };
      target.adjustments = append(target.adjustments, adj);
      sum += amount;
      any = true;
    }
    if (target === this.line) this.lineAdjustmentSum += sum;
    this.claimAdjustmentSum += sum;
    if (!any) this.elementError(c, 2, '1', 'CAS02 claim adjustment reason code is required but empty.');
    if (c.count > 20) this.elementError(c, 20, '3', `CAS has ${c.count - 1} elements; at most 19.`);
  }

  private nm1(c: SegmentCursor): void {
    const claim = this.claim;
    if (!claim || this.line) {
      this.segmentError(c, '2', 'NM1 belongs in loop 2100 (after CLP, before the first SVC).');
      return;
    }
    const entity = c.code(1);
    const p: Mutable<Party> = {
      entity,
      name: c.code(3),
      firstName: this.opt(c, 4),
      middleName: this.opt(c, 5),
      suffix: this.opt(c, 7),
      idQualifier: this.opt(c, 8),
      id: this.opt(c, 9),
    };
    switch (entity) {
      case 'QC':
        claim.patient = p;
        break;
      case 'IL':
        claim.insured = p;
        break;
      case '74':
        claim.correctedInsured = p;
        break;
      case '82':
        claim.serviceProvider = p;
        break;
      case 'TT':
        claim.crossoverCarrier = p;
        break;
      case 'PR':
        claim.correctedPayer = p;
        break;
      case 'GB':
        claim.otherSubscriber = p;
        break;
      default:
        this.elementError(c, 1, '7', `NM101 ${JSON.stringify(entity)} is not a loop 2100 entity (QC, IL, 74, 82, TT, PR, GB).`);
    }
  }

  private mia(c: SegmentCursor): void {
    const claim = this.claim;
    if (!claim || this.line) {
      this.segmentError(c, '2', 'MIA belongs in loop 2100.');
      return;
    }
    if (claim.inpatient) this.segmentError(c, '5', 'MIA may appear only once per claim.');
    const remarkCodes: string[] = [];
    for (const n of [5, 20, 21, 22, 23, 24]) if (c.len(n) > 0) remarkCodes.push(c.get(n));
    const mia: Mutable<InpatientAdjudication> = { remarkCodes, elements: c.materialize().elements };
    const days = this.opt(c, 1);
    if (days !== undefined) mia.coveredDays = days;
    const drg = this.amount(c, 4, 'DRG amount', false);
    if (drg !== undefined) mia.drgAmountCents = drg;
    claim.inpatient = mia;
  }

  private moa(c: SegmentCursor): void {
    const claim = this.claim;
    if (!claim || this.line) {
      this.segmentError(c, '2', 'MOA belongs in loop 2100.');
      return;
    }
    if (claim.outpatient) this.segmentError(c, '5', 'MOA may appear only once per claim.');
    const remarkCodes: string[] = [];
    for (let n = 3; n <= 7; n++) if (c.len(n) > 0) remarkCodes.push(c.get(n));
    const moa: Mutable<OutpatientAdjudication> = { remarkCodes };
    const rate = this.opt(c, 1);
    if (rate !== undefined) moa.reimbursementRate = rate;
    const hcpcs = this.amount(c, 2, 'HCPCS payable amount', false);
    if (hcpcs !== undefined) moa.hcpcsPayableCents = hcpcs;
    const esrd = this.amount(c, 8, 'ESRD payment amount', false);
    if (esrd !== undefined) moa.esrdPaymentCents = esrd;
    const prof = this.amount(c, 9, 'non-payable professional component amount', false);
    if (prof !== undefined) moa.nonPayableProfessionalCents = prof;
    claim.outpatient = moa;
  }

  private clp(c: SegmentCursor): void {
    this.closeClaim();
    if (this.loop === 'header' || this.loop === '1000A' || this.loop === '1000B') {
      this.checkHeaderComplete(c);
      if (!this.remittance.payer) this.segmentError(c, '3', 'Loop 1000A (N1*PR payer identification) is required before the claims.', '1000A', 'N1');
      if (!this.remittance.payee) this.segmentError(c, '3', 'Loop 1000B (N1*PE payee identification) is required before the claims.', '1000B', 'N1');
      // Mark them reported so the next claims do not repeat it.
      if (!this.remittance.payer) this.remittance.payer = { entity: 'PR', name: '', references: [], contacts: [] };
      if (!this.remittance.payee) this.remittance.payee = { entity: 'PE', name: '', references: [], contacts: [] };
    } else if (this.loop === 'summary') {
      this.segmentError(c, '7', 'CLP after PLB: the provider adjustments must come after all claims.');
    }
    this.loop = '2100';
    this.party = undefined;
    const pcn = this.required(c, 1, 'patient control number');
    const status = this.required(c, 2, 'claim status code');
    if (status !== '' && !isClaimStatusCode(status)) this.elementError(c, 2, '7', `CLP02 ${JSON.stringify(status)} is not a claim status code.`);
    // Every field is present from the start (undefined when not sent): one object shape for all
    // claims keeps property access monomorphic on big files. JSON and deep-equal ignore undefined.
    const claim: MutableClaim = {
      patientControlNumber: pcn,
      status,
      reversal: status === '22',
      correctsReversalAt: undefined,
      chargeCents: this.amount(c, 3, 'total claim charge')!,
      paidCents: this.amount(c, 4, 'claim payment amount')!,
      patientResponsibilityCents: this.amount(c, 5, 'patient responsibility amount', false) ?? 0,
      claimFilingIndicator: this.required(c, 6, 'claim filing indicator code'),
      payerClaimControlNumber: this.required(c, 7, 'payer claim control number'),
      facilityTypeCode: this.opt(c, 8),
      frequencyCode: this.opt(c, 9),
      drgCode: this.opt(c, 11),
      drgWeight: this.opt(c, 12),
      dischargeFraction: this.opt(c, 13),
      headerNumber: this.headerNumber,
      adjustments: NONE,
      patient: undefined,
      insured: undefined,
      correctedInsured: undefined,
      serviceProvider: undefined,
      crossoverCarrier: undefined,
      correctedPayer: undefined,
      otherSubscriber: undefined,
      inpatient: undefined,
      outpatient: undefined,
      references: NONE,
      statementFrom: undefined,
      statementTo: undefined,
      receivedDate: undefined,
      dates: NONE,
      amounts: NONE,
      quantities: NONE,
      lines: [],
      balance: UNBALANCED,
      segmentIndex: c.index,
    };
    // Reversal and correction (TR3 1.10.2.8): CLP02 22 reverses an earlier payment; the claim that
    // follows with the same patient control number is the corrected payment.
    const reversedAt = this.lastReversal.size === 0 ? undefined : this.lastReversal.get(pcn);
    if (claim.reversal) this.lastReversal.set(pcn, this.claimCount);
    else if (reversedAt !== undefined) {
      claim.correctsReversalAt = reversedAt;
      this.lastReversal.delete(pcn);
    }
    this.claim = claim;
    this.claimAdjustmentSum = 0;
  }

  private svc(c: SegmentCursor): void {
    const claim = this.claim;
    if (!claim) {
      this.segmentError(c, '2', 'SVC (service payment) must follow a CLP.');
      return;
    }
    this.closeLine();
    this.loop = '2110';
    const comp = this.componentCode;
    const proc = this.parts;
    const pn = readComposite(c, 1, comp, proc);
    const qualifier = proc[0]!;
    const code = pn > 1 ? proc[1]! : '';
    const modifiers = modifiersOf(proc, pn);
    const description = pn > 6 && proc[6] !== '' ? proc[6] : undefined;
    if (c.len(1) === 0) this.elementError(c, 1, '1', 'SVC01 composite medical procedure identifier is required but empty.');
    else if (code === '') this.elementError(c, 1, '1', 'SVC01-2 procedure code is required but empty.', 2);
    let originalProcedure: MutableLine['originalProcedure'];
    if (c.len(6) > 0) {
      const on = readComposite(c, 6, comp, proc);
      originalProcedure = {
        qualifier: proc[0]!,
        code: on > 1 ? proc[1]! : '',
        modifiers: modifiersOf(proc, on),
        ...(on > 6 && proc[6] !== '' ? { description: proc[6]! } : {}),
      };
    }
    const line: MutableLine = {
      procedureQualifier: qualifier,
      procedureCode: code,
      modifiers,
      description,
      chargeCents: this.amount(c, 2, 'line item charge')!,
      paidCents: this.amount(c, 3, 'line item provider payment')!,
      revenueCode: this.opt(c, 4),
      units: this.opt(c, 5),
      originalProcedure,
      originalUnits: this.opt(c, 7),
      serviceDate: undefined,
      serviceDateFrom: undefined,
      serviceDateTo: undefined,
      adjustments: NONE,
      lineControlNumber: undefined,
      references: NONE,
      amounts: NONE,
      quantities: NONE,
      remarks: NONE,
      balance: UNBALANCED,
      segmentIndex: c.index,
    };
    this.line = line;
    this.lineAdjustmentSum = 0;
    claim.lines = append(claim.lines, line);
    this.lineCount += 1;
  }

  private plb(c: SegmentCursor): void {
    this.closeClaim();
    this.loop = 'summary';
    const seg: Mutable<ProviderAdjustmentSegment> & { adjustments: ProviderAdjustment[] } = {
      providerId: this.required(c, 1, 'provider identifier'),
      fiscalPeriodDate: this.date(c, 2, 'fiscal period date'),
      adjustments: [],
      segmentIndex: c.index,
    };
    // Up to six adjustment identifier / amount pairs: PLB03/04, 05/06, …, 13/14.
    for (let n = 3; n <= 13; n += 2) {
      if (c.len(n) === 0 && c.len(n + 1) === 0) continue;
      const parts = c.get(n).split(this.component);
      const reason = parts[0] ?? '';
      if (reason === '') this.elementError(c, n, '1', `PLB${String(n).padStart(2, '0')}-1 adjustment reason code is required but empty.`, 1);
      const amount = c.len(n + 1) > 0 ? this.amount(c, n + 1, 'provider adjustment amount')! : 0;
      if (c.len(n + 1) === 0) this.elementError(c, n + 1, '2', `PLB${String(n + 1).padStart(2, '0')} amount is missing for adjustment ${reason}.`);
      const adj: Mutable<ProviderAdjustment> = { reasonCode: reason, amountCents: amount };
      if ((parts[1] ?? '') !== '') adj.reference = parts[1]!;
      seg.adjustments.push(adj);
      this.plbSum += amount;
    }
    if (seg.adjustments.length === 0) this.elementError(c, 3, '1', 'PLB03 provider adjustment identifier is required but empty.');
    this.remittance.providerAdjustments.push(seg);
  }

  // ---- closing and balancing ---------------------------------------------------------------

  private closeLine(): void {
    const line = this.line;
    if (!line) return;
    this.line = undefined;
    // TR3 1.10.2.1.1 service line balancing: SVC02 − Σ line CAS = SVC03.
    const adj = this.lineAdjustmentSum;
    const expected = line.chargeCents - line.paidCents;
    line.balance = { balanced: adj === expected, expectedCents: expected, actualCents: adj };
    if (adj !== expected) {
      this.problems.push({
        severity: 'error',
        code: 'x12.835.line-imbalance',
        message: `Service line ${line.procedureCode || '(no code)'} of claim ${this.claim?.patientControlNumber ?? ''} does not balance: charge ${fmt(line.chargeCents)} − paid ${fmt(line.paidCents)} = ${fmt(expected)}, but its adjustments add up to ${fmt(adj)} (difference ${fmt(expected - adj)}).`,
        path: `segment ${line.segmentIndex} (SVC), loop 2110`,
        ruleId: 'x12.835.balance.line',
        source: 'ASC X12 005010X221A1 section 1.10.2.1.1 (service line balancing)',
      });
    }
  }

  private closeClaim(): void {
    const claim = this.claim;
    if (!claim) return;
    this.closeLine();
    this.claim = undefined;
    if (this.loop === '2110') this.loop = '2100';
    // TR3 1.10.2.1.2 claim balancing: CLP03 − CLP04 = Σ claim CAS + Σ line CAS.
    const adj = this.claimAdjustmentSum;
    const expected = claim.chargeCents - claim.paidCents;
    claim.balance = { balanced: adj === expected, expectedCents: expected, actualCents: adj };
    if (adj !== expected) {
      this.problems.push({
        severity: 'error',
        code: 'x12.835.claim-imbalance',
        message: `Claim ${claim.patientControlNumber} (payer control ${claim.payerClaimControlNumber}) does not balance: charge ${fmt(claim.chargeCents)} − paid ${fmt(claim.paidCents)} = ${fmt(expected)}, but claim and line adjustments add up to ${fmt(adj)} (difference ${fmt(expected - adj)}).`,
        path: `segment ${claim.segmentIndex} (CLP), loop 2100`,
        ruleId: 'x12.835.balance.claim',
        source: 'ASC X12 005010X221A1 section 1.10.2.1.2 (claim balancing)',
      });
    }
    this.paidSum += claim.paidCents;
    this.claimCount += 1;
    if (this.keepClaims) this.remittance.claims.push(claim);
    this.onClaim?.(claim, this.remittance);
  }

  /** Closes the transaction set: checks required parts and the payment balance. */
  finish(): Remittance835 {
    this.closeClaim();
    const r = this.remittance;
    if (!this.sawBpr) this.missing('BPR', 'BPR (financial information)');
    if (!this.sawTrn) this.missing('TRN', 'TRN (reassociation trace number)');
    if (!r.payer) this.missing('N1', 'N1*PR (payer identification, loop 1000A)', '1000A');
    if (!r.payee) this.missing('N1', 'N1*PE (payee identification, loop 1000B)', '1000B');
    // TR3 1.10.2.1 transaction balancing: BPR02 = Σ CLP04 − Σ PLB amounts.
    const expected = this.paidSum - this.plbSum;
    r.balance = { balanced: expected === r.totalPaidCents, expectedCents: expected, actualCents: r.totalPaidCents };
    if (!r.balance.balanced) {
      this.problems.push({
        severity: 'error',
        code: 'x12.835.payment-imbalance',
        message: `Payment ${r.traceNumber || r.controlNumber} does not balance: BPR02 is ${fmt(r.totalPaidCents)} but the claims paid ${fmt(this.paidSum)} less provider adjustments ${fmt(this.plbSum)} = ${fmt(expected)} (difference ${fmt(r.totalPaidCents - expected)}).`,
        path: `segment ${this.stIndex + 1} (BPR)`,
        ruleId: 'x12.835.balance.payment',
        source: 'ASC X12 005010X221A1 section 1.10.2.1 (transaction balancing)',
      });
    }
    r.claimCount = this.claimCount;
    return r;
  }

  /** IK304 3: a required segment is missing; IK301 names the missing segment, IK302 points at ST. */
  private missing(id: string, what: string, loop?: string): void {
    this.diagnostics.push({
      severity: 'error',
      level: 'segment',
      code: '3',
      message: `The required ${what} is missing from 835 ${this.remittance.controlNumber}.`,
      segmentIndex: this.stIndex,
      segmentId: id,
      positionInTransaction: 1,
      ...(loop ? { loop } : {}),
    });
  }
}
