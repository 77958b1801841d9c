/**
 * 837P file → domain claims, so an incoming professional file can be scrubbed like Superbill's own
 * claims. Reads the loop model with the 837P reader and maps each 2300 loop, with the loops above it,
 * to a domain Claim checked by the claim schema. Claims that do not fit the schema are reported with
 * their CLM01 and left out; nothing throws.
 */
import { claimSchema, type Claim, type ClaimInput } from '../model/claim.js';
import type { Problem } from '../model/problem.js';
import { eachClaim, type Address837 } from '../x12/837p-005010x222a1/model.js';
import type { ProviderName837 } from '../x12/837p-005010x222a1/model.js';
import { read837P, type TokenizedInput } from '../x12/837p-005010x222a1/reader.js';

export interface ClaimsFrom837P {
  readonly claims: Claim[];
  readonly problems: Problem[];
}

const address = (a: Address837 | undefined) =>
  a && a.line1 !== ''
    ? { line1: a.line1, ...(a.line2 ? { line2: a.line2 } : {}), city: a.city, state: a.state, zip: a.zip }
    : undefined;
const provider = (p: ProviderName837 & { taxonomyCode?: string }) => ({
  npi: p.npi ?? '',
  lastNameOrOrganization: p.lastNameOrOrganization,
  ...(p.firstName ? { firstName: p.firstName } : {}),
  ...(p.middleName ? { middleName: p.middleName } : {}),
  ...(p.taxonomyCode ? { taxonomy: p.taxonomyCode } : {}),
});

/** Zod's wording for empty values, said the way a biller reads an 837. */
function plain(issue: { code: string; message: string; origin?: unknown }): string {
  if (issue.code === 'too_small' && issue.origin === 'string')
    return 'the value is missing or empty in the file';
  if (issue.code === 'too_small' && issue.origin === 'array') return 'there is none in the file';
  return issue.message;
}

