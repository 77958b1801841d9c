/**
 * Creating a claim from a coded encounter (issue 5, "Charge capture and pricing"): the coverage in
 * force on the date of service (primary first), the billing, rendering, referring and facility
 * providers, the prior authorisation, charges from the fee schedule × units, a patient control number
 * unique in the practice (the 835 echoes it in CLP01) and REF*6R line control numbers. The claim, its
 * lines, the ledger charge entries, the claim events and the audit records are written in ONE
 * transaction together with marking the encounter billed: it all happens, or nothing does.
 */
import { claimFromEncounter } from '../../billing/claim-from-encounter.js';
import type { PricedLine } from '../../billing/charge-capture.js';
import type { NewLedgerEntry } from '../../billing/ledger/entry.js';
import type { Provider } from '../../model/claim.js';
import { AppError } from '../../model/errors.js';
import { formatDollars } from '../../model/money.js';
import type { Problem } from '../../model/problem.js';
import { hasErrors } from '../../model/problem.js';
import { audit } from '../audit.js';
import type { ClaimEventPayloads } from '../claim-events.js';
import { insertClaimEvent } from '../claims.repository.js';
import { saveClaim } from '../claims.service.js';
import type { StoredClaim } from '../claims.service.js';
import {
  findClaimsOfEncounter,
  patientControlNumberTaken,
  takeEncounterForBilling,
} from '../claims-workflow.repository.js';
import { findEncounter } from '../encounters.repository.js';
import { appendEntries } from '../ledger.repository.js';
import { getPatient } from '../patients.service.js';
import { listCoverages } from '../patients.repository.js';
import { getPayer } from '../payers.service.js';
import { getBillingProvider, getFacility, getProvider } from '../providers.service.js';
import type { Executor } from '../schema.js';
import { nowIso } from '../sql-types.js';
import type { CoverageRow } from '../tables/patients.table.js';
import { authorize } from '../tenant-context.js';
import type { TenantContext } from '../tenant-context.js';
import { withTransaction } from '../transaction.js';
import { notFound } from '../validation.js';
import { captureCharges } from './capture-charges.js';

/** Options for {@link createClaimFromEncounter}. */
export interface CreateClaimFromEncounterOptions {
  readonly encounterId: number;
  /** REF*G1 prior authorisation number, when the payer authorised the service. */
  readonly priorAuthorization?: string;
  /** Bill this coverage instead of the first in force (it must be in force on the date of service). */
  readonly coverageId?: number;
}

/** What was created. */
export interface CreatedClaim {
  readonly claim: StoredClaim;
  readonly coverage: {
    readonly id: number;
    readonly priority: CoverageRow['priority'];
    readonly payerName: string;
  };
  readonly pricing: readonly PricedLine[];
  /** Sum of the lines' expected allowed amounts; undefined when a line has no contract rate. */
  readonly expectedAllowedCents?: number;
  /** Warnings from pricing (e.g. a code missing from the payer contract). */
  readonly problems: readonly Problem[];
}

function refuse(message: string, code: string, fix?: string): AppError {
  return new AppError('business_rule', message, [
    { severity: 'error', code, path: 'encounter', message, ...(fix !== undefined ? { fix } : {}) },
  ]);
}

function asProvider(p: Provider & { readonly id: number; readonly kind?: string }): Provider {
  const { id: _id, kind: _kind, ...provider } = p;
  return provider;
}

/** A patient control number unique in the practice: `SB` + encounter id + `-` + the encounter's claim count. */
async function nextPatientControlNumber(
  trx: Executor,
  tenantId: number,
  encounterId: number,
  claimsSoFar: number,
): Promise<string> {
  for (let n = claimsSoFar + 1; ; n++) {
    const pcn = `SB${String(encounterId).padStart(7, '0')}-${n}`;
    if (!(await patientControlNumberTaken(trx, tenantId, pcn))) return pcn;
  }
}

