/**
 * Segment writers shared by 837P and 837I: the header (BHT, 1000A, 1000B), the HL hierarchy
 * (2000A/2010AA/2010AB, 2000B/2010BA/2010BB, 2000C/2010CA) and the COB loops (2320/2330A/2330B, 2430),
 * whose layout is the same in 005010X222A1 and 005010X223A2. The claim loop itself is written by the
 * guide's own writer, passed in as `writeClaim`.
 */
import type { Delimiters, Segment } from '../syntax/segment.js';
import { DEFAULT_DELIMITERS } from '../syntax/segment.js';
import {
  composite,
  d8,
  SegmentListSink,
  x12Amount,
  x12Decimal,
  type SegmentSink,
} from '../envelope/segment-builder.js';
import type {
  AdjustmentGroup837,
  Address837,
  Contact837,
  LineAdjudication2430,
  OtherSubscriber2320,
  ProviderName837,
  Transaction837,
} from './model.js';

/** Appends N3 and N4 for an address. */
export function writeAddress(out: SegmentSink, address: Address837): void {
  out.add('N3', address.line1, address.line2);
  out.add('N4', address.city, address.state, address.zip);
}

/** NM1 for a provider identified by NPI: `NM1*82*1*DOE*JANE****XX*1234567893`. */
export function writeProviderNm1(out: SegmentSink, entityId: string, p: ProviderName837): void {
  const person = p.entityType === '1';
  out.add(
    'NM1',
    entityId,
    p.entityType,
    p.lastNameOrOrganization,
    person ? p.firstName : undefined,
    person ? p.middleName : undefined,
    undefined,
    person ? p.suffix : undefined,
    p.npi !== undefined && p.npi !== '' ? 'XX' : undefined,
    p.npi,
  );
}

/** PER*IC with name, phone (TE) and e-mail (EM) as far as given. */
export function writeContactPer(out: SegmentSink, contact: Contact837): void {
  if (contact.phone && contact.email)
    out.add('PER', 'IC', contact.name, 'TE', contact.phone, 'EM', contact.email);
  else if (contact.phone) out.add('PER', 'IC', contact.name, 'TE', contact.phone);
  else if (contact.email) out.add('PER', 'IC', contact.name, 'EM', contact.email);
  else out.add('PER', 'IC', contact.name);
}

/** CAS segments for adjustment groups: one segment per group, split after 6 reasons (CAS02–CAS19). */
export function writeCas(out: SegmentSink, groups: readonly AdjustmentGroup837[]): void {
  for (const g of groups) {
    for (let i = 0; i < g.reasons.length; i += 6) {
      const elements: (string | undefined)[] = [g.group];
      for (const r of g.reasons.slice(i, i + 6)) {
        elements.push(
          r.reason,
          x12Amount(r.amountCents),
          r.quantity === undefined ? undefined : x12Decimal(r.quantity),
        );
      }
      out.add('CAS', ...elements);
    }
  }
}

/**
 * Loop 2320 with 2330A and 2330B: what another payer did with the claim. `lineAdjudicated` says that
 * 2430 loops of this payer carry their own DTP*573, in which case 2330B DTP*573 is not sent (TR3
 * 2330B DTP: required when the payer adjudicated the claim and 2430 DTP*573 is not used).
 */
export function writeOtherSubscriber(
  out: SegmentSink,
  o: OtherSubscriber2320,
  lineAdjudicated: boolean,
): void {
  out.add(
    'SBR',
    o.payerResponsibility,
    o.relationshipCode,
    o.groupNumber,
    o.groupNumber ? undefined : o.groupName,
    undefined,
    undefined,
    undefined,
    undefined,
    o.claimFilingIndicator,
  );
  writeCas(out, o.adjustments);
  // TR3 2320 AMT*D: required when the other payer has adjudicated the claim (0 when it paid nothing).
  if (o.payerPaidCents !== undefined) out.add('AMT', 'D', x12Amount(o.payerPaidCents));
  out.add('OI', undefined, undefined, o.benefitsAssigned, undefined, undefined, o.releaseOfInformation);
  const s = o.subscriber;
  const person = s.entityType === '1';
  out.add(
    'NM1',
    'IL',
    s.entityType,
    s.lastName,
    person ? s.firstName : undefined,
    person ? s.middleName : undefined,
    undefined,
    person ? s.suffix : undefined,
    'MI',
    s.memberId,
  );
  if (s.address) writeAddress(out, s.address);
  const p = o.payer;
  out.add('NM1', 'PR', '2', p.name, undefined, undefined, undefined, undefined, 'PI', p.payerId);
  if (p.address) writeAddress(out, p.address);
  if (p.adjudicationDate && !lineAdjudicated) out.add('DTP', '573', 'D8', d8(p.adjudicationDate));
  if (p.payerClaimControlNumber) out.add('REF', 'F8', p.payerClaimControlNumber);
}

