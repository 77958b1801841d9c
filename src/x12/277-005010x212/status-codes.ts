/**
 * Claim status category codes (external code list 507) and a few common claim status codes (508),
 * with our own short wording. The full lists are maintained by the X12 external code list committee
 * and change three times a year; callers that have the current list inject a lookup instead
 * ({@link StatusCodeLookup}). What a category means for the claim (accepted, rejected, …) is decided
 * here from the category code alone.
 */

/** Looks up a description: `list` is 'category' (507), 'status' (508) or 'entity' (98). */
export type StatusCodeLookup = (list: 'category' | 'status' | 'entity', code: string) => string | undefined;

const CATEGORIES: Readonly<Record<string, string>> = {
  A0: 'Acknowledged: forwarded to another entity',
  A1: 'Acknowledged: received (not yet accepted for adjudication)',
  A2: 'Acknowledged: accepted into the adjudication system',
  A3: 'Acknowledged: returned as unprocessable',
  A4: 'Acknowledged: not found',
  A5: 'Acknowledged: split claim',
  A6: 'Acknowledged: rejected for missing information',
  A7: 'Acknowledged: rejected for invalid information',
  A8: 'Acknowledged: rejected for a relational field in error',
  D0: 'Data search unsuccessful',
  E0: 'Response not possible: error on the request',
  E1: 'Response not possible: system not available',
  E2: 'Information holder is not responding',
  E3: 'Correction required: relational fields in error',
  E4: 'Trading partner agreement specific requirement not met',
  F0: 'Finalized: the claim has completed adjudication',
  F1: 'Finalized: payment issued',
  F2: 'Finalized: denied',
  F3: 'Finalized: revised',
  F3F: 'Finalized: revised, forwarded',
  F3N: 'Finalized: revised, not forwarded',
  F4: 'Finalized: adjudication complete, no payment forthcoming',
  P0: 'Pending: adjudication or processing',
  P1: 'Pending: in process',
  P2: 'Pending: payer review',
  P3: 'Pending: provider requested information',
  P4: 'Pending: patient requested information',
  P5: 'Pending: payer administrative/system hold',
  R0: 'Request for additional information: general',
  R1: 'Request for additional information: entity requests',
  R3: 'Request for additional information: claim/line',
  R4: 'Request for additional information: documentation',
  R5: 'Request for more specific detail',
  R6: 'Request for regulatory required information',
  R7: 'Request for confirmation of information',
  R8: 'Request for verification of information',
  R9: 'Request for pricing information',
  R10: 'Request for patient supplied information',
  R11: 'Request for provider supplied information',
  R12: 'Request for payer supplied information',
  R13: 'Request for employer supplied information',
  R14: 'Request for other supplied information',
  R15: 'Request for a detailed accounting of the services',
  R16: 'Request for information about a service line',
};

/** A handful of frequent status codes (508), own wording; inject the full list for the rest. */
const STATUSES: Readonly<Record<string, string>> = {
  '0': 'No further status available electronically',
  '1': 'See the remittance advice',
  '3': 'Adjudicated, awaiting the payment cycle',
  '15': 'Requested information not provided',
  '16': 'Claim or encounter has missing or invalid information',
  '19': 'Entity acknowledges receipt of the claim',
  '20': 'Accepted for processing',
  '21': 'Missing or invalid information',
  '33': 'Subscriber and/or patient information missing or invalid',
  '65': 'Claim or line has been paid',
  '88': 'Not eligible for the benefits billed',
  '89': 'Not covered',
  '116': 'Claim submitted to the wrong payer',
  '187': 'Date(s) of service',
  '247': 'Line information',
  '317': 'Requested additional information received',
  '400': 'Claim is out of balance',
  '454': 'Procedure code for services rendered',
  '562': "Entity's National Provider Identifier (NPI)",
};

const ENTITIES: Readonly<Record<string, string>> = {
  '03': 'dependent',
  '40': 'receiver',
  '41': 'submitter',
  '77': 'service location',
  '82': 'rendering provider',
  '85': 'billing provider',
  '87': 'pay-to provider',
  DN: 'referring provider',
  IL: 'subscriber',
  PR: 'payer',
  QC: 'patient',
};

/** The built-in lookup: own short descriptions of categories, common statuses and entities. */
export const builtInStatusCodes: StatusCodeLookup = (list, code) => {
  switch (list) {
    case 'category':
      return CATEGORIES[code];
    case 'status':
      return STATUSES[code];
    case 'entity':
      return ENTITIES[code];
  }
};

/** What a status means for the claim, from its category code. */
export const CLAIM_STATUS_OUTCOMES = [
  'accepted',
  'rejected',
  'not_found',
  'pending',
  'paid',
  'denied',
  'finalized',
  'information_requested',
  'error',
  'unknown',
] as const;
export type ClaimStatusOutcome = (typeof CLAIM_STATUS_OUTCOMES)[number];

/** Outcome of a category code (507): A1/A2 accepted, A3/A6/A7/A8 rejected, F1 paid, F2 denied, P* pending… */
export function outcomeOfCategory(category: string): ClaimStatusOutcome {
  if (category === 'A0' || category === 'A1' || category === 'A2' || category === 'A5') return 'accepted';
  if (category === 'A3' || category === 'A6' || category === 'A7' || category === 'A8') return 'rejected';
  if (category === 'A4' || category === 'D0') return 'not_found';
  if (category === 'F1') return 'paid';
  if (category === 'F2') return 'denied';
  if (category.startsWith('F')) return 'finalized';
  if (category.startsWith('P')) return 'pending';
  if (category.startsWith('R')) return 'information_requested';
  if (category.startsWith('E')) return 'error';
  return 'unknown';
}
