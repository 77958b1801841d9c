/** Fee schedules: what the practice charges per code + modifier, for a period (practice:write; audited). */
import { z } from 'zod';
import { audit } from './audit.js';
import { findFee, insertFeeSchedule } from './fee-schedules.repository.js';
import type { Executor } from './schema.js';
import { nowIso } from './sql-types.js';
import { authorize } from './tenant-context.js';
import type { TenantContext } from './tenant-context.js';
import { withTransaction } from './transaction.js';
import { calendarDateSchema, checkPeriod, checkUniqueCodes, validate } from './validation.js';

export const feeScheduleInputSchema = z.object({
  name: z.string().trim().min(1),
  effectiveFrom: calendarDateSchema,
  effectiveTo: calendarDateSchema.optional(),
  items: z
    .array(
      z.object({
        procedureCode: z.string().regex(/^[0-9A-Z]{5}$/, { error: 'must be a 5-character CPT/HCPCS code' }),
        modifier: z
          .string()
          .regex(/^([0-9A-Z]{2})?$/, { error: 'must be two letters or digits, or empty' })
          .default(''),
        chargeCents: z.number().int().nonnegative(),
      }),
    )
    .min(1),
});
export type FeeScheduleInput = z.input<typeof feeScheduleInputSchema>;

/** Creates a fee schedule with its items in one transaction; returns its id. */
export async function createFeeSchedule(
  db: Executor,
  ctx: TenantContext,
  input: FeeScheduleInput,
): Promise<number> {
  authorize(ctx, 'practice:write');
  const s = validate(feeScheduleInputSchema, input, 'fee schedule', (v) => [
    ...checkPeriod(v.effectiveFrom, v.effectiveTo, 'effectiveTo'),
    ...checkUniqueCodes(v.items, 'items'),
  ]);
  return withTransaction(db, async (trx) => {
    const row = await insertFeeSchedule(
      trx,
      {
        tenant_id: ctx.tenantId,
        name: s.name,
        effective_from: s.effectiveFrom,
        effective_to: s.effectiveTo ?? null,
        created_at: nowIso(),
      },
      s.items.map((i) => ({
        procedure_code: i.procedureCode,
        modifier: i.modifier,
        charge_cents: i.chargeCents,
      })),
    );
    await audit(trx, ctx, 'create', 'fee_schedules', [row.id]);
    return row.id;
  });
}

/** The practice's charge in cents for code + modifier on a date; undefined when no schedule lists it. */
export async function chargeFor(
  db: Executor,
  ctx: TenantContext,
  options: { procedureCode: string; modifier?: string; on: string },
): Promise<number | undefined> {
  authorize(ctx, 'practice:read');
  return (await findFee(db, ctx.tenantId, options.procedureCode, options.modifier ?? '', options.on))
    ?.charge_cents;
}
