import { describe, expect, it } from 'vitest';
import { replay, timelyFiling, transition, type ClaimEvent } from './claim-lifecycle.js';

const submitted: ClaimEvent = {
  type: 'submitted', batchId: 'b1', interchangeControlNumber: '000000001', groupControlNumber: '1',
  transactionSetControlNumber: '0001', fileName: 'x.837',
};

describe('claim lifecycle', () => {
  it('walks the happy path to closed', () => {
    expect(
      replay([
        { type: 'scrubbed', errors: 0, warnings: 1 },
        { type: 'marked_ready' },
        submitted,
        { type: 'acknowledged', source: '999' },
        { type: 'acknowledged', source: '277CA' },
        { type: 'adjudicated', outcome: 'partially_paid', payerClaimControlNumber: 'P1', paidCents: 8000, patientResponsibilityCents: 2000 },
        { type: 'transferred', to: 'patient', amountCents: 2000 },
        { type: 'closed' },
      ]),
    ).toBe('closed');
  });

  it('sends a claim with scrub errors back to draft and refuses to make it ready', () => {
    const s = transition('draft', { type: 'scrubbed', errors: 2, warnings: 0 });
    expect(s).toEqual({ ok: true, state: 'draft' });
    const r = transition('draft', { type: 'marked_ready' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/draft cannot be marked ready/);
  });

  it('refuses to submit a claim twice and explains why', () => {
    const r = transition('submitted', submitted);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/submitted cannot be submitted; allowed from: ready/) });
  });

  it('lets a rejected claim be reopened, fixed and resubmitted', () => {
    expect(
      replay([
        { type: 'scrubbed', errors: 0, warnings: 0 }, { type: 'marked_ready' }, submitted,
        { type: 'rejected', source: '277CA', reasons: ['A7:164 entity contract/member id'] },
        { type: 'reopened', reason: 'fixed member id' },
        { type: 'scrubbed', errors: 0, warnings: 0 }, { type: 'marked_ready' }, submitted,
      ]),
    ).toBe('submitted');
  });

  it('appeals only adjudicated claims', () => {
    expect(transition('adjudicated', { type: 'appealed', reason: 'medical necessity' })).toEqual({ ok: true, state: 'appealed' });
    expect(transition('draft', { type: 'appealed', reason: 'x' }).ok).toBe(false);
    expect(() => replay([{ type: 'closed' }])).toThrow(/event 1 \(closed\)/);
  });
});

describe('timely filing', () => {
  it('flags a claim near and past its deadline', () => {
    expect(timelyFiling('2026-01-15', 90, '2026-03-01')).toEqual({ deadline: '2026-04-15', daysLeft: 45, status: 'ok' });
    expect(timelyFiling('2026-01-15', 90, '2026-04-01').status).toBe('near');
    expect(timelyFiling('2026-01-15', 90, '2026-04-16')).toMatchObject({ daysLeft: -1, status: 'past' });
  });
});
