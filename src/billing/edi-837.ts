/**
 * Domain claim → 837 loop model (GUIDE: only billing/edi-* maps domain objects to X12). Claims are
 * batched the way the TR3 nests them: one 2000A per billing provider, one 2000B per subscriber and
 * payer, a 2000C per dependant patient; the subscriber's own claims and dependants' claims go in
 * separate 2000B loops (X12 RFI 1496). A transaction set holds at most 5000 claims (TR3 1.4.1).
 */
import type {
  Adjustment,
  Address,
  BillingProvider,
  Claim,
  LineAdjudication,
  Patient,
  Provider,
} from '../model/claim.js';
import type { Problem } from '../model/problem.js';
import type {
  AdjustmentGroup837,
  Address837,
  BillingProvider2000A,
  LineAdjudication2430,
  OtherSubscriber2320,
  Patient2000C,
  ProviderName837,
  Subscriber2000B,
  Transaction837,
} from '../x12/837p-005010x222a1/model.js';
import type {
  Claim2300P,
  Professional837,
  RenderingProvider837P,
  ServiceLine2400P,
} from '../x12/837p-005010x222a1/professional-model.js';

/** Who sends the file and who receives it (1000A/1000B) and how the batch is labelled (BHT). */
export interface Edi837Parties {
  /** 1000A NM103; default: the billing provider's name of the first claim. */
  readonly submitterName?: string;
  /** 1000A NM109 (ETIN), usually the same as ISA06. */
  readonly submitterId: string;
  /** 1000A PER; default: the first billing provider's contact. */
  readonly submitterContact?: { readonly name?: string; readonly phone?: string; readonly email?: string };
  /** 1000B NM103; default: the receiver ID. */
  readonly receiverName?: string;
  /** 1000B NM109, usually the same as ISA08. */
  readonly receiverId: string;
  /** BHT04/05: when the batch is made (`YYYY-MM-DD`, `HHMM`). */
  readonly creationDate: string;
  readonly creationTime: string;
  /** BHT03; default `creationDate + creationTime` as digits. */
  readonly batchReference?: string;
}

/** TR3 1.4.1: at most 5000 CLM segments per transaction set. */
export const MAX_CLAIMS_PER_TRANSACTION = 5000;

/** Maps an address (domain and 837 shapes are the same). */
export function toAddress837(a: Address): Address837 {
  return a.line2 === undefined
    ? { line1: a.line1, city: a.city, state: a.state, zip: a.zip }
    : { line1: a.line1, line2: a.line2, city: a.city, state: a.state, zip: a.zip };
}

/** A domain provider as an NM1 name: a person when a first name is given, else an organisation. */
export function toProviderName(p: Provider): ProviderName837 {
  return {
    entityType: p.firstName ? '1' : '2',
    lastNameOrOrganization: p.lastNameOrOrganization,
    ...(p.firstName ? { firstName: p.firstName } : {}),
    ...(p.middleName ? { middleName: p.middleName } : {}),
    npi: p.npi,
  };
}

function toRendering(p: Provider): RenderingProvider837P {
  return { ...toProviderName(p), ...(p.taxonomy ? { taxonomyCode: p.taxonomy } : {}) };
}

/** Domain adjustments → CAS groups (one per group code, in order of first appearance). */
export function toCasGroups(adjustments: readonly Adjustment[]): AdjustmentGroup837[] {
  const groups = new Map<string, { reason: string; amountCents: number; quantity?: number }[]>();
  for (const a of adjustments) {
    let list = groups.get(a.group);
    if (!list) {
      list = [];
      groups.set(a.group, list);
    }
    list.push(
      a.quantity === undefined
        ? { reason: a.reason, amountCents: a.amountCents }
        : { reason: a.reason, amountCents: a.amountCents, quantity: a.quantity },
    );
  }
  return [...groups].map(([group, reasons]) => ({ group, reasons }));
}