/** Creates a draft claim from a coded encounter, with its charges in the ledger, in one transaction (claims:write). */
export async function createClaimFromEncounter(
  db: Executor,
  ctx: TenantContext,
  options: CreateClaimFromEncounterOptions,
): Promise<CreatedClaim> {
  authorize(ctx, 'claims:write');
  return withTransaction(db, async (trx) => {
    const found = await findEncounter(trx, ctx.tenantId, options.encounterId);
    if (!found) throw notFound('encounter', options.encounterId);
    const { encounter: e, diagnoses, lines } = found;
    const earlier = await findClaimsOfEncounter(trx, ctx.tenantId, e.id);
    if (e.status === 'billed') {
      const list = earlier.map((c) => `${c.patient_control_number} (claim ${c.id}, ${c.status})`).join(', ');
      throw refuse(
        `Encounter ${e.id} is already billed${list ? ` on ${list}` : ''}.`,
        'encounter.billed',
        'Correct or void the existing claim instead of creating a second one.',
      );
    }
    if (e.status === 'void')
      throw refuse(`Encounter ${e.id} is void and cannot be billed.`, 'encounter.void');
    if (diagnoses.length === 0 || lines.length === 0) {
      throw refuse(
        `Encounter ${e.id} is not coded yet: it needs at least one diagnosis and one service line.`,
        'encounter.not-coded',
        'Code the encounter first.',
      );
    }
    const dos = e.date_of_service;

    // The coverage in force on the date of service, primary first (listCoverages sorts by priority).
    const inForce = await listCoverages(trx, ctx.tenantId, e.patient_id, dos);
    const coverage =
      options.coverageId === undefined ? inForce[0] : inForce.find((c) => c.id === options.coverageId);
    if (!coverage) {
      throw refuse(
        options.coverageId === undefined
          ? `The patient has no coverage in force on ${dos}; bill the patient or add the coverage first.`
          : `Coverage ${options.coverageId} is not one of the patient's coverages in force on ${dos}.`,
        'encounter.coverage',
      );
    }
    const payer = await getPayer(trx, ctx, coverage.payer_id);
    const patient = await getPatient(trx, ctx, e.patient_id);
    const billing = await getBillingProvider(trx, ctx, e.billing_provider_id);
    const rendering =
      e.rendering_provider_id !== null
        ? asProvider(await getProvider(trx, ctx, e.rendering_provider_id))
        : undefined;
    const referring =
      e.referring_provider_id !== null
        ? asProvider(await getProvider(trx, ctx, e.referring_provider_id))
        : undefined;
    const facility = e.facility_id !== null ? await getFacility(trx, ctx, e.facility_id) : undefined;

    const coded = lines.map((l) => ({
      procedureCode: l.procedure_code,
      modifiers: [l.modifier1, l.modifier2, l.modifier3, l.modifier4].filter((m): m is string => m !== null),
      units: l.units,
      diagnosisPointers: l.diagnosis_pointers.split(',').map(Number),
      serviceDate: l.service_date,
      chargeCents: l.charge_cents,
    }));
    const priced = await captureCharges(trx, ctx, { lines: coded, payerId: payer.id });
    if (hasErrors(priced.problems)) {
      throw new AppError('business_rule', `Encounter ${e.id} cannot be priced.`, priced.problems);
    }

    const pcn = await nextPatientControlNumber(trx, ctx.tenantId, e.id, earlier.length);
    const { id: _billingId, ...billingProvider } = billing;
    const claim = claimFromEncounter({
      encounter: {
        id: e.id,
        dateOfService: dos,
        placeOfService: e.place_of_service,
        diagnoses: diagnoses.map((d) => d.code),
        lines: coded,
      },
      chargesCents: priced.lines.map((l) => l.chargeCents),
      patient: {
        lastName: patient.lastName,
        ...(patient.firstName !== undefined ? { firstName: patient.firstName } : {}),
        ...(patient.middleName !== undefined ? { middleName: patient.middleName } : {}),
        ...(patient.suffix !== undefined ? { suffix: patient.suffix } : {}),
        dateOfBirth: patient.dateOfBirth,
        sex: patient.sex,
        ...(patient.address ? { address: patient.address } : {}),
      },
      coverage: {
        priority: coverage.priority,
        memberId: coverage.member_id,
        ...(coverage.group_number !== null ? { groupNumber: coverage.group_number } : {}),
        ...(coverage.group_name !== null ? { groupName: coverage.group_name } : {}),
        relationshipCode: coverage.relationship_code,
        ...(coverage.subscriber_last_name !== null && coverage.subscriber_date_of_birth !== null
          ? {
              subscriber: {
                lastName: coverage.subscriber_last_name,
                ...(coverage.subscriber_first_name !== null
                  ? { firstName: coverage.subscriber_first_name }
                  : {}),
                dateOfBirth: coverage.subscriber_date_of_birth,
                sex: coverage.subscriber_sex ?? 'U',
              },
            }
          : {}),
      },
      payer: {
        name: payer.name,
        payerId: payer.payerId,
        claimFilingIndicator: payer.claimFilingIndicator,
        ...(payer.address ? { address: payer.address } : {}),
      },
      billingProvider,
      ...(rendering ? { renderingProvider: rendering } : {}),
      ...(referring ? { referringProvider: referring } : {}),
      ...(facility
        ? {
            serviceFacility: {
              name: facility.name,
              ...(facility.npi !== undefined ? { npi: facility.npi } : {}),
              address: facility.address,
            },
          }
        : {}),
      patientControlNumber: pcn,
      ...(options.priorAuthorization !== undefined ? { priorAuthorization: options.priorAuthorization } : {}),
    });

    const at = nowIso();
    if (!(await takeEncounterForBilling(trx, ctx.tenantId, e.id, at))) {
      throw new AppError('conflict', `Encounter ${e.id} was billed by someone else meanwhile.`);
    }
    await audit(trx, ctx, 'update', 'encounters', [e.id]);
    const stored = await saveClaim(trx, ctx, {
      claim,
      patientId: e.patient_id,
      encounterId: e.id,
      payerId: payer.id,
      coverageId: coverage.id,
      status: 'draft',
    });

    // The charges become the payer's to pay (the bucket of the coverage's order). A $0 line (a code the
    // practice tracks without charging) moves no money, and the ledger holds no zero entries.
    const entries: NewLedgerEntry[] = [];
    stored.lineIds.forEach((lineId, i) => {
      const amount = priced.lines[i]?.chargeCents ?? 0;
      if (amount !== 0) {
        entries.push({
          kind: 'charge',
          claimLineId: lineId,
          bucket: coverage.priority,
          payerId: payer.id,
          amountCents: amount,
          effectiveDate: dos,
          memo: `${pcn} charge`,
        });
      }
    });
    if (entries.length > 0) {
      const posted = await appendEntries(trx, ctx, entries, {
        batchKey: `claim:${stored.id}:charges`,
        source: `claim ${pcn} created`,
      });
      await audit(
        trx,
        ctx,
        'create',
        'ledger_entries',
        posted.map((p) => p.id),
      );
    }

    const allowed = priced.lines.every((l) => l.expectedAllowedCents !== undefined)
      ? priced.lines.reduce((s, l) => s + (l.expectedAllowedCents ?? 0), 0)
      : undefined;
    const note: ClaimEventPayloads['note'] = {
      text:
        allowed === undefined
          ? `Created from encounter ${e.id}; the payer contract does not price every line.`
          : `Created from encounter ${e.id}; expected allowed by the payer contract ${formatDollars(allowed)} of ${formatDollars(stored.totalChargeCents)} charged.`,
    };
    await insertClaimEvent(trx, {
      tenant_id: ctx.tenantId,
      claim_id: stored.id,
      type: 'note',
      payload: JSON.stringify(note),
      at,
      user_id: ctx.userId,
    });
    return {
      claim: stored,
      coverage: { id: coverage.id, priority: coverage.priority, payerName: payer.name },
      pricing: priced.lines,
      ...(allowed !== undefined ? { expectedAllowedCents: allowed } : {}),
      problems: priced.problems,
    };
  });
}