/** Payer IDs that adjudicated at least one line (2430 SVD01) of a claim. */
export function lineAdjudicatingPayers(
  lines: readonly { readonly adjudications: readonly LineAdjudication2430[] }[],
): ReadonlySet<string> {
  if (lines.every((l) => l.adjudications.length === 0)) return NO_PAYERS;
  const ids = new Set<string>();
  for (const l of lines) for (const a of l.adjudications) ids.add(a.otherPayerId);
  return ids;
}

const NO_PAYERS: ReadonlySet<string> = new Set<string>();

/** Loop 2430: SVD, CAS, DTP*573. */
export function writeLineAdjudication(out: SegmentSink, a: LineAdjudication2430, d: Delimiters): void {
  out.add(
    'SVD',
    a.otherPayerId,
    x12Amount(a.paidCents),
    composite(d.component, 'HC', a.procedureCode, ...a.modifiers),
    a.revenueCode,
    x12Decimal(a.paidUnits),
  );
  writeCas(out, a.adjustments);
  out.add('DTP', '573', 'D8', d8(a.adjudicationDate));
}

/**
 * Writes BHT, 1000A, 1000B and the HL hierarchy with each claim (via `writeClaim`). HL01 numbers
 * every level in order, HL02 points at the parent, HL04 says whether children follow (TR3 2000A–C).
 */
export function writeTransactionBody<C>(
  out: SegmentSink,
  tx: Transaction837<C>,
  writeClaim: (out: SegmentSink, claim: C) => void,
): void {
  const h = tx.header;
  out.add(
    'BHT',
    '0019',
    h.purposeCode,
    h.referenceId,
    d8(h.creationDate),
    h.creationTime,
    h.claimOrEncounter,
  );
  const sub = tx.submitter;
  const person = sub.entityType === '1';
  out.add(
    'NM1',
    '41',
    sub.entityType,
    sub.lastNameOrOrganization,
    person ? sub.firstName : undefined,
    undefined,
    undefined,
    undefined,
    '46',
    sub.identifier,
  );
  writeContactPer(out, sub.contact);
  out.add(
    'NM1',
    '40',
    '2',
    tx.receiver.name,
    undefined,
    undefined,
    undefined,
    undefined,
    '46',
    tx.receiver.identifier,
  );
  let hl = 0;
  for (const billing of tx.billingProviders) {
    const billingHl = ++hl;
    out.add('HL', String(billingHl), undefined, '20', '1');
    if (billing.taxonomyCode) out.add('PRV', 'BI', 'PXC', billing.taxonomyCode);
    const bp = billing.billingProvider;
    writeProviderNm1(out, '85', bp);
    writeAddress(out, bp.address);
    out.add('REF', bp.taxIdQualifier, bp.taxId);
    // TR3 2010AA PER: only when it differs from the submitter contact in 1000A.
    if (bp.contact && (bp.contact.phone || bp.contact.email) && !sameContact(bp.contact, sub.contact))
      writeContactPer(out, bp.contact);
    if (billing.payToAddress) {
      out.add('NM1', '87', '2');
      writeAddress(out, billing.payToAddress);
    }
    for (const s of billing.subscribers) {
      const subscriberHl = ++hl;
      const selfClaims = s.claims.length > 0;
      out.add('HL', String(subscriberHl), String(billingHl), '22', s.patients.length > 0 ? '1' : '0');
      // SBR02 = 18 only when the subscriber is the patient; SBR04 only when there is no group number.
      out.add(
        'SBR',
        s.payerResponsibility,
        selfClaims ? '18' : undefined,
        s.groupNumber,
        s.groupNumber ? undefined : s.groupName,
        undefined,
        undefined,
        undefined,
        undefined,
        s.claimFilingIndicator,
      );
      const m = s.subscriber;
      out.add('NM1', 'IL', '1', m.lastName, m.firstName, m.middleName, undefined, m.suffix, 'MI', m.memberId);
      // TR3 2010BA N3/N4/DMG: required when the subscriber is the patient; otherwise not sent.
      if (selfClaims && m.address) writeAddress(out, m.address);
      if (selfClaims && m.dateOfBirth) out.add('DMG', 'D8', d8(m.dateOfBirth), m.sex);
      out.add(
        'NM1',
        'PR',
        '2',
        s.payer.name,
        undefined,
        undefined,
        undefined,
        undefined,
        'PI',
        s.payer.payerId,
      );
      if (s.payer.address) writeAddress(out, s.payer.address);
      for (const c of s.claims) writeClaim(out, c);
      for (const p of s.patients) {
        out.add('HL', String(++hl), String(subscriberHl), '23', '0');
        out.add('PAT', p.relationshipCode);
        const n = p.patient;
        out.add('NM1', 'QC', '1', n.lastName, n.firstName, n.middleName, undefined, n.suffix);
        writeAddress(out, n.address);
        out.add('DMG', 'D8', d8(n.dateOfBirth), n.sex);
        for (const c of p.claims) writeClaim(out, c);
      }
    }
  }
}

