import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors.js';
import { applyClaimEvents } from './claim-transitions.js';

describe('applyClaimEvents', () => {
  it('takes a clean scrub from draft to ready through scrubbed', () => {
    expect(
      applyClaimEvents('draft', [{ type: 'scrubbed', errors: 0, warnings: 2 }, { type: 'marked_ready' }]),
    ).toBe('ready');
  });

  it('keeps a claim with scrub errors in draft, and then refuses to mark it ready', () => {
    expect(applyClaimEvents('ready', [{ type: 'scrubbed', errors: 1, warnings: 0 }])).toBe('draft');
    expect(() =>
      applyClaimEvents('ready', [{ type: 'scrubbed', errors: 1, warnings: 0 }, { type: 'marked_ready' }]),
    ).toThrow(/cannot be marked ready; allowed from: scrubbed/);
  });

  it('refuses to submit a draft claim with a business_rule error that gives the reason', () => {
    let error: unknown;
    try {
      applyClaimEvents(
        'draft',
        [
          {
            type: 'submitted',
            batchId: '1',
            interchangeControlNumber: '000000001',
            groupControlNumber: '1',
            transactionSetControlNumber: '0001',
            fileName: 'a.x12',
          },
        ],
        'Claim X1',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('business_rule');
    expect(appError.status).toBe(422);
    expect(appError.message).toMatch(/^Claim X1 cannot take the step "submitted"/);
    expect(appError.problems[0]?.message).toBe(
      'a claim that is draft cannot be submitted; allowed from: ready',
    );
  });
});
