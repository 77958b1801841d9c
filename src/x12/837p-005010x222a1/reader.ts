/**
 * 837P (005010X222A1) reader: tokenized segments → the 837 loop model, so an incoming professional
 * file can be scrubbed "as a clearinghouse would" (mapped to domain claims in billing/edi-837-read.ts).
 * It follows the HL hierarchy (20/22/23 with HL02 parents) and the loop an NM1/N3/N4/DTP/REF/CAS
 * belongs to from the segment before it. It is lenient: what it does not model is skipped, what is
 * missing is reported as a problem, and it never throws.
 */
import { fromCompactDate } from '../../model/dates.js';
import { parseCents } from '../../model/money.js';
import type { Problem } from '../../model/problem.js';
import type { Delimiters, Segment } from '../syntax/segment.js';
import type {
  AdjustmentGroup837,
  Address837,
  BillingProvider2000A,
  LineAdjudication2430,
  OtherSubscriber2320,
  Patient2000C,
  Subscriber2000B,
} from './model.js';
import {
  CLAIM_DATE_QUALIFIERS_837P,
  type Claim2300P,
  type ClaimDate837P,
  type Professional837,
  type ServiceLine2400P,
} from './professional-model.js';

/** What the reader needs from the tokenizer (its result fits). */
export interface TokenizedInput {
  readonly delimiters: Delimiters;
  readonly segments: readonly Segment[];
}

