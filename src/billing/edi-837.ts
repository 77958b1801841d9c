/**
 * Domain claim → 837 loop model (GUIDE: only billing/edi-* maps domain objects to X12). Claims are
 * batched the way the TR3 nests them: one 2000A per billing provider, one 2000B per subscriber and
 * payer, a 2000C per dependant patient; the subscriber's own claims and dependants' claims go in
 * separate 2000B loops (X12 RFI 1496). A transaction set holds at most 5000 claims (TR3 1.4.1).
 */
import type { Adjustment, Claim, LineAdjudication, Provider, Address } from '../model/claim.js';
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

/** Domain claim → 837P loop 2300. `path` is where problems should point (`claims[3]`). */
export function toClaim2300P(claim: Claim, path: string, problems: Problem[]): Claim2300P {
  // Built with plain assignments rather than object spreads: this runs for every line of every
  // claim in a batch (bench/x12-837.bench.ts).
  const lines: ServiceLine2400P[] = claim.lines.map((l, i) => {
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
    return line;
  });
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
  return {
    sourcePath: path,
    patientControlNumber: claim.patientControlNumber,
    totalChargeCents: claimTotalFromLines(claim),
    placeOfServiceCode: claim.placeOfService,
    frequencyCode: claim.frequencyCode,
    providerSignatureOnFile: claim.signatureOnFile,
    assignmentCode: claim.acceptAssignment ? 'A' : 'C',
    benefitsAssigned: claim.benefitsAssigned ? 'Y' : 'N',
    releaseOfInformation: claim.releaseOfInformation,
    dates: [],
    ...(claim.priorAuthorization ? { priorAuthorization: claim.priorAuthorization } : {}),
    ...(replaces && claim.originalClaimNumber ? { payerClaimControlNumber: claim.originalClaimNumber } : {}),
    diagnoses: claim.diagnoses,
    ...(claim.referringProvider ? { referringProvider: toProviderName(claim.referringProvider) } : {}),
    // TR3 2310B: only when the rendering provider is not the billing provider.
    ...(claim.renderingProvider && claim.renderingProvider.npi !== claim.billingProvider.npi
      ? { renderingProvider: toRendering(claim.renderingProvider) }
      : {}),
    ...(claim.serviceFacility
      ? {
          serviceFacility: {
            name: claim.serviceFacility.name,
            ...(claim.serviceFacility.npi ? { npi: claim.serviceFacility.npi } : {}),
            address: toAddress837(claim.serviceFacility.address),
          },
        }
      : {}),
    otherSubscribers: toOtherSubscribers(claim),
    lines,
  };
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

/** A grouping key from parts (a control character keeps parts apart; cheaper than JSON.stringify). */
function key(...parts: (string | undefined)[]): string {
  return parts.join('\u0001');
}

function addressKey(a: Address | undefined): string {
  return a === undefined ? '' : key(a.line1, a.line2, a.city, a.state, a.zip);
}

interface MutableSubscriber<C> {
  payerResponsibility: string;
  groupNumber?: string;
  groupName?: string;
  claimFilingIndicator: string;
  subscriber: Subscriber2000B<C>['subscriber'];
  payer: Subscriber2000B<C>['payer'];
  claims: C[];
  patients: (Patient2000C<C> & { claims: C[] })[];
  patientIndex: Map<string, Patient2000C<C> & { claims: C[] }>;
}

function groupChunk<C>(
  claims: readonly Claim[],
  offset: number,
  parties: Edi837Parties,
  mapClaim: (claim: Claim, index: number) => C,
): Transaction837<C> {
  const providers = new Map<
    string,
    { a: Omit<BillingProvider2000A<C>, 'subscribers'>; subs: Map<string, MutableSubscriber<C>> }
  >();
  claims.forEach((claim, i) => {
    const bp = claim.billingProvider;
    const bpKey = key(
      bp.npi,
      bp.taxId,
      bp.taxIdType,
      bp.lastNameOrOrganization,
      bp.firstName,
      bp.taxonomy,
      addressKey(bp.address),
      addressKey(bp.payToAddress),
      bp.contactPhone,
      bp.contactName,
    );
    let provider = providers.get(bpKey);
    if (!provider) {
      provider = {
        a: {
          ...(bp.taxonomy ? { taxonomyCode: bp.taxonomy } : {}),
          billingProvider: {
            ...toProviderName(bp),
            address: toAddress837(bp.address),
            taxIdQualifier: bp.taxIdType,
            taxId: bp.taxId,
            ...(bp.contactPhone || bp.contactName
              ? {
                  contact: {
                    ...(bp.contactName ? { name: bp.contactName } : {}),
                    ...(bp.contactPhone ? { phone: bp.contactPhone } : {}),
                  },
                }
              : {}),
          },
          ...(bp.payToAddress ? { payToAddress: toAddress837(bp.payToAddress) } : {}),
        },
        subs: new Map(),
      };
      providers.set(bpKey, provider);
    }
    const s = claim.subscriber;
    const self = claim.patient === undefined;
    const subKey = key(
      self ? 'self' : 'dependants',
      s.memberId,
      s.lastName,
      s.firstName,
      s.dateOfBirth,
      claim.payer.payerId,
      claim.payer.name,
      claim.payerResponsibility,
      claim.payer.claimFilingIndicator,
      s.groupNumber,
      s.groupName,
    );
    let sub = provider.subs.get(subKey);
    if (!sub) {
      sub = {
        payerResponsibility: claim.payerResponsibility,
        ...(s.groupNumber ? { groupNumber: s.groupNumber } : {}),
        ...(s.groupName ? { groupName: s.groupName } : {}),
        claimFilingIndicator: claim.payer.claimFilingIndicator,
        subscriber: {
          lastName: s.lastName,
          ...(s.firstName ? { firstName: s.firstName } : {}),
          ...(s.middleName ? { middleName: s.middleName } : {}),
          ...(s.suffix ? { suffix: s.suffix } : {}),
          memberId: s.memberId,
          ...(s.address ? { address: toAddress837(s.address) } : {}),
          dateOfBirth: s.dateOfBirth,
          sex: s.sex,
        },
        payer: {
          name: claim.payer.name,
          payerId: claim.payer.payerId,
          ...(claim.payer.address ? { address: toAddress837(claim.payer.address) } : {}),
        },
        claims: [],
        patients: [],
        patientIndex: new Map(),
      };
      provider.subs.set(subKey, sub);
    }
    const mapped = mapClaim(claim, offset + i);
    const pt = claim.patient;
    if (pt === undefined) {
      sub.claims.push(mapped);
    } else {
      const ptKey = key(
        pt.lastName,
        pt.firstName,
        pt.middleName,
        pt.dateOfBirth,
        pt.sex,
        pt.relationshipCode,
        addressKey(pt.address),
      );
      let patient = sub.patientIndex.get(ptKey);
      if (!patient) {
        patient = {
          relationshipCode: pt.relationshipCode,
          patient: {
            lastName: pt.lastName,
            ...(pt.firstName ? { firstName: pt.firstName } : {}),
            ...(pt.middleName ? { middleName: pt.middleName } : {}),
            ...(pt.suffix ? { suffix: pt.suffix } : {}),
            // TR3 2010CA N3/N4 are required; fall back to the subscriber's address (same household).
            address: toAddress837(pt.address ?? s.address ?? { line1: '', city: '', state: '', zip: '' }),
            dateOfBirth: pt.dateOfBirth,
            sex: pt.sex,
          },
          claims: [],
        };
        sub.patientIndex.set(ptKey, patient);
        sub.patients.push(patient);
      }
      patient.claims.push(mapped);
    }
  });
  const first = claims[0];
  const firstBp = first?.billingProvider;
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
    billingProviders: [...providers.values()].map(({ a, subs }) => ({
      ...a,
      subscribers: [...subs.values()].map(({ patientIndex: _ignored, ...rest }) => rest),
    })),
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