function sameContact(a: Contact837, b: Contact837): boolean {
  return (
    (a.name ?? '') === (b.name ?? '') &&
    (a.phone ?? '') === (b.phone ?? '') &&
    (a.email ?? '') === (b.email ?? '')
  );
}

/** ICD-10 code as written in HI: upper case, no dot (TR3 HI: "do not transmit the decimal point"). */
export function hiCode(code: string): string {
  // Most codes are capitals and digits with at most one dot: cut the dot out (or hand the code back
  // as it is) without replace() and toUpperCase(); anything else takes the general way.
  let dot = -1;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) continue;
    if (c !== 46 || dot >= 0) return code.replace('.', '').toUpperCase();
    dot = i;
  }
  return dot < 0 ? code : code.slice(0, dot) + code.slice(dot + 1);
}

/** A guide's own writer of one claim loop (2300 and below), given the interchange's delimiters. */
export type ClaimWriter<C> = (out: SegmentSink, claim: C, delimiters: Delimiters) => void;

/** Writes one transaction set body (BHT … last 2400, without ST/SE) into a sink. No validation. */
export type BodyWriter<C> = (out: SegmentSink, tx: Transaction837<C>, delimiters?: Delimiters) => void;

/** Segments of one transaction set body, as Segment objects. No validation. */
export type BodyBuilder<C> = (tx: Transaction837<C>, delimiters?: Delimiters) => Segment[];

/** The body writer of a guide: {@link writeTransactionBody} with the guide's claim writer. */
export function bodyWriter<C>(writeClaim: ClaimWriter<C>): BodyWriter<C> {
  return (out, tx, delimiters = DEFAULT_DELIMITERS) => {
    writeTransactionBody(out, tx, (sink, claim) => {
      writeClaim(sink, claim, delimiters);
    });
  };
}

/** The Segment-object form of a body writer (for tests and callers that post-process). */
export function bodyBuilder<C>(writeBody: BodyWriter<C>): BodyBuilder<C> {
  return (tx, delimiters = DEFAULT_DELIMITERS) => {
    const sink = new SegmentListSink();
    writeBody(sink, tx, delimiters);
    return sink.segments;
  };
}

/**
 * The end of a claim loop, the same in both guides: 2320/2330A/2330B for every other payer (without
 * 2330B DTP*573 when that payer adjudicated lines in 2430), then every service line via `writeLine`.
 */
export function writeCobAndLines<L extends { readonly adjudications: readonly LineAdjudication2430[] }>(
  out: SegmentSink,
  c: { readonly otherSubscribers: readonly OtherSubscriber2320[]; readonly lines: readonly L[] },
  d: Delimiters,
  writeLine: (out: SegmentSink, line: L, d: Delimiters) => void,
): void {
  const lineAdjudicated = lineAdjudicatingPayers(c.lines);
  for (const o of c.otherSubscribers) writeOtherSubscriber(out, o, lineAdjudicated.has(o.payer.payerId));
  for (const line of c.lines) writeLine(out, line, d);
}
