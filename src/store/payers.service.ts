/** Payers and their contracts (practice:write to change, practice:read to read; changes audited). */
import { z } from 'zod';
import type { Address } from '../model/claim.js';
import { addressInputSchema, addressToColumns, checkAddress, columnsToAddress } from './address-columns.js';
import { audit } from './audit.js';
import { findContractRate, findPayer, insertContract, insertPayer, listPayers } from './payers.repository.js';
import type { Executor } from './schema.js';
import { nowIso } from './sql-types.js';
import type { PayerRow } from './tables/payers.table.js';
import { authorize } from './tenant-context.js';
import type { TenantContext } from './tenant-context.js';
import { withTransaction } from './transaction.js';
import { calendarDateSchema, checkPeriod, checkUniqueCodes, notFound, validate } from './validation.js';

const calendarDate = calendarDateSchema;

/** A payer as the application sees it. */
export interface PayerRecord {
  readonly id: number;
  readonly name: string;
  /** Electronic payer id (2010BB NM109). */
  readonly payerId: string;
  /** SBR09 claim filing indicator. */
  readonly claimFilingIndicator: string;
  readonly timelyFilingDays: number;
  readonly address?: Address;
}

/**
 * SBR09 claim filing indicator codes (837P TR3 2000B SBR09): 11 other non-federal, 12 PPO, 13 POS,
 * 14 EPO, 15 indemnity, 16 HMO Medicare risk, 17 dental, AM auto, BL BCBS, CH TRICARE, CI commercial,
 * DS disability, FI FEP, HM HMO, LM liability medical, MA Medicare A, MB Medicare B, MC Medicaid,
 * OF other federal, TV Title V, VA veterans, WC workers' compensation, ZZ unknown.
 */
export const CLAIM_FILING_INDICATORS = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  'AM',
  'BL',
  'CH',
  'CI',
  'DS',
  'FI',
  'HM',
  'LM',
  'MA',
  'MB',
  'MC',
  'OF',
  'TV',
  'VA',
  'WC',
  'ZZ',
] as const;

export const payerInputSchema = z.object({
  name: z.string().trim().min(1),
  payerId: z.string().trim().min(2).max(80),
  claimFilingIndicator: z.enum(CLAIM_FILING_INDICATORS),
  timelyFilingDays: z.number().int().positive().max(3650),
  address: addressInputSchema.optional(),
});
export type PayerInput = z.input<typeof payerInputSchema>;

/** Adds a payer (practice:write; audited). */
export async function createPayer(db: Executor, ctx: TenantContext, input: PayerInput): Promise<PayerRecord> {
  authorize(ctx, 'practice:write');
  const p = validate(payerInputSchema, input, 'payer', (v) => checkAddress(v.address, 'address'));
  return withTransaction(db, async (trx) => {
    const at = nowIso();
    const row = await insertPayer(trx, {
      tenant_id: ctx.tenantId,
      name: p.name,
      payer_identifier: p.payerId,
      claim_filing_indicator: p.claimFilingIndicator,
      timely_filing_days: p.timelyFilingDays,
      ...addressToColumns('address', p.address),
      created_at: at,
      updated_at: at,
    });
    await audit(trx, ctx, 'create', 'payers', [row.id]);
    return toPayer(row);
  });
}

/** A payer of the tenant (practice:read). */
export async function getPayer(db: Executor, ctx: TenantContext, id: number): Promise<PayerRecord> {
  authorize(ctx, 'practice:read');
  const row = await findPayer(db, ctx.tenantId, id);
  if (!row) throw notFound('payer', id);
  return toPayer(row);
}

/** The tenant's payers (practice:read). */
export async function getPayers(db: Executor, ctx: TenantContext): Promise<PayerRecord[]> {
  authorize(ctx, 'practice:read');
  return (await listPayers(db, ctx.tenantId)).map(toPayer);
}

function toPayer(row: PayerRow): PayerRecord {
  const address = columnsToAddress(row, 'address');
  return {
    id: row.id,
    name: row.name,
    payerId: row.payer_identifier,
    claimFilingIndicator: row.claim_filing_indicator,
    timelyFilingDays: row.timely_filing_days,
    ...(address ? { address } : {}),
  };
}

const modifier = z
  .string()
  .regex(/^([0-9A-Z]{2})?$/, { error: 'must be two letters or digits, or empty' })
  .default('');

export const contractInputSchema = z.object({
  payerId: z.number().int().positive(),
  name: z.string().trim().min(1),
  effectiveFrom: calendarDate,
  effectiveTo: calendarDate.optional(),
  rates: z.array(
    z.object({
      procedureCode: z.string().regex(/^[0-9A-Z]{5}$/, { error: 'must be a 5-character CPT/HCPCS code' }),
      modifier,
      allowedCents: z.number().int().nonnegative(),
    }),
  ),
});
export type ContractInput = z.input<typeof contractInputSchema>;

/** Adds a payer contract with its rates, in one transaction (practice:write; audited). Returns its id. */
export async function createPayerContract(
  db: Executor,
  ctx: TenantContext,
  input: ContractInput,
): Promise<number> {
  authorize(ctx, 'practice:write');
  const c = validate(contractInputSchema, input, 'contract', (v) => [
    ...checkPeriod(v.effectiveFrom, v.effectiveTo, 'effectiveTo'),
    ...checkUniqueCodes(v.rates, 'rates'),
  ]);
  return withTransaction(db, async (trx) => {
    if (!(await findPayer(trx, ctx.tenantId, c.payerId))) throw notFound('payer', c.payerId);
    const row = await insertContract(
      trx,
      {
        tenant_id: ctx.tenantId,
        payer_id: c.payerId,
        name: c.name,
        effective_from: c.effectiveFrom,
        effective_to: c.effectiveTo ?? null,
        created_at: nowIso(),
      },
      c.rates.map((r) => ({
        procedure_code: r.procedureCode,
        modifier: r.modifier,
        allowed_cents: r.allowedCents,
      })),
    );
    await audit(trx, ctx, 'create', 'payer_contracts', [row.id]);
    return row.id;
  });
}

/** The expected allowed amount, in cents, for code + modifier with this payer on a date; undefined when no contract says. */
export async function expectedAllowedCents(
  db: Executor,
  ctx: TenantContext,
  options: { payerId: number; procedureCode: string; modifier?: string; on: string },
): Promise<number | undefined> {
  authorize(ctx, 'practice:read');
  const rate = await findContractRate(
    db,
    ctx.tenantId,
    options.payerId,
    options.procedureCode,
    options.modifier ?? '',
    options.on,
  );
  return rate?.allowed_cents;
}