/** The 2320/2330 loops of a claim. */
export function toOtherSubscribers(claim: Claim): OtherSubscriber2320[] {
  return claim.otherPayers.map((o) => ({
    payerResponsibility: o.responsibility,
    relationshipCode: o.relationshipCode,
    ...(o.subscriber.groupNumber ? { groupNumber: o.subscriber.groupNumber } : {}),
    ...(o.subscriber.groupName ? { groupName: o.subscriber.groupName } : {}),
    claimFilingIndicator: o.payer.claimFilingIndicator,
    adjustments: toCasGroups(o.adjustments),
    ...(o.paidCents !== undefined ? { payerPaidCents: o.paidCents } : {}),
    benefitsAssigned: claim.benefitsAssigned ? 'Y' : 'N',
    releaseOfInformation: claim.releaseOfInformation,
    subscriber: {
      entityType: '1',
      lastName: o.subscriber.lastName,
      ...(o.subscriber.firstName ? { firstName: o.subscriber.firstName } : {}),
      ...(o.subscriber.middleName ? { middleName: o.subscriber.middleName } : {}),
      ...(o.subscriber.suffix ? { suffix: o.subscriber.suffix } : {}),
      memberId: o.subscriber.memberId,
      ...(o.subscriber.address ? { address: toAddress837(o.subscriber.address) } : {}),
    },
    payer: {
      name: o.payer.name,
      payerId: o.payer.payerId,
      ...(o.payer.address ? { address: toAddress837(o.payer.address) } : {}),
      ...(o.adjudicationDate ? { adjudicationDate: o.adjudicationDate } : {}),
      ...(o.payerClaimControlNumber ? { payerClaimControlNumber: o.payerClaimControlNumber } : {}),
    },
  }));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const NO_ADJUDICATIONS: readonly LineAdjudication2430[] = [];

function toLineAdjudication(a: LineAdjudication): LineAdjudication2430 {
  return {
    otherPayerId: a.payerId,
    paidCents: a.paidCents,
    procedureCode: a.procedureCode,
    modifiers: a.modifiers,
    paidUnits: a.units,
    adjustments: toCasGroups(a.adjustments),
    adjudicationDate: a.adjudicationDate,
  };
}

const NO_DATES: Claim2300P['dates'] = [];
const NO_OTHER_SUBSCRIBERS: readonly OtherSubscriber2320[] = [];

/** Domain claim → 837P loop 2300. `path` is where problems should point (`claims[3]`). */
export function toClaim2300P(claim: Claim, path: string, problems: Problem[]): Claim2300P {
  // Built with plain assignments rather than object spreads or closures: this runs for every line
  // of every claim in a batch (bench/x12-837.bench.ts). Properties are added in one fixed order,
  // which is also the order the delimiter check reports them in.
  const source = claim.lines;
  const lines: ServiceLine2400P[] = new Array<ServiceLine2400P>(source.length);
  for (let i = 0; i < source.length; i++) {
    const l = source[i]!;
    const line: Mutable<ServiceLine2400P> = {
      lineNumber: i + 1,
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      chargeCents: l.chargeCents,
      unitType: l.unitType,
      units: l.units,
      diagnosisPointers: l.diagnosisPointers,
      serviceDate: l.serviceDate,
      adjudications:
        l.priorAdjudications.length === 0 ? NO_ADJUDICATIONS : l.priorAdjudications.map(toLineAdjudication),
    };
    // TR3 SV105: only when the line's place of service differs from CLM05-1.
    if (l.placeOfService !== undefined && l.placeOfService !== claim.placeOfService)
      line.placeOfServiceCode = l.placeOfService;
    if (l.serviceDateEnd !== undefined) line.serviceDateEnd = l.serviceDateEnd;
    if (l.lineControlNumber !== undefined) line.lineControlNumber = l.lineControlNumber;
    if (l.drug) line.drug = { ndc: l.drug.ndc, quantity: l.drug.quantity, unit: l.drug.unit };
    // TR3 2420A: only when the line's rendering provider differs from the claim's (2310B).
    if (l.renderingProvider && l.renderingProvider.npi !== claim.renderingProvider?.npi)
      line.renderingProvider = toRendering(l.renderingProvider);
    lines[i] = line;
  }
  const replaces = claim.frequencyCode === '7' || claim.frequencyCode === '8';
  if (!replaces && claim.originalClaimNumber) {
    problems.push({
      severity: 'warning',
      code: 'billing.edi837.original-number-ignored',
      path: `${path}.originalClaimNumber`,
      message:
        'The claim is an original (frequency 1), so its originalClaimNumber is not sent (REF*F8 is only for replacements and voids).',
    });
  }
  if (claim.kind === 'professional' && claim.institutional) {
    problems.push({
      severity: 'warning',
      code: 'billing.edi837.institutional-ignored',
      path: `${path}.institutional`,
      message: 'A professional claim ignores the institutional block.',
    });
  }
  // The three lists are set below, after the optional fields that come before them.
  const out: Omit<Mutable<Claim2300P>, 'diagnoses' | 'otherSubscribers' | 'lines'> &
    Partial<Pick<Mutable<Claim2300P>, 'diagnoses' | 'otherSubscribers' | 'lines'>> = {
    sourcePath: path,
    patientControlNumber: claim.patientControlNumber,
    totalChargeCents: claimTotalFromLines(claim),
    placeOfServiceCode: claim.placeOfService,
    frequencyCode: claim.frequencyCode,
    providerSignatureOnFile: claim.signatureOnFile,
    assignmentCode: claim.acceptAssignment ? 'A' : 'C',
    benefitsAssigned: claim.benefitsAssigned ? 'Y' : 'N',
    releaseOfInformation: claim.releaseOfInformation,
    dates: NO_DATES,
  };
  if (claim.priorAuthorization) out.priorAuthorization = claim.priorAuthorization;
  if (replaces && claim.originalClaimNumber) out.payerClaimControlNumber = claim.originalClaimNumber;
  out.diagnoses = claim.diagnoses;
  if (claim.referringProvider) out.referringProvider = toProviderName(claim.referringProvider);
  // TR3 2310B: only when the rendering provider is not the billing provider.
  if (claim.renderingProvider && claim.renderingProvider.npi !== claim.billingProvider.npi)
    out.renderingProvider = toRendering(claim.renderingProvider);
  if (claim.serviceFacility) {
    const f = claim.serviceFacility;
    out.serviceFacility = f.npi
      ? { name: f.name, npi: f.npi, address: toAddress837(f.address) }
      : { name: f.name, address: toAddress837(f.address) };
  }
  out.otherSubscribers = claim.otherPayers.length === 0 ? NO_OTHER_SUBSCRIBERS : toOtherSubscribers(claim);
  out.lines = lines;
  return out as Claim2300P;
}

/** CLM02: the domain has no separate total, so it is always the sum of the lines (the rule holds by construction). */
function claimTotalFromLines(claim: Claim): number {
  let total = 0;
  for (const l of claim.lines) total += l.chargeCents;
  return total;
}

/**
 * Groups claims into 837 transaction sets (2000A → 2000B → 2000C), keeping the claims' order of first
 * appearance. `mapClaim` turns one domain claim into the guide's 2300 loop.
 */
export function groupClaims<C>(
  claims: readonly Claim[],
  parties: Edi837Parties,
  mapClaim: (claim: Claim, index: number) => C,
): Transaction837<C>[] {
  const transactions: Transaction837<C>[] = [];
  for (let start = 0; start < claims.length; start += MAX_CLAIMS_PER_TRANSACTION) {
    const chunk = claims.slice(start, start + MAX_CLAIMS_PER_TRANSACTION);
    transactions.push(groupChunk(chunk, start, parties, mapClaim));
  }
  return transactions;
}

/** Same text, with a missing value equal to an empty one (the grouping treats them alike). */
function same(a: string | undefined, b: string | undefined): boolean {
  return a === b || (a ?? '') === (b ?? '');
}

function sameAddress(a: Address | undefined, b: Address | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    same(a.line1, b.line1) &&
    same(a.line2, b.line2) &&
    same(a.city, b.city) &&
    same(a.state, b.state) &&
    same(a.zip, b.zip)
  );
}

