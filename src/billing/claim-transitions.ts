/**
 * Applying claim events with the lifecycle state machine (claim-lifecycle.ts) where a refusal must stop
 * the work: an illegal transition becomes an AppError 'business_rule' (HTTP 422) whose problem says
 * why, in the machine's own words. The storage layer calls this before it writes a state change, so a
 * claim in the database never takes a step the machine forbids.
 */
import { AppError } from '../model/errors.js';
import type { ClaimEvent, ClaimState } from './claim-lifecycle.js';
import { transition } from './claim-lifecycle.js';

/** Applies `events` in order from `state`; throws AppError 'business_rule' at the first illegal one. */
export function applyClaimEvents(
  state: ClaimState,
  events: readonly ClaimEvent[],
  what = 'The claim',
): ClaimState {
  let current = state;
  for (const event of events) {
    const result = transition(current, event);
    if (!result.ok) {
      throw new AppError(
        'business_rule',
        `${what} cannot take the step "${event.type.replaceAll('_', ' ')}": ${result.reason}.`,
        [
          {
            severity: 'error',
            code: 'claim.transition',
            path: 'status',
            message: result.reason,
            ruleId: 'claim-lifecycle',
            source: 'Superbill claim lifecycle (docs/claims-workflow.md)',
          },
        ],
      );
    }
    current = result.state;
  }
  return current;
}
