/**
 * Checks shared by the 837P and 837I writers: required fields of the hierarchy loops, identifiers
 * (NPI check digit, tax id, ZIP+4), and the COB balancing rules of loops 2320/2430. Every problem is
 * collected; none stops the others (GUIDE §2).
 */
import { isCalendarDate } from '../../model/dates.js';
import type { Problem } from '../../model/problem.js';
import type { Delimiters } from '../syntax/segment.js';
import { checkDelimitersInText, delimiterScan, type DelimiterScan } from '../envelope/text-check.js';
import type {
  AdjustmentGroup837,
  Address837,
  Contact837,
  LineAdjudication2430,
  OtherSubscriber2320,
  ProviderName837,
  SourceLocated,
  Transaction837,
} from './model.js';

/** Adds problems to a shared list, with a helper per severity. */
export class ProblemList {
  readonly items: Problem[] = [];
  error(code: string, path: string, message: string, fix?: string): void {
    this.items.push(
      fix === undefined
        ? { severity: 'error', code, path, message }
        : { severity: 'error', code, path, message, fix },
    );
  }
  warning(code: string, path: string, message: string, fix?: string): void {
    this.items.push(
      fix === undefined
        ? { severity: 'warning', code, path, message }
        : { severity: 'warning', code, path, message, fix },
    );
  }
}