/** One 2000A billing provider loop (same NPI, tax ID, name, taxonomy, addresses and contact). */
function sameBillingProvider(a: BillingProvider, b: BillingProvider): boolean {
  return (
    same(a.npi, b.npi) &&
    same(a.taxId, b.taxId) &&
    same(a.taxIdType, b.taxIdType) &&
    same(a.lastNameOrOrganization, b.lastNameOrOrganization) &&
    same(a.firstName, b.firstName) &&
    same(a.taxonomy, b.taxonomy) &&
    sameAddress(a.address, b.address) &&
    sameAddress(a.payToAddress, b.payToAddress) &&
    same(a.contactPhone, b.contactPhone) &&
    same(a.contactName, b.contactName)
  );
}

/** One 2000B subscriber loop: the same subscriber, payer and responsibility, and self vs dependants. */
function sameSubscriberLoop(a: Claim, b: Claim): boolean {
  const s = a.subscriber;
  const t = b.subscriber;
  return (
    (a.patient === undefined) === (b.patient === undefined) &&
    same(s.memberId, t.memberId) &&
    same(s.lastName, t.lastName) &&
    same(s.firstName, t.firstName) &&
    same(s.dateOfBirth, t.dateOfBirth) &&
    same(a.payer.payerId, b.payer.payerId) &&
    same(a.payer.name, b.payer.name) &&
    same(a.payerResponsibility, b.payerResponsibility) &&
    same(a.payer.claimFilingIndicator, b.payer.claimFilingIndicator) &&
    same(s.groupNumber, t.groupNumber) &&
    same(s.groupName, t.groupName)
  );
}

