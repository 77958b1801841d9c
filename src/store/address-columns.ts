/** Mapping between the domain Address (src/model/claim.ts) and `<prefix>_line1 … _zip` columns. */
import { z } from 'zod';
import { addressSchema } from '../model/claim.js';
import type { Address } from '../model/claim.js';
import { checkStateCode, checkZip, normalizeZip } from '../model/identifiers.js';
import type { Problem } from '../model/problem.js';

/**
 * The address services accept: like the claim's, but the ZIP may carry a dash (`62701-1234`); its
 * format is checked by `checkAddress` together with the other identifiers, then stored as digits.
 */
export const addressInputSchema = addressSchema.extend({ zip: z.string().trim().min(1) });

type AddressPrefix = 'address' | 'pay_to';
type Columns<P extends AddressPrefix> = Record<
  `${P}_${'line1' | 'line2' | 'city' | 'state' | 'zip'}`,
  string | null
>;

/** The columns for an address (all null when there is none). ZIP is stored as digits only. */
export function addressToColumns<P extends AddressPrefix>(
  prefix: P,
  address: Address | undefined,
): Columns<P> {
  const zip = address ? (normalizeZip(address.zip) ?? address.zip) : null;
  return {
    [`${prefix}_line1`]: address?.line1 ?? null,
    [`${prefix}_line2`]: address?.line2 ?? null,
    [`${prefix}_city`]: address?.city ?? null,
    [`${prefix}_state`]: address?.state ?? null,
    [`${prefix}_zip`]: zip,
  } as Columns<P>;
}

/** The address in a row, or undefined when its line1 is null. */
export function columnsToAddress<P extends AddressPrefix>(row: Columns<P>, prefix: P): Address | undefined {
  const line1 = row[`${prefix}_line1`];
  if (line1 === null) return undefined;
  const line2 = row[`${prefix}_line2`];
  return {
    line1,
    ...(line2 !== null ? { line2 } : {}),
    city: row[`${prefix}_city`] ?? '',
    state: row[`${prefix}_state`] ?? '',
    zip: row[`${prefix}_zip`] ?? '',
  };
}

/** Problems with an address's state and ZIP (`requirePlus4` for the billing provider, TR3 2010AA N403). */
export function checkAddress(address: Address | undefined, path: string, requirePlus4 = false): Problem[] {
  if (!address) return [];
  return [
    ...checkStateCode(address.state, `${path}.state`),
    ...checkZip(address.zip, `${path}.zip`, requirePlus4),
  ];
}