/** True for a 10-digit NPI whose check digit is right (Luhn over "80840" + the first 9 digits). */
export function isValidNpi(npi: string): boolean {
  if (!isDigits(npi, 10)) return false;
  const digits = `80840${npi}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** Problems of an NPI value, when present (or required). */
export function checkNpi(
  p: ProblemList,
  npi: string | undefined,
  path: string,
  required: boolean,
  what: string,
): void {
  if (npi === undefined || npi === '') {
    if (required)
      p.error('x12.837.npi.missing', path, `The ${what} NPI is missing; NM109 needs a 10-digit NPI.`);
    return;
  }
  if (!isValidNpi(npi))
    p.error(
      'x12.837.npi.invalid',
      path,
      `The ${what} NPI "${npi}" is not a valid NPI (10 digits with a correct check digit).`,
    );
}

/** Problems of an N3/N4 address. */
export function checkAddress(
  p: ProblemList,
  a: Address837,
  path: string,
  zipPlus4: boolean,
  what: string,
): void {
  if (a.line1.trim() === '')
    p.error('x12.837.address.line1', `${path}.line1`, `The ${what} address has no street line (N301).`);
  if (a.city.trim() === '')
    p.error('x12.837.address.city', `${path}.city`, `The ${what} address has no city (N401).`);
  if (!(a.state.length === 2 && isUpper(a.state, 0) && isUpper(a.state, 1)))
    p.error(
      'x12.837.address.state',
      `${path}.state`,
      `The ${what} state "${a.state}" must be a two-letter code (N402).`,
    );
  if (zipPlus4) {
    // TR3 2010AA N403: the billing provider ZIP code must be the 9-digit ZIP+4.
    if (!isDigits(a.zip, 9))
      p.error(
        'x12.837.address.zip4',
        `${path}.zip`,
        `The ${what} ZIP code "${a.zip}" must have 9 digits (ZIP+4) in the 837.`,
        'Add the 4-digit ZIP extension.',
      );
  } else if (!isDigits(a.zip, 5) && !isDigits(a.zip, 9)) {
    p.error('x12.837.address.zip', `${path}.zip`, `The ${what} ZIP code "${a.zip}" must have 5 or 9 digits.`);
  }
}

/** Problems of a provider NM1. */
export function checkProvider(
  p: ProblemList,
  prov: ProviderName837,
  path: string,
  what: string,
  npiRequired: boolean,
): void {
  if (prov.lastNameOrOrganization.trim() === '')
    p.error('x12.837.name', `${path}.lastNameOrOrganization`, `The ${what} has no name (NM103).`);
  if (prov.entityType === '1' && !prov.firstName)
    p.warning(
      'x12.837.first-name',
      `${path}.firstName`,
      `The ${what} is a person without a first name (NM104).`,
    );
  checkNpi(p, prov.npi, `${path}.npi`, npiRequired, what);
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** True when `text` has exactly `length` characters, all digits 0–9 (`/^\d{n}$/` without a regex). */
export function isDigits(text: string, length: number): boolean {
  if (text.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) return false;
  }
  return true;
}

/**
 * True for an absent date or a real `YYYY-MM-DD` date. A day of 1–28 in month 1–12 is real in every
 * year, which settles almost every date without {@link isCalendarDate}'s regular expression.
 */
export function isAbsentOrRealDate(date: string | undefined): boolean {
  if (date === undefined) return true;
  if (
    date.length === 10 &&
    date.charCodeAt(4) === 45 &&
    date.charCodeAt(7) === 45 &&
    isDigitAt(date, 0) &&
    isDigitAt(date, 1) &&
    isDigitAt(date, 2) &&
    isDigitAt(date, 3) &&
    isDigitAt(date, 5) &&
    isDigitAt(date, 6) &&
    isDigitAt(date, 8) &&
    isDigitAt(date, 9)
  ) {
    const month = (date.charCodeAt(5) - DIGIT_0) * 10 + date.charCodeAt(6) - DIGIT_0;
    const day = (date.charCodeAt(8) - DIGIT_0) * 10 + date.charCodeAt(9) - DIGIT_0;
    if (month >= 1 && month <= 12 && day >= 1 && day <= 28) return true;
  }
  return isCalendarDate(date);
}

function isUpper(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90;
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= DIGIT_0 && c <= DIGIT_9;
}

/** A date field in YYYY-MM-DD. */
export function checkDate(p: ProblemList, date: string | undefined, path: string, what: string): void {
  if (date === undefined || isAbsentOrRealDate(date)) return;
  const text: string = date;
  p.error('x12.837.date', path, `The ${what} "${text}" is not a real date in YYYY-MM-DD form.`);
}

/** Sum of CAS amounts. */
export function casTotal(groups: readonly AdjustmentGroup837[]): number {
  let total = 0;
  for (const g of groups) for (const r of g.reasons) total += r.amountCents;
  return total;
}

const CAS_GROUPS = ['CO', 'CR', 'OA', 'PI', 'PR'];

/** CAS01 codes and reason counts. */
export function checkCas(p: ProblemList, groups: readonly AdjustmentGroup837[], path: string): void {
  groups.forEach((g, i) => {
    if (!CAS_GROUPS.includes(g.group))
      p.error(
        'x12.837.cas.group',
        `${path}[${i}].group`,
        `"${g.group}" is not a claim adjustment group code (CO, CR, OA, PI, PR).`,
      );
    if (g.reasons.length === 0)
      p.error('x12.837.cas.empty', `${path}[${i}]`, `The ${g.group} adjustment has no reason codes.`);
  });
}

/**
 * COB rules for one claim (TR3 2320 AMT*D and 2430 SVD notes): for each other payer that reports what
 * it paid, claim charge − paid = Σ claim-level CAS + Σ line-level CAS of that payer; for each 2430,
 * line charge − line paid = Σ line CAS. 2430 SVD01 must name a payer of a 2320 loop.
 */
export function checkCob(
  p: ProblemList,
  claim: {
    readonly totalChargeCents: number;
    readonly otherSubscribers: readonly OtherSubscriber2320[];
    readonly lines: readonly {
      readonly chargeCents: number;
      readonly adjudications: readonly LineAdjudication2430[];
    }[];
  },
  payerResponsibility: string,
  path: string,
): void {
  const payerIds = claim.otherSubscribers.map((o) => o.payer.payerId);
  claim.otherSubscribers.forEach((o, i) => {
    const op = `${path}.otherPayers[${i}]`;
    if (o.payer.payerId.trim() === '')
      p.error(
        'x12.837.cob.payer-id',
        `${op}.payer.payerId`,
        'The other payer has no payer ID (2330B NM109).',
      );
    if (o.subscriber.memberId.trim() === '')
      p.error(
        'x12.837.cob.member-id',
        `${op}.subscriber.memberId`,
        'The other subscriber has no member ID (2330A NM109).',
      );
    if (o.payerResponsibility === payerResponsibility) {
      p.error(
        'x12.837.cob.sequence',
        `${op}.responsibility`,
        `The other payer has the same responsibility (${o.payerResponsibility}) as the payer of this claim; SBR01 must differ.`,
      );
    }
    checkCas(p, o.adjustments, `${op}.adjustments`);
    checkDate(p, o.payer.adjudicationDate, `${op}.adjudicationDate`, 'adjudication date');
    const linesByPayer = claim.lines.some((l) =>
      l.adjudications.some((a) => a.otherPayerId === o.payer.payerId),
    );
    if (o.payerPaidCents !== undefined && !o.payer.adjudicationDate && !linesByPayer) {
      p.error(
        'x12.837.cob.adjudication-date',
        `${op}.adjudicationDate`,
        'The other payer adjudicated the claim (it reports a paid amount) but there is no adjudication date (2330B DTP*573 or 2430 DTP*573).',
      );
    }
    if (o.payerPaidCents !== undefined) {
      let lineCas = 0;
      for (const l of claim.lines)
        for (const a of l.adjudications)
          if (a.otherPayerId === o.payer.payerId) lineCas += casTotal(a.adjustments);
      const adjusted = casTotal(o.adjustments) + lineCas;
      const expected = claim.totalChargeCents - o.payerPaidCents;
      if (adjusted !== expected) {
        p.error(
          'x12.837.cob.unbalanced',
          op,
          `The other payer's amounts do not balance: charge ${cents(claim.totalChargeCents)} − paid ${cents(o.payerPaidCents)} = ${cents(expected)}, but the claim- and line-level adjustments add up to ${cents(adjusted)} (TR3 2320 AMT*D).`,
          'Make the adjustments (CAS) add up to the charge minus what the payer paid.',
        );
      }
    }
  });
  claim.lines.forEach((l, li) => {
    l.adjudications.forEach((a, ai) => {
      const ap = `${path}.lines[${li}].priorAdjudications[${ai}]`;
      if (!payerIds.includes(a.otherPayerId)) {
        p.error(
          'x12.837.cob.unknown-payer',
          `${ap}.payerId`,
          `The line adjudication names payer "${a.otherPayerId}", which is not one of the claim's other payers (2430 SVD01 must match a 2330B NM109).`,
        );
      }
      checkCas(p, a.adjustments, `${ap}.adjustments`);
      checkDate(p, a.adjudicationDate, `${ap}.adjudicationDate`, 'adjudication date');
      const adjusted = casTotal(a.adjustments);
      if (l.chargeCents - a.paidCents !== adjusted) {
        p.error(
          'x12.837.cob.line-unbalanced',
          ap,
          `The line adjudication does not balance: line charge ${cents(l.chargeCents)} − paid ${cents(a.paidCents)} = ${cents(l.chargeCents - a.paidCents)}, but its adjustments add up to ${cents(adjusted)} (TR3 2430 SVD02/CAS).`,
        );
      }
      if (!(a.paidUnits > 0))
        p.error('x12.837.cob.units', `${ap}.units`, 'The paid units (SVD05) must be more than zero.');
    });
  });
}