/** One 2000C patient loop. */
function samePatient(a: Patient, b: Patient): boolean {
  return (
    same(a.lastName, b.lastName) &&
    same(a.firstName, b.firstName) &&
    same(a.middleName, b.middleName) &&
    same(a.dateOfBirth, b.dateOfBirth) &&
    same(a.sex, b.sex) &&
    same(a.relationshipCode, b.relationshipCode) &&
    sameAddress(a.address, b.address)
  );
}

type MutablePatient<C> = Patient2000C<C> & { claims: C[] };
type MutableSubscriber<C> = Omit<Mutable<Subscriber2000B<C>>, 'claims' | 'patients'> & {
  claims: C[];
  patients: MutablePatient<C>[];
};

/** A 2000B loop being filled, with the claim it was made from and the domain patients of its 2000C loops. */
interface SubscriberGroup<C> {
  readonly first: Claim;
  readonly loop: MutableSubscriber<C>;
  readonly patients: Patient[];
}

/** A 2000A loop being filled, with its subscribers by member ID (a claim's candidates are few). */
interface ProviderGroup<C> {
  readonly first: BillingProvider;
  readonly loop: BillingProvider2000A<C> & { subscribers: MutableSubscriber<C>[] };
  readonly byMember: Map<string, SubscriberGroup<C>[]>;
}

function newProviderLoop<C>(bp: BillingProvider): ProviderGroup<C>['loop'] {
  const contact =
    bp.contactPhone || bp.contactName
      ? {
          ...(bp.contactName ? { name: bp.contactName } : {}),
          ...(bp.contactPhone ? { phone: bp.contactPhone } : {}),
        }
      : undefined;
  return {
    ...(bp.taxonomy ? { taxonomyCode: bp.taxonomy } : {}),
    billingProvider: {
      ...toProviderName(bp),
      address: toAddress837(bp.address),
      taxIdQualifier: bp.taxIdType,
      taxId: bp.taxId,
      ...(contact ? { contact } : {}),
    },
    ...(bp.payToAddress ? { payToAddress: toAddress837(bp.payToAddress) } : {}),
    subscribers: [],
  };
}

function newSubscriberLoop<C>(claim: Claim): MutableSubscriber<C> {
  // Plain assignments in the order of the loop model (no object spreads: one of these is made for
  // nearly every claim of a batch where each patient has one claim).
  const s = claim.subscriber;
  const subscriber: Partial<Mutable<Subscriber2000B<C>['subscriber']>> = { lastName: s.lastName };
  if (s.firstName) subscriber.firstName = s.firstName;
  if (s.middleName) subscriber.middleName = s.middleName;
  if (s.suffix) subscriber.suffix = s.suffix;
  subscriber.memberId = s.memberId;
  if (s.address) subscriber.address = toAddress837(s.address);
  subscriber.dateOfBirth = s.dateOfBirth;
  subscriber.sex = s.sex;
  const payer: Mutable<Subscriber2000B<C>['payer']> = {
    name: claim.payer.name,
    payerId: claim.payer.payerId,
  };
  if (claim.payer.address) payer.address = toAddress837(claim.payer.address);
  const loop: Partial<MutableSubscriber<C>> = { payerResponsibility: claim.payerResponsibility };
  if (s.groupNumber) loop.groupNumber = s.groupNumber;
  if (s.groupName) loop.groupName = s.groupName;
  loop.claimFilingIndicator = claim.payer.claimFilingIndicator;
  loop.subscriber = subscriber as Subscriber2000B<C>['subscriber'];
  loop.payer = payer;
  loop.claims = [];
  loop.patients = [];
  return loop as MutableSubscriber<C>;
}

