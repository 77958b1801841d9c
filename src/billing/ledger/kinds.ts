/**
 * The closed lists of the money ledger: entry kinds and responsibility buckets (docs/ledger.md).
 * Closed lists are `as const` arrays with a derived type and a runtime guard (GUIDE §7).
 */

/** Every way money moves on a service line. Nothing else is ever written to the ledger. */
export const LEDGER_ENTRY_KINDS = [
  'charge',
  'insurance_payment',
  'contractual_adjustment',
  'other_adjustment',
  'transfer',
  'patient_payment',
  'write_off',
  'refund',
  'reversal',
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** True when `value` is a ledger entry kind. */
export function isLedgerEntryKind(value: unknown): value is LedgerEntryKind {
  return typeof value === 'string' && (LEDGER_ENTRY_KINDS as readonly string[]).includes(value);
}

/**
 * Who currently owes a share of a line's balance. The payer buckets follow the coverage order
 * (TR3 2000B SBR01 P/S/T); `patient` is the patient's (guarantor's) own responsibility.
 */
export const RESPONSIBILITY_BUCKETS = ['primary', 'secondary', 'tertiary', 'patient'] as const;
export type ResponsibilityBucket = (typeof RESPONSIBILITY_BUCKETS)[number];

/** The buckets owed by an insurance payer (each carries a payer id). */
export const PAYER_BUCKETS = ['primary', 'secondary', 'tertiary'] as const;
export type PayerBucket = (typeof PAYER_BUCKETS)[number];

/** True when `value` is a responsibility bucket. */
export function isResponsibilityBucket(value: unknown): value is ResponsibilityBucket {
  return typeof value === 'string' && (RESPONSIBILITY_BUCKETS as readonly string[]).includes(value);
}

/** True when the bucket is owed by a payer (not the patient). */
export function isPayerBucket(bucket: ResponsibilityBucket): bucket is PayerBucket {
  return bucket !== 'patient';
}

/**
 * The sign an entry's `amountCents` must have: the amount is the signed change of the balance of the
 * entry's bucket. `positive` raises what is owed, `negative` lowers it, `either` may do both,
 * `mirror` (reversal) is exactly the negation of the reversed entry.
 */
export type SignRule = 'positive' | 'negative' | 'either' | 'mirror';

/** Which sign each kind must carry, and which buckets it may touch. */
export const KIND_RULES: Readonly<
  Record<LedgerEntryKind, { readonly sign: SignRule; readonly buckets: 'any' | 'payer' | 'patient'; readonly label: string }>
> = {
  // A charge creates the debt, owed first by whoever is billed first (primary payer, or the patient
  // when self-pay).
  charge: { sign: 'positive', buckets: 'any', label: 'charge' },
  // 835 SVC03 paid amount: lowers what the payer owes.
  insurance_payment: { sign: 'negative', buckets: 'payer', label: 'insurance payment' },
  // 835 CAS group CO: the part of the charge above the contracted allowed amount; never billable.
  contractual_adjustment: { sign: 'negative', buckets: 'payer', label: 'contractual adjustment' },
  // CAS OA/PI and practice adjustments (courtesy, small balance); a debit adjustment raises the balance.
  other_adjustment: { sign: 'either', buckets: 'any', label: 'other adjustment' },
  // Moves balance from `bucket` to `toBucket`: `amountCents` < 0 on the source, the same amount > 0
  // lands on the target, so a transfer never changes the line balance.
  transfer: { sign: 'negative', buckets: 'any', label: 'transfer of responsibility' },
  patient_payment: { sign: 'negative', buckets: 'patient', label: 'patient payment' },
  // Bad debt or uncollectable balance written off.
  write_off: { sign: 'negative', buckets: 'any', label: 'write-off' },
  // Money paid back (an overpayment returned to the patient or payer): raises the balance back
  // towards zero from a credit.
  refund: { sign: 'positive', buckets: 'any', label: 'refund' },
  reversal: { sign: 'mirror', buckets: 'any', label: 'reversal' },
};