function cents(c: number): string {
  const sign = c < 0 ? '-' : '';
  const abs = Math.abs(c);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Formats cents for messages ("12.30"). */
export { cents as formatMessageCents };

/** True when a text field of an address contains a delimiter. */
export function addressHasDelimiter(a: Address837 | undefined, has: DelimiterScan): boolean {
  return a !== undefined && (has(a.line1) || has(a.line2) || has(a.city) || has(a.state) || has(a.zip));
}

/** True when a text field of a provider name contains a delimiter. */
export function providerHasDelimiter(n: ProviderName837 | undefined, has: DelimiterScan): boolean {
  return (
    n !== undefined &&
    (has(n.entityType) ||
      has(n.lastNameOrOrganization) ||
      has(n.firstName) ||
      has(n.middleName) ||
      has(n.suffix) ||
      has(n.npi))
  );
}

function contactHasDelimiter(c: Contact837 | undefined, has: DelimiterScan): boolean {
  return c !== undefined && (has(c.name) || has(c.phone) || has(c.email));
}

function personHasDelimiter(
  n: {
    readonly lastName: string;
    readonly firstName?: string;
    readonly middleName?: string;
    readonly suffix?: string;
    readonly address?: Address837;
    readonly dateOfBirth?: string;
    readonly sex?: string;
  },
  has: DelimiterScan,
): boolean {
  return (
    has(n.lastName) ||
    has(n.firstName) ||
    has(n.middleName) ||
    has(n.suffix) ||
    addressHasDelimiter(n.address, has) ||
    has(n.dateOfBirth) ||
    has(n.sex)
  );
}

/** True when a text field of CAS groups contains a delimiter. */
function casHasDelimiter(groups: readonly AdjustmentGroup837[], has: DelimiterScan): boolean {
  for (const g of groups) {
    if (has(g.group)) return true;
    for (const r of g.reasons) if (has(r.reason)) return true;
  }
  return false;
}

/** True when a text field of loops 2320/2330A/2330B contains a delimiter. */
export function otherSubscriberHasDelimiter(o: OtherSubscriber2320, has: DelimiterScan): boolean {
  const s = o.subscriber;
  const py = o.payer;
  return (
    has(o.payerResponsibility) ||
    has(o.relationshipCode) ||
    has(o.groupNumber) ||
    has(o.groupName) ||
    has(o.claimFilingIndicator) ||
    casHasDelimiter(o.adjustments, has) ||
    has(o.benefitsAssigned) ||
    has(o.releaseOfInformation) ||
    has(s.entityType) ||
    personHasDelimiter(s, has) ||
    has(s.memberId) ||
    has(py.name) ||
    has(py.payerId) ||
    addressHasDelimiter(py.address, has) ||
    has(py.adjudicationDate) ||
    has(py.payerClaimControlNumber)
  );
}

/** True when a text field of a loop 2430 contains a delimiter. */
export function lineAdjudicationHasDelimiter(a: LineAdjudication2430, has: DelimiterScan): boolean {
  return (
    has(a.otherPayerId) ||
    has(a.procedureCode) ||
    a.modifiers.some(has) ||
    has(a.revenueCode) ||
    casHasDelimiter(a.adjustments, has) ||
    has(a.adjudicationDate)
  );
}

/**
 * True when any text field of the transaction — header, 1000A/B, 2000A–2010CA and, through
 * `claimHasDelimiter`, each claim — contains a delimiter or line break. Field by field, so much
 * faster than the general walk, which is then only needed to report the offenders.
 */
export function transactionHasDelimiter<C extends SourceLocated>(
  tx: Transaction837<C>,
  has: DelimiterScan,
  claimHasDelimiter: (claim: C, has: DelimiterScan) => boolean,
): boolean {
  const h = tx.header;
  const sub = tx.submitter;
  if (
    has(h.purposeCode) ||
    has(h.referenceId) ||
    has(h.creationDate) ||
    has(h.creationTime) ||
    has(h.claimOrEncounter) ||
    has(sub.entityType) ||
    has(sub.lastNameOrOrganization) ||
    has(sub.firstName) ||
    has(sub.identifier) ||
    contactHasDelimiter(sub.contact, has) ||
    has(tx.receiver.name) ||
    has(tx.receiver.identifier)
  )
    return true;
  const claim = (c: C): boolean => has(c.sourcePath) || claimHasDelimiter(c, has);
  for (const b of tx.billingProviders) {
    const bp = b.billingProvider;
    if (
      has(b.taxonomyCode) ||
      providerHasDelimiter(bp, has) ||
      addressHasDelimiter(bp.address, has) ||
      has(bp.taxIdQualifier) ||
      has(bp.taxId) ||
      contactHasDelimiter(bp.contact, has) ||
      addressHasDelimiter(b.payToAddress, has)
    )
      return true;
    for (const s of b.subscribers) {
      if (
        has(s.payerResponsibility) ||
        has(s.groupNumber) ||
        has(s.groupName) ||
        has(s.claimFilingIndicator) ||
        personHasDelimiter(s.subscriber, has) ||
        has(s.subscriber.memberId) ||
        has(s.payer.name) ||
        has(s.payer.payerId) ||
        addressHasDelimiter(s.payer.address, has) ||
        s.claims.some(claim)
      )
        return true;
      for (const pt of s.patients)
        if (has(pt.relationshipCode) || personHasDelimiter(pt.patient, has) || pt.claims.some(claim))
          return true;
    }
  }
  return false;
}

/**
 * Every problem of one transaction set: the header and hierarchy ({@link validateHierarchy}) and each
 * claim through the guide's own `checkClaim`.
 */
export function validateTransaction<C extends SourceLocated>(
  tx: Transaction837<C>,
  delimiters: Delimiters,
  prefix: string,
  checkClaim: (p: ProblemList, claim: C, path: string, subscriberResponsibility: string) => void,
  claimHasDelimiter?: (claim: C, has: DelimiterScan) => boolean,
): Problem[] {
  const p = new ProblemList();
  validateHierarchy(
    tx,
    delimiters,
    prefix,
    (claim, path, responsibility) => {
      checkClaim(p, claim, path, responsibility);
    },
    p,
    claimHasDelimiter,
  );
  return p.items;
}

/** CLM02 must equal the sum of the line charges (`lineElement`: SV102 or SV203; TR3 2300 CLM02). */
export function checkClaimTotal(
  p: ProblemList,
  totalCents: number,
  lineSumCents: number,
  path: string,
  lineElement: string,
): void {
  if (totalCents !== lineSumCents) {
    p.error(
      'x12.837.clm02.sum',
      `${path}.totalChargeCents`,
      `The claim total (CLM02) ${cents(totalCents)} does not equal the sum of the line charges (${lineElement}) ${cents(lineSumCents)}.`,
    );
  }
}

/**
 * Checks the header and the hierarchy (1000A/B, 2000A–2010CA) and calls `checkClaim` for each claim
 * with the path to report it under (its `sourcePath` when it has one). With `claimHasDelimiter` (a
 * field-by-field test of one claim loop) the delimiter check first scans the model field by field
 * and walks it generally only when something is found.
 */
export function validateHierarchy<C extends SourceLocated>(
  tx: Transaction837<C>,
  delimiters: Delimiters,
  prefix: string,
  checkClaim: (claim: C, path: string, subscriberResponsibility: string) => void,
  p: ProblemList,
  claimHasDelimiter?: (claim: C, has: DelimiterScan) => boolean,
): void {
  const at = (s: string): string => (prefix === '' ? s : `${prefix}.${s}`);
  const scan = claimHasDelimiter === undefined ? undefined : delimiterScan(delimiters);
  if (
    scan === undefined ||
    claimHasDelimiter === undefined ||
    transactionHasDelimiter(tx, scan, claimHasDelimiter)
  )
    checkDelimitersInText(tx, delimiters, prefix, p.items);
  if (tx.submitter.identifier.trim() === '')
    p.error(
      'x12.837.submitter.id',
      at('submitter.identifier'),
      'The submitter has no identifier (1000A NM109).',
    );
  if (!tx.submitter.contact.phone && !tx.submitter.contact.email) {
    p.error(
      'x12.837.submitter.contact',
      at('submitter.contact'),
      'The submitter contact needs a phone number or an e-mail address (1000A PER).',
      'Give a contact phone for the billing provider or the submitter.',
    );
  }
  if (tx.receiver.identifier.trim() === '')
    p.error(
      'x12.837.receiver.id',
      at('receiver.identifier'),
      'The receiver has no identifier (1000B NM109).',
    );
  if (!/^\d{4}-\d{2}-\d{2}$/.test(tx.header.creationDate))
    p.error('x12.837.bht.date', at('header.creationDate'), 'BHT04 needs a YYYY-MM-DD date.');
  if (tx.billingProviders.length === 0)
    p.error(
      'x12.837.empty',
      at('billingProviders'),
      'The transaction has no billing provider and no claims.',
    );
  tx.billingProviders.forEach((b, bi) => {
    const first = firstClaim(b.subscribers);
    const bpPath =
      first?.sourcePath !== undefined
        ? `${first.sourcePath}.billingProvider`
        : at(`billingProviders[${bi}].billingProvider`);
    const bp = b.billingProvider;
    checkProvider(p, bp, bpPath, 'billing provider', true);
    checkAddress(p, bp.address, `${bpPath}.address`, true, 'billing provider');
    // TR3 2010AA N301: a street address; P.O. boxes go in the pay-to loop 2010AB.
    if (/\bP\.?\s*O\.?\s*BOX\b|\bLOCK\s*BOX\b/i.test(`${bp.address.line1} ${bp.address.line2 ?? ''}`)) {
      p.error(
        'x12.837.billing.po-box',
        `${bpPath}.address.line1`,
        'The billing provider address must be a street address, not a P.O. box or lock box (TR3 2010AA N3).',
        'Put the P.O. box in the pay-to address.',
      );
    }
    if (b.payToAddress) checkAddress(p, b.payToAddress, `${bpPath}.payToAddress`, false, 'pay-to');
    if (!isDigits(bp.taxId, 9))
      p.error(
        'x12.837.billing.tax-id',
        `${bpPath}.taxId`,
        `The billing provider tax ID "${bp.taxId}" must be 9 digits without a dash (2010AA REF02).`,
      );
    if (b.taxonomyCode !== undefined && !/^[0-9A-Z]{9}X$/.test(b.taxonomyCode))
      p.warning(
        'x12.837.taxonomy',
        `${bpPath}.taxonomy`,
        `"${b.taxonomyCode}" does not look like a provider taxonomy code (10 characters ending in X).`,
      );
    if (b.subscribers.length === 0)
      p.error('x12.837.empty', at(`billingProviders[${bi}]`), 'The billing provider has no subscribers.');
    b.subscribers.forEach((s, si) => {
      const firstOfSub = firstClaim([s]);
      const sp = firstOfSub?.sourcePath ?? at(`billingProviders[${bi}].subscribers[${si}]`);
      if (s.subscriber.memberId.trim() === '')
        p.error(
          'x12.837.subscriber.member-id',
          `${sp}.subscriber.memberId`,
          'The subscriber has no member ID (2010BA NM109).',
        );
      if (s.payer.payerId.trim() === '')
        p.error('x12.837.payer.id', `${sp}.payer.payerId`, 'The payer has no payer ID (2010BB NM109).');
      if (s.claimFilingIndicator.trim() === '')
        p.error(
          'x12.837.sbr09',
          `${sp}.payer.claimFilingIndicator`,
          'The claim filing indicator (SBR09) is missing.',
        );
      if (s.claims.length > 0 && s.patients.length > 0) {
        // RFI 1496: a subscriber who is a patient and has dependants is sent in two 2000B loops.
        p.error(
          'x12.837.hierarchy.mixed',
          sp,
          "A subscriber loop (2000B) holds both the subscriber's own claims and dependants' claims; they go in separate 2000B loops.",
        );
      }
      if (s.claims.length > 0) {
        if (!s.subscriber.address)
          p.error(
            'x12.837.subscriber.address',
            `${sp}.subscriber.address`,
            'The subscriber is the patient, so the subscriber address (2010BA N3/N4) is required.',
          );
        else checkAddress(p, s.subscriber.address, `${sp}.subscriber.address`, false, 'subscriber');
        if (!s.subscriber.dateOfBirth || !s.subscriber.sex)
          p.error(
            'x12.837.subscriber.dmg',
            `${sp}.subscriber`,
            'The subscriber is the patient, so date of birth and sex (2010BA DMG) are required.',
          );
        if (!isAbsentOrRealDate(s.subscriber.dateOfBirth))
          checkDate(p, s.subscriber.dateOfBirth, `${sp}.subscriber.dateOfBirth`, 'date of birth');
      }
      // TR3 2300: at most 100 claims per subscriber/patient loop.
      if (s.claims.length > 100)
        p.error(
          'x12.837.claims.per-hl',
          sp,
          `The subscriber loop holds ${s.claims.length} claims; at most 100 are allowed.`,
        );
      for (const c of s.claims)
        checkClaim(c, c.sourcePath ?? `${sp}.claims[${s.claims.indexOf(c)}]`, s.payerResponsibility);
      s.patients.forEach((pt, pi) => {
        const pp =
          pt.claims[0]?.sourcePath !== undefined
            ? `${pt.claims[0].sourcePath}.patient`
            : `${sp}.patients[${pi}]`;
        if (!/^(01|19|20|21|39|40|53|G8)$/.test(pt.relationshipCode)) {
          p.error(
            'x12.837.patient.relationship',
            `${pp}.relationshipCode`,
            `"${pt.relationshipCode}" is not a patient relationship code for PAT01 (01, 19, 20, 21, 39, 40, 53, G8).`,
          );
        }
        checkAddress(p, pt.patient.address, `${pp}.address`, false, 'patient');
        checkDate(p, pt.patient.dateOfBirth, `${pp}.dateOfBirth`, 'date of birth');
        if (pt.claims.length === 0) p.error('x12.837.empty', pp, 'The patient loop has no claims.');
        if (pt.claims.length > 100)
          p.error(
            'x12.837.claims.per-hl',
            pp,
            `The patient loop holds ${pt.claims.length} claims; at most 100 are allowed.`,
          );
        pt.claims.forEach((c, ci) => {
          checkClaim(c, c.sourcePath ?? `${sp}.patients[${pi}].claims[${ci}]`, s.payerResponsibility);
        });
      });
      if (s.claims.length === 0 && s.patients.length === 0)
        p.error('x12.837.empty', sp, 'The subscriber loop has no claims.');
    });
  });
}

function firstClaim<C extends SourceLocated>(
  subscribers: readonly {
    readonly claims: readonly C[];
    readonly patients: readonly { readonly claims: readonly C[] }[];
  }[],
): C | undefined {
  for (const s of subscribers) {
    if (s.claims[0]) return s.claims[0];
    for (const pt of s.patients) if (pt.claims[0]) return pt.claims[0];
  }
  return undefined;
}

/** ICD-10-CM code shape once the dot is gone: letter, digit, then 1–5 letters/digits. */
export const ICD10_SHAPE = /^[A-Z][0-9][0-9A-Z]{1,5}$/;