function newPatientLoop<C>(pt: Patient, subscriberAddress: Address | undefined): MutablePatient<C> {
  return {
    relationshipCode: pt.relationshipCode,
    patient: {
      lastName: pt.lastName,
      ...(pt.firstName ? { firstName: pt.firstName } : {}),
      ...(pt.middleName ? { middleName: pt.middleName } : {}),
      ...(pt.suffix ? { suffix: pt.suffix } : {}),
      // TR3 2010CA N3/N4 are required; fall back to the subscriber's address (same household).
      address: toAddress837(pt.address ?? subscriberAddress ?? { line1: '', city: '', state: '', zip: '' }),
      dateOfBirth: pt.dateOfBirth,
      sex: pt.sex,
    },
    claims: [],
  };
}

function groupChunk<C>(
  claims: readonly Claim[],
  offset: number,
  parties: Edi837Parties,
  mapClaim: (claim: Claim, index: number) => C,
): Transaction837<C> {
  // Loops are found by comparing the fields that define them (no key strings are built per claim):
  // billing providers among those with the same NPI, subscribers among those with the same member ID.
  const providers: ProviderGroup<C>[] = [];
  const byNpi = new Map<string, ProviderGroup<C>[]>();
  for (let i = 0; i < claims.length; i++) {
    const claim = claims[i]!;
    const bp = claim.billingProvider;
    const npi = bp.npi ?? '';
    let sameNpi = byNpi.get(npi);
    if (!sameNpi) {
      sameNpi = [];
      byNpi.set(npi, sameNpi);
    }
    let provider = sameNpi.find((g) => sameBillingProvider(g.first, bp));
    if (!provider) {
      provider = { first: bp, loop: newProviderLoop(bp), byMember: new Map() };
      sameNpi.push(provider);
      providers.push(provider);
    }
    const memberId = claim.subscriber.memberId ?? '';
    let sameMember = provider.byMember.get(memberId);
    if (!sameMember) {
      sameMember = [];
      provider.byMember.set(memberId, sameMember);
    }
    let sub = sameMember.find((g) => sameSubscriberLoop(g.first, claim));
    if (!sub) {
      sub = { first: claim, loop: newSubscriberLoop(claim), patients: [] };
      sameMember.push(sub);
      provider.loop.subscribers.push(sub.loop);
    }
    const mapped = mapClaim(claim, offset + i);
    const pt = claim.patient;
    if (pt === undefined) {
      sub.loop.claims.push(mapped);
    } else {
      let k = sub.patients.findIndex((known) => samePatient(known, pt));
      if (k < 0) {
        k = sub.patients.length;
        sub.patients.push(pt);
        sub.loop.patients.push(newPatientLoop(pt, claim.subscriber.address));
      }
      sub.loop.patients[k]!.claims.push(mapped);
    }
  }
  const firstBp = claims[0]?.billingProvider;
  const compact = parties.creationDate.replaceAll('-', '');
  return {
    header: {
      purposeCode: '00',
      referenceId: parties.batchReference ?? `${compact}${parties.creationTime}`,
      creationDate: parties.creationDate,
      creationTime: parties.creationTime,
      claimOrEncounter: 'CH',
    },
    submitter: {
      entityType: '2',
      lastNameOrOrganization: parties.submitterName ?? firstBp?.lastNameOrOrganization ?? parties.submitterId,
      identifier: parties.submitterId,
      contact: parties.submitterContact ?? {
        ...(firstBp?.contactName ? { name: firstBp.contactName } : {}),
        ...(firstBp?.contactPhone ? { phone: firstBp.contactPhone } : {}),
      },
    },
    receiver: { name: parties.receiverName ?? parties.receiverId, identifier: parties.receiverId },
    billingProviders: providers.map((g) => g.loop),
  };
}

/** Domain claims (all professional) → 837P transaction sets, with mapping warnings. */
export function claimsToProfessional837(
  claims: readonly Claim[],
  parties: Edi837Parties,
  pathOf: (index: number) => string = (i) => `claims[${i}]`,
): { transactions: Professional837[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const transactions = groupClaims(claims, parties, (claim, i) => toClaim2300P(claim, pathOf(i), problems));
  return { transactions, problems };
}