export interface Read837PResult {
  readonly transactions: Professional837[];
  readonly problems: Problem[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Addressable = { address?: Address837 };

/** Reads every 837 transaction set of the input into the 837P loop model. */
export function read837P(input: TokenizedInput): Read837PResult {
  const d = input.delimiters;
  const transactions: Professional837[] = [];
  const problems: Problem[] = [];
  let tx: (Mutable<Professional837> & { billingProviders: BillingProvider2000A<Claim2300P>[] }) | undefined;
  const hlById = new Map<string, { kind: string; node: unknown }>();
  let billing:
    (Mutable<BillingProvider2000A<Claim2300P>> & { subscribers: Subscriber2000B<Claim2300P>[] }) | undefined;
  let subscriber:
    | (Mutable<Subscriber2000B<Claim2300P>> & { claims: Claim2300P[]; patients: Patient2000C<Claim2300P>[] })
    | undefined;
  let patient: (Mutable<Patient2000C<Claim2300P>> & { claims: Claim2300P[] }) | undefined;
  let claim:
    | (Mutable<Claim2300P> & {
        dates: ClaimDate837P[];
        diagnoses: string[];
        otherSubscribers: OtherSubscriber2320[];
        lines: ServiceLine2400P[];
      })
    | undefined;
  let other: (Mutable<OtherSubscriber2320> & { adjustments: AdjustmentGroup837[] }) | undefined;
  let line: (Mutable<ServiceLine2400P> & { adjudications: LineAdjudication2430[] }) | undefined;
  let adjudication: (Mutable<LineAdjudication2430> & { adjustments: AdjustmentGroup837[] }) | undefined;
  /** Where the next N3/N4 go. */
  let addressTarget: Addressable | undefined;
  /** Who the last NM1 named (for PRV, PER, REF, DTP). */
  let last = '';
  let segmentNo = 0;

  const el = (s: Segment, n: number): string => s.elements[n] ?? '';
  const comp = (v: string): string[] => v.split(d.component);
  const problem = (code: string, message: string): void => {
    problems.push({ severity: 'error', code, message, path: `segment ${segmentNo}` });
  };
  const date = (v: string): string => fromCompactDate(v) ?? '';
  const cents = (v: string): number => {
    const c = parseCents(v);
    if (c === undefined) {
      problem('x12.837.read.amount', `"${v}" is not an amount.`);
      return 0;
    }
    return c;
  };
  const entityType = (v: string): '1' | '2' => (v === '1' ? '1' : '2');
  const nm1Name = (s: Segment) => ({
    entityType: entityType(el(s, 2)),
    lastNameOrOrganization: el(s, 3),
    ...(el(s, 4) ? { firstName: el(s, 4) } : {}),
    ...(el(s, 5) ? { middleName: el(s, 5) } : {}),
    ...(el(s, 7) ? { suffix: el(s, 7) } : {}),
    ...(el(s, 8) === 'XX' && el(s, 9) ? { npi: el(s, 9) } : {}),
  });
  const person = (s: Segment) => ({
    lastName: el(s, 3),
    ...(el(s, 4) ? { firstName: el(s, 4) } : {}),
    ...(el(s, 5) ? { middleName: el(s, 5) } : {}),
    ...(el(s, 7) ? { suffix: el(s, 7) } : {}),
  });
  const casGroup = (s: Segment): AdjustmentGroup837 => {
    const reasons: { reason: string; amountCents: number; quantity?: number }[] = [];
    for (let i = 2; i + 1 <= 19; i += 3) {
      if (el(s, i) === '') break;
      const q = el(s, i + 2);
      reasons.push({
        reason: el(s, i),
        amountCents: cents(el(s, i + 1)),
        ...(q !== '' && Number.isFinite(Number(q)) ? { quantity: Number(q) } : {}),
      });
    }
    return { group: el(s, 1), reasons };
  };
  const closeTx = (): void => {
    if (tx) transactions.push(tx);
    tx = undefined;
  };

  for (const s of input.segments) {
    segmentNo++;
    const id = s.elements[0] ?? '';
    if (id === 'ST') {
      closeTx();
      if (el(s, 1) !== '837') continue;
      if (el(s, 3) !== '' && !el(s, 3).startsWith('005010X222')) {
        problems.push({
          severity: 'warning',
          code: 'x12.837.read.implementation',
          message: `ST03 is "${el(s, 3)}", not an 837P 005010X222 guide; read as 837P anyway.`,
          path: `segment ${segmentNo}`,
        });
      }
      tx = {
        header: {
          purposeCode: '00',
          referenceId: '',
          creationDate: '',
          creationTime: '',
          claimOrEncounter: 'CH',
        },
        submitter: { entityType: '2', lastNameOrOrganization: '', identifier: '', contact: {} },
        receiver: { name: '', identifier: '' },
        billingProviders: [],
      };
      hlById.clear();
      billing = subscriber = patient = claim = other = line = adjudication = undefined;
      addressTarget = undefined;
      last = '';
      continue;
    }
    if (!tx) continue;
    switch (id) {
      case 'SE':
        closeTx();
        break;
      case 'BHT':
        tx.header = {
          purposeCode: el(s, 2) === '18' ? '18' : '00',
          referenceId: el(s, 3),
          creationDate: date(el(s, 4)),
          creationTime: el(s, 5),
          claimOrEncounter: el(s, 6) === 'RP' ? 'RP' : 'CH',
        };
        break;
      case 'HL': {
        const level = el(s, 3);
        const parent = hlById.get(el(s, 2));
        other = undefined;
        line = undefined;
        adjudication = undefined;
        claim = undefined;
        if (level === '20') {
          billing = {
            billingProvider: {
              entityType: '2',
              lastNameOrOrganization: '',
              address: { line1: '', city: '', state: '', zip: '' },
              taxIdQualifier: 'EI',
              taxId: '',
            },
            subscribers: [],
          };
          tx.billingProviders.push(billing);
          hlById.set(el(s, 1), { kind: '20', node: billing });
          subscriber = patient = undefined;
        } else if (level === '22') {
          const owner = parent?.kind === '20' ? (parent.node as typeof billing) : billing;
          if (!owner) {
            problem('x12.837.read.hl', 'A subscriber level (HL 22) has no billing provider level above it.');
            break;
          }
          billing = owner;
          subscriber = {
            payerResponsibility: '',
            claimFilingIndicator: '',
            subscriber: { lastName: '', memberId: '' },
            payer: { name: '', payerId: '' },
            claims: [],
            patients: [],
          };
          owner.subscribers.push(subscriber);
          hlById.set(el(s, 1), { kind: '22', node: subscriber });
          patient = undefined;
        } else if (level === '23') {
          const owner = parent?.kind === '22' ? (parent.node as typeof subscriber) : subscriber;
          if (!owner) {
            problem('x12.837.read.hl', 'A patient level (HL 23) has no subscriber level above it.');
            break;
          }
          subscriber = owner;
          patient = {
            relationshipCode: '',
            patient: {
              lastName: '',
              address: { line1: '', city: '', state: '', zip: '' },
              dateOfBirth: '',
              sex: 'U',
            },
            claims: [],
          };
          owner.patients.push(patient);
          hlById.set(el(s, 1), { kind: '23', node: patient });
        } else {
          problem('x12.837.read.hl', `HL03 "${level}" is not a level of the 837P (20, 22, 23).`);
        }
        break;
      }
      case 'PRV':
        if (last === '85' || (el(s, 1) === 'BI' && billing && !subscriber)) {
          if (billing) billing.taxonomyCode = el(s, 3);
        } else if (last === '82' && line?.renderingProvider)
          line.renderingProvider = { ...line.renderingProvider, taxonomyCode: el(s, 3) };
        else if (last === '82' && claim?.renderingProvider)
          claim.renderingProvider = { ...claim.renderingProvider, taxonomyCode: el(s, 3) };
        else if (billing && el(s, 1) === 'BI') billing.taxonomyCode = el(s, 3);
        break;
      case 'NM1': {
        const code = el(s, 1);
        last = code;
        addressTarget = undefined;
        if (code === '41') tx.submitter = { ...tx.submitter, ...nm1Name(s), identifier: el(s, 9) };
        else if (code === '40') tx.receiver = { name: el(s, 3), identifier: el(s, 9) };
        else if (code === '85' && billing) {
          billing.billingProvider = { ...billing.billingProvider, ...nm1Name(s) };
          addressTarget = billing.billingProvider;
        } else if (code === '87' && billing) {
          // The pay-to address is copied into the loop after each N3/N4 (see below).
          addressTarget = {};
        } else if (code === 'IL' && other) {
          other.subscriber = { ...person(s), entityType: el(s, 2) === '2' ? '2' : '1', memberId: el(s, 9) };
          addressTarget = other.subscriber;
        } else if (code === 'IL' && subscriber) {
          subscriber.subscriber = { ...person(s), memberId: el(s, 9) };
          addressTarget = subscriber.subscriber;
        } else if (code === 'PR' && other) {
          other.payer = { name: el(s, 3), payerId: el(s, 9) };
          addressTarget = other.payer;
        } else if (code === 'PR' && subscriber) {
          subscriber.payer = { name: el(s, 3), payerId: el(s, 9) };
          addressTarget = subscriber.payer;
        } else if (code === 'QC' && patient) {
          patient.patient = { ...patient.patient, ...person(s) };
          addressTarget = patient.patient;
        } else if (code === 'DN' && claim && !line) claim.referringProvider = nm1Name(s);
        else if (code === '82' && line) line.renderingProvider = nm1Name(s);
        else if (code === '82' && claim) claim.renderingProvider = nm1Name(s);
        else if (code === '77' && claim && !line) {
          claim.serviceFacility = {
            name: el(s, 3),
            ...(el(s, 8) === 'XX' && el(s, 9) ? { npi: el(s, 9) } : {}),
            address: { line1: '', city: '', state: '', zip: '' },
          };
          addressTarget = claim.serviceFacility;
        }
        break;
      }
      case 'N3':
        if (addressTarget)
          addressTarget.address = {
            ...(addressTarget.address ?? { city: '', state: '', zip: '' }),
            line1: el(s, 1),
            ...(el(s, 2) ? { line2: el(s, 2) } : {}),
          };
        break;
      case 'N4':
        if (addressTarget)
          addressTarget.address = {
            ...(addressTarget.address ?? { line1: '' }),
            city: el(s, 1),
            state: el(s, 2),
            zip: el(s, 3),
          };
        if (last === '87' && billing && addressTarget?.address) billing.payToAddress = addressTarget.address;
        break;
      case 'PER':
        if (last === '41') tx.submitter = { ...tx.submitter, contact: readPer(s) };
        else if (last === '85' && billing)
          billing.billingProvider = { ...billing.billingProvider, contact: readPer(s) };
        break;
      case 'REF': {
        const q = el(s, 1);
        const v = el(s, 2);
        if ((q === 'EI' || q === 'SY') && last === '85' && billing)
          billing.billingProvider = { ...billing.billingProvider, taxIdQualifier: q, taxId: v };
        else if (q === '6R' && line) line.lineControlNumber = v;
        else if (q === 'F8' && other && !line) other.payer = { ...other.payer, payerClaimControlNumber: v };
        else if (q === 'F8' && claim && !line) claim.payerClaimControlNumber = v;
        else if (q === 'G1' && claim && !line) claim.priorAuthorization = v;
        break;
      }
      case 'SBR':
        if (claim) {
          other = {
            payerResponsibility: el(s, 1),
            relationshipCode: el(s, 2),
            ...(el(s, 3) ? { groupNumber: el(s, 3) } : {}),
            ...(el(s, 4) ? { groupName: el(s, 4) } : {}),
            claimFilingIndicator: el(s, 9),
            adjustments: [],
            benefitsAssigned: 'Y',
            releaseOfInformation: 'Y',
            subscriber: { entityType: '1', lastName: '', memberId: '' },
            payer: { name: '', payerId: '' },
          };
          claim.otherSubscribers.push(other);
        } else if (subscriber) {
          subscriber.payerResponsibility = el(s, 1);
          if (el(s, 3)) subscriber.groupNumber = el(s, 3);
          if (el(s, 4)) subscriber.groupName = el(s, 4);
          subscriber.claimFilingIndicator = el(s, 9);
          if (el(s, 9) === '') {
            const hint =
              el(s, 8) !== '' ? ` (SBR08 holds "${el(s, 8)}": one element separator may be missing)` : '';
            problem('x12.837.read.sbr09', `The subscriber's claim filing indicator (SBR09) is empty${hint}.`);
          }
        }
        break;
      case 'PAT':
        if (patient) patient.relationshipCode = el(s, 1);
        break;
      case 'DMG': {
        const sex = (['M', 'F', 'U'].includes(el(s, 3)) ? el(s, 3) : 'U') as 'M' | 'F' | 'U';
        if (patient && last === 'QC')
          patient.patient = { ...patient.patient, dateOfBirth: date(el(s, 2)), sex };
        else if (subscriber && last === 'IL' && !claim)
          subscriber.subscriber = { ...subscriber.subscriber, dateOfBirth: date(el(s, 2)), sex };
        break;
      }
      case 'CLM': {
        const owner = patient ?? subscriber;
        if (!owner) {
          problem('x12.837.read.clm', 'A claim (CLM) is outside any subscriber or patient level.');
          break;
        }
        const c05 = comp(el(s, 5));
        claim = {
          patientControlNumber: el(s, 1),
          totalChargeCents: cents(el(s, 2)),
          placeOfServiceCode: c05[0] ?? '',
          frequencyCode: c05[2] ?? '',
          providerSignatureOnFile: el(s, 6) !== 'N',
          assignmentCode: (['A', 'B', 'C'].includes(el(s, 7)) ? el(s, 7) : 'A') as 'A' | 'B' | 'C',
          benefitsAssigned: (['Y', 'N', 'W'].includes(el(s, 8)) ? el(s, 8) : 'Y') as 'Y' | 'N' | 'W',
          releaseOfInformation: el(s, 9) === 'I' ? 'I' : 'Y',
          dates: [],
          diagnoses: [],
          otherSubscribers: [],
          lines: [],
        };
        owner.claims.push(claim);
        other = line = adjudication = undefined;
        last = 'CLM';
        break;
      }
      case 'HI':
        if (claim && !line) {
          for (let i = 1; i < s.elements.length; i++) {
            const [q = '', code = ''] = comp(el(s, i));
            if (['ABK', 'ABF', 'BK', 'BF'].includes(q) && code) claim.diagnoses.push(code);
          }
        }
        break;
      case 'DTP': {
        const q = el(s, 1);
        if (q === '472' && line) {
          const [from = '', to = ''] = el(s, 3).split('-');
          line.serviceDate = date(from);
          if (el(s, 2) === 'RD8' && to && to !== from) line.serviceDateEnd = date(to);
        } else if (q === '573' && adjudication) adjudication.adjudicationDate = date(el(s, 3));
        else if (q === '573' && other) other.payer = { ...other.payer, adjudicationDate: date(el(s, 3)) };
        else if (
          claim &&
          !line &&
          !other &&
          (CLAIM_DATE_QUALIFIERS_837P as readonly string[]).includes(q) &&
          el(s, 2) === 'D8'
        ) {
          claim.dates.push({ qualifier: q as ClaimDate837P['qualifier'], date: date(el(s, 3)) });
        }
        break;
      }
      case 'CAS':
        if (adjudication) adjudication.adjustments.push(casGroup(s));
        else if (other && !line) other.adjustments.push(casGroup(s));
        break;
      case 'AMT':
        if (el(s, 1) === 'D' && other && !line) other.payerPaidCents = cents(el(s, 2));
        break;
      case 'OI':
        if (other) {
          if (['Y', 'N', 'W'].includes(el(s, 3))) other.benefitsAssigned = el(s, 3) as 'Y' | 'N' | 'W';
          if (el(s, 6) === 'I') other.releaseOfInformation = 'I';
        }
        break;
      case 'LX':
        if (!claim) {
          problem('x12.837.read.lx', 'A service line (LX) is outside any claim.');
          break;
        }
        line = {
          lineNumber: Number(el(s, 1)) || claim.lines.length + 1,
          procedureCode: '',
          modifiers: [],
          chargeCents: 0,
          unitType: 'UN',
          units: 0,
          diagnosisPointers: [],
          serviceDate: '',
          adjudications: [],
        };
        claim.lines.push(line);
        adjudication = undefined;
        other = undefined;
        last = 'LX';
        break;
      case 'SV1':
        if (line) {
          const proc = comp(el(s, 1));
          line.procedureCode = proc[1] ?? '';
          line.modifiers = proc.slice(2, 6).filter((m) => m !== '');
          line.chargeCents = cents(el(s, 2));
          line.unitType = el(s, 3) === 'MJ' ? 'MJ' : 'UN';
          line.units = Number(el(s, 4)) || 0;
          if (el(s, 5)) line.placeOfServiceCode = el(s, 5);
          line.diagnosisPointers = comp(el(s, 7))
            .filter((x) => x !== '')
            .map(Number);
        }
        break;
      case 'LIN':
        if (line && el(s, 2) === 'N4') line.drug = { ndc: el(s, 3), quantity: 0, unit: 'UN' };
        break;
      case 'CTP':
        if (line?.drug)
          line.drug = {
            ...line.drug,
            quantity: Number(el(s, 4)) || 0,
            unit: (comp(el(s, 5))[0] ?? 'UN') as 'UN',
          };
        break;
      case 'SVD':
        if (line) {
          const proc = comp(el(s, 3));
          adjudication = {
            otherPayerId: el(s, 1),
            paidCents: cents(el(s, 2)),
            procedureCode: proc[1] ?? '',
            modifiers: proc.slice(2, 6).filter((m) => m !== ''),
            paidUnits: Number(el(s, 5)) || 0,
            adjustments: [],
            adjudicationDate: '',
          };
          line.adjudications.push(adjudication);
        }
        break;
      default:
        break;
    }
  }
  closeTx();
  if (transactions.length === 0)
    problems.push({
      severity: 'error',
      code: 'x12.837.read.none',
      message: 'The file has no 837 transaction set.',
    });
  return { transactions, problems };

  function readPer(s: Segment): { name?: string; phone?: string; email?: string } {
    const out: { name?: string; phone?: string; email?: string } = {};
    if (el(s, 2)) out.name = el(s, 2);
    for (let i = 3; i + 1 < s.elements.length; i += 2) {
      if (el(s, i) === 'TE' && !out.phone) out.phone = el(s, i + 1);
      if (el(s, i) === 'EM' && !out.email) out.email = el(s, i + 1);
    }
    return out;
  }
}
