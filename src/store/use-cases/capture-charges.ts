/**
 * Charge capture for coded lines: each line's charge from the practice's fee schedule in force on its
 * date of service (× units), and its expected allowed amount from the payer's contract in force then
 * (× units). The lookups prefer the price for the line's first modifier, else the code's plain price
 * (fee-schedules.repository.ts, payers.repository.ts); the arithmetic is src/billing/charge-capture.ts.
 */
import { captureCharges as priceLines } from '../../billing/charge-capture.js';
import type { PricedLine, UnitPrice, UnpricedLine } from '../../billing/charge-capture.js';
import type { Problem } from '../../model/problem.js';
import { findFee } from '../fee-schedules.repository.js';
import { findContractRate } from '../payers.repository.js';
import type { Executor } from '../schema.js';
import { authorize } from '../tenant-context.js';
import type { TenantContext } from '../tenant-context.js';

/** Options for {@link captureCharges}. */
export interface CaptureChargesOptions {
  readonly lines: readonly UnpricedLine[];
  /** The stored payer whose contract gives the expected allowed amounts; none: no expectation. */
  readonly payerId?: number;
}

/** Prices coded lines from the fee schedule and the payer contract (practice:read). */
export async function captureCharges(
  db: Executor,
  ctx: TenantContext,
  options: CaptureChargesOptions,
): Promise<{ lines: PricedLine[]; problems: Problem[] }> {
  authorize(ctx, 'practice:read');
  const fees: (UnitPrice | undefined)[] = [];
  const allowed: (UnitPrice | undefined)[] = [];
  for (const line of options.lines) {
    const modifier = line.modifiers[0] ?? '';
    const fee = await findFee(db, ctx.tenantId, line.procedureCode, modifier, line.serviceDate);
    fees.push(fee ? { cents: fee.charge_cents, source: fee.schedule_name } : undefined);
    const rate =
      options.payerId === undefined
        ? undefined
        : await findContractRate(
            db,
            ctx.tenantId,
            options.payerId,
            line.procedureCode,
            modifier,
            line.serviceDate,
          );
    allowed.push(rate ? { cents: rate.allowed_cents, source: rate.contract_name } : undefined);
  }
  return priceLines(options.lines, fees, allowed);
}
