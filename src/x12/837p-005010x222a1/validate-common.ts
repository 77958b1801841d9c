/**
 * Checks shared by the 837P and 837I writers: required fields of the hierarchy loops, identifiers
 * (NPI check digit, tax id, ZIP+4), and the COB balancing rules of loops 2320/2430. Every problem is
 * collected; none stops the others (GUIDE §2).
 */
import { isCalendarDate } from '../../model/dates.js';
import type { Problem } from '../../model/problem.js';
import type { Delimiters } from '../syntax/segment.js';
import { checkDelimitersInText } from '../envelope/text-check.js';
import type {
  AdjustmentGroup837,
  Address837,
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
  if (!/^\d{10}$/.test(npi)) return false;
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
  if (!/^[A-Z]{2}$/.test(a.state))
    p.error(
      'x12.837.address.state',
      `${path}.state`,
      `The ${what} state "${a.state}" must be a two-letter code (N402).`,
    );
  if (zipPlus4) {
    // TR3 2010AA N403: the billing provider ZIP code must be the 9-digit ZIP+4.
    if (!/^\d{9}$/.test(a.zip))
      p.error(
        'x12.837.address.zip4',
        `${path}.zip`,
        `The ${what} ZIP code "${a.zip}" must have 9 digits (ZIP+4) in the 837.`,
        'Add the 4-digit ZIP extension.',
      );
  } else if (!/^\d{5}(\d{4})?$/.test(a.zip)) {
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

/** A date field in YYYY-MM-DD. */
export function checkDate(p: ProblemList, date: string | undefined, path: string, what: string): void {
  if (date === undefined || isCalendarDate(date)) return;
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

/**
 * Checks the header and the hierarchy (1000A/B, 2000A–2010CA) and calls `checkClaim` for each claim
 * with the path to report it under (its `sourcePath` when it has one).
 */
export function validateHierarchy<C extends SourceLocated>(
  tx: Transaction837<C>,
  delimiters: Delimiters,
  prefix: string,
  checkClaim: (claim: C, path: string, subscriberResponsibility: string) => void,
  p: ProblemList,
): void {
  const at = (s: string): string => (prefix === '' ? s : `${prefix}.${s}`);
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
    if (!/^\d{9}$/.test(bp.taxId))
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