/** Reads an 837P (tokenized) into domain claims; problems name the claim (CLM01) and field. */
export function claimsFrom837P(tokenized: TokenizedInput): ClaimsFrom837P {
  const read = read837P(tokenized);
  const problems: Problem[] = [...read.problems];
  const claims: Claim[] = [];
  let n = 0;
  for (const tx of read.transactions) {
    for (const { claim: c, billing, subscriber: s, patient } of eachClaim(tx)) {
      const bp = billing.billingProvider;
      const firstDate = c.lines[0]?.serviceDate ?? '';
      const input: ClaimInput = {
        kind: 'professional',
        patientControlNumber: c.patientControlNumber,
        frequencyCode: c.frequencyCode as Claim['frequencyCode'],
        ...(c.payerClaimControlNumber ? { originalClaimNumber: c.payerClaimControlNumber } : {}),
        placeOfService: c.placeOfServiceCode,
        billingProvider: {
          ...provider({ ...bp, ...(billing.taxonomyCode ? { taxonomyCode: billing.taxonomyCode } : {}) }),
          taxId: bp.taxId,
          taxIdType: bp.taxIdQualifier,
          address: address(bp.address) ?? { line1: '', city: '', state: '', zip: '' },
          ...(address(billing.payToAddress) ? { payToAddress: address(billing.payToAddress) } : {}),
          ...(bp.contact?.name
            ? { contactName: bp.contact.name }
            : tx.submitter.contact.name
              ? { contactName: tx.submitter.contact.name }
              : {}),
          ...(bp.contact?.phone
            ? { contactPhone: bp.contact.phone }
            : tx.submitter.contact.phone
              ? { contactPhone: tx.submitter.contact.phone }
              : {}),
        },
        ...(c.renderingProvider ? { renderingProvider: provider(c.renderingProvider) } : {}),
        ...(c.referringProvider ? { referringProvider: provider(c.referringProvider) } : {}),
        ...(c.serviceFacility
          ? {
              serviceFacility: {
                name: c.serviceFacility.name,
                ...(c.serviceFacility.npi ? { npi: c.serviceFacility.npi } : {}),
                address: address(c.serviceFacility.address) ?? { line1: '', city: '', state: '', zip: '' },
              },
            }
          : {}),
        payer: {
          name: s.payer.name,
          payerId: s.payer.payerId,
          claimFilingIndicator: s.claimFilingIndicator,
          ...(address(s.payer.address) ? { address: address(s.payer.address) } : {}),
        },
        payerResponsibility: s.payerResponsibility as Claim['payerResponsibility'],
        subscriber: {
          lastName: s.subscriber.lastName,
          ...(s.subscriber.firstName ? { firstName: s.subscriber.firstName } : {}),
          ...(s.subscriber.middleName ? { middleName: s.subscriber.middleName } : {}),
          ...(s.subscriber.suffix ? { suffix: s.subscriber.suffix } : {}),
          memberId: s.subscriber.memberId,
          // 2010BA DMG is only sent when the subscriber is the patient; the domain requires a date.
          dateOfBirth: s.subscriber.dateOfBirth || (patient ? '1900-01-01' : ''),
          sex: s.subscriber.sex ?? 'U',
          ...(address(s.subscriber.address) ? { address: address(s.subscriber.address) } : {}),
          ...(s.groupNumber ? { groupNumber: s.groupNumber } : {}),
          ...(s.groupName ? { groupName: s.groupName } : {}),
        },
        ...(patient
          ? {
              patient: {
                ...patient.patient,
                relationshipCode: patient.relationshipCode,
                ...(address(patient.patient.address)
                  ? { address: address(patient.patient.address) }
                  : { address: undefined }),
              },
            }
          : {}),
        otherPayers: c.otherSubscribers.map((o) => ({
          payer: {
            name: o.payer.name,
            payerId: o.payer.payerId,
            claimFilingIndicator: o.claimFilingIndicator || 'ZZ',
          },
          responsibility: o.payerResponsibility as Claim['payerResponsibility'],
          subscriber: {
            lastName: o.subscriber.lastName,
            ...(o.subscriber.firstName ? { firstName: o.subscriber.firstName } : {}),
            memberId: o.subscriber.memberId,
            dateOfBirth: '1900-01-01',
            sex: 'U' as const,
          },
          relationshipCode: o.relationshipCode || '18',
          ...(o.payerPaidCents !== undefined ? { paidCents: o.payerPaidCents } : {}),
          adjustments: o.adjustments.flatMap((g) =>
            g.reasons.map((r) => ({
              group: g.group as 'CO',
              reason: r.reason,
              amountCents: r.amountCents,
              ...(r.quantity !== undefined ? { quantity: r.quantity } : {}),
            })),
          ),
          ...(o.payer.adjudicationDate ? { adjudicationDate: o.payer.adjudicationDate } : {}),
          ...(o.payer.payerClaimControlNumber
            ? { payerClaimControlNumber: o.payer.payerClaimControlNumber }
            : {}),
        })),
        ...(c.priorAuthorization ? { priorAuthorization: c.priorAuthorization } : {}),
        diagnoses: [...c.diagnoses],
        lines: c.lines.map((l) => ({
          procedureCode: l.procedureCode,
          modifiers: [...l.modifiers],
          chargeCents: l.chargeCents,
          units: l.units,
          unitType: l.unitType,
          diagnosisPointers: [...l.diagnosisPointers],
          serviceDate: l.serviceDate || firstDate,
          ...(l.serviceDateEnd ? { serviceDateEnd: l.serviceDateEnd } : {}),
          ...(l.placeOfServiceCode ? { placeOfService: l.placeOfServiceCode } : {}),
          ...(l.renderingProvider ? { renderingProvider: provider(l.renderingProvider) } : {}),
          ...(l.drug ? { drug: { ...l.drug } } : {}),
          ...(l.lineControlNumber ? { lineControlNumber: l.lineControlNumber } : {}),
          priorAdjudications: l.adjudications.map((a) => ({
            payerId: a.otherPayerId,
            paidCents: a.paidCents,
            procedureCode: a.procedureCode,
            modifiers: [...a.modifiers],
            units: a.paidUnits,
            adjustments: a.adjustments.flatMap((g) =>
              g.reasons.map((r) => ({
                group: g.group as 'CO',
                reason: r.reason,
                amountCents: r.amountCents,
              })),
            ),
            adjudicationDate: a.adjudicationDate,
          })),
        })),
        signatureOnFile: c.providerSignatureOnFile,
        acceptAssignment: c.assignmentCode !== 'C',
        benefitsAssigned: c.benefitsAssigned !== 'N',
        releaseOfInformation: c.releaseOfInformation,
      };
      const parsed = claimSchema.safeParse(input);
      const where = `claims[${n}]`;
      n++;
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const path = [
            where,
            ...issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)),
          ].join('');
          problems.push({
            severity: 'error',
            code: 'claim.schema',
            message: `Claim ${c.patientControlNumber || '(no CLM01)'}: ${plain(issue)}`,
            path,
          });
        }
        continue;
      }
      if (c.totalChargeCents !== parsed.data.lines.reduce((t, l) => t + l.chargeCents, 0)) {
        problems.push({
          severity: 'error',
          code: 'x12.837.clm02.sum',
          message: `Claim ${c.patientControlNumber}: CLM02 does not equal the sum of the line charges.`,
          path: `${where}.lines`,
        });
      }
      claims.push(parsed.data);
    }
  }
  return { claims, problems };
}
