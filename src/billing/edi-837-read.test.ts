import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimSchema } from '../model/claim.js';
import { tokenize } from '../x12/syntax/tokenizer.js';
import { claimsFrom837P } from './edi-837-read.js';

const GOLDEN = join(import.meta.dirname, '../../test/fixtures/x12-golden');
const TR3 = join(import.meta.dirname, '../../test/fixtures/x12/837P');

describe('claimsFrom837P', () => {
  for (const name of ['837p-primary', '837p-secondary-cob', '837p-replacement-void', '837p-ndc']) {
    it(`reads our own ${name} output back into the claims it came from`, () => {
      const input = (JSON.parse(readFileSync(join(GOLDEN, `${name}.claims.json`), 'utf8')) as unknown[]).map(
        (c) => claimSchema.parse(c),
      );
      const r = claimsFrom837P(tokenize(readFileSync(join(GOLDEN, `${name}.x12`), 'utf8')));
      expect(r.problems).toEqual([]);
      expect(r.claims).toHaveLength(input.length);
      r.claims.forEach((c, i) => {
        const want = input[i]!;
        expect(c.patientControlNumber).toBe(want.patientControlNumber);
        expect(c.diagnoses).toEqual(want.diagnoses.map((d) => d.replace('.', '')));
        expect(
          c.lines.map((l) => [
            l.procedureCode,
            l.modifiers,
            l.chargeCents,
            l.units,
            l.diagnosisPointers,
            l.serviceDate,
            l.serviceDateEnd,
            l.lineControlNumber,
            l.drug,
          ]),
        ).toEqual(
          want.lines.map((l) => [
            l.procedureCode,
            l.modifiers,
            l.chargeCents,
            l.units,
            l.diagnosisPointers,
            l.serviceDate,
            l.serviceDateEnd,
            l.lineControlNumber,
            l.drug,
          ]),
        );
        expect(c.frequencyCode).toBe(want.frequencyCode);
        expect(c.originalClaimNumber).toBe(want.frequencyCode === '1' ? undefined : want.originalClaimNumber);
        expect(c.billingProvider).toMatchObject({
          npi: want.billingProvider.npi,
          taxId: want.billingProvider.taxId,
          address: want.billingProvider.address,
        });
        expect(c.subscriber).toMatchObject({
          memberId: want.subscriber.memberId,
          dateOfBirth: want.subscriber.dateOfBirth,
        });
        expect(c.otherPayers.map((o) => [o.payer.payerId, o.paidCents, o.adjustments])).toEqual(
          want.otherPayers.map((o) => [o.payer.payerId, o.paidCents, o.adjustments]),
        );
        expect(
          c.lines.map((l) =>
            l.priorAdjudications.map((a) => [a.payerId, a.paidCents, a.adjustments, a.adjudicationDate]),
          ),
        ).toEqual(
          want.lines.map((l) =>
            l.priorAdjudications.map((a) => [a.payerId, a.paidCents, a.adjustments, a.adjudicationDate]),
          ),
        );
      });
    });
  }

  it('reads the dependent (2000C) claims with the patient', () => {
    const r = claimsFrom837P(tokenize(readFileSync(join(GOLDEN, '837p-dependent.x12'), 'utf8')));
    expect(r.problems).toEqual([]);
    expect(
      r.claims.map((c) => [c.patientControlNumber, c.patient?.firstName, c.patient?.relationshipCode]),
    ).toEqual([
      ['PCN5001', 'LUCAS', '19'],
      ['PCN5003', 'LUCAS', '19'],
      ['PCN5002', undefined, undefined],
    ]);
  });

  it('reads every 837P fixture into claims or clear problems, never throwing', () => {
    let claims = 0;
    let clm = 0;
    for (const f of readdirSync(TR3)) {
      const text = readFileSync(join(TR3, f), 'utf8');
      const t = tokenize(text);
      const r = claimsFrom837P(t);
      const count = t.segments.filter((s) => s.elements[0] === 'CLM').length;
      clm += count;
      claims += r.claims.length;
      // Every claim is either read or named in a problem.
      const named = new Set(r.problems.map((p) => p.path?.split('.')[0]));
      expect(
        r.claims.length + [...named].filter((x) => x?.startsWith('claims[')).length,
        f,
      ).toBeGreaterThanOrEqual(count);
      for (const p of r.problems) expect(p.message.length, f).toBeGreaterThan(10);
    }
    expect(clm).toBe(209);
    // Regression floor: the synthetic multi-claim files put SBR09 one element early, so they fail.
    expect(claims).toBeGreaterThanOrEqual(31);
  });

  it('reads well-formed TR3 examples completely and says plainly why a broken one fails', () => {
    for (const f of [
      'LinuxForHealth__x12__demo.example1.837',
      'albmarin__badX12__X222-COB-claim-from-billing-provider-to-payer-a.edi',
      'albmarin__badX12__X222-drug-administered-in-the-physician-office.edi',
      'albmarin__badX12__X222-anesthesia.edi',
      'albmarin__badX12__X222-commercial-health-insurance.edi',
    ]) {
      const t = tokenize(readFileSync(join(TR3, f), 'utf8'));
      const r = claimsFrom837P(t);
      expect(
        r.problems.filter((p) => p.severity === 'error'),
        f,
      ).toEqual([]);
      expect(r.claims.length, f).toBe(t.segments.filter((s) => s.elements[0] === 'CLM').length);
    }
    const broken = claimsFrom837P(
      tokenize(readFileSync(join(TR3, 'rohanrkamath__KW-X12-Parser__edi_sample_25_claims.txt'), 'utf8')),
    );
    expect(broken.claims).toEqual([]);
    expect(broken.problems[0]!.message).toContain('SBR09');
    expect(broken.problems.find((p) => p.code === 'claim.schema')!.message).toMatch(
      /^Claim \S+: the value is missing or empty in the file$/,
    );
  });
});
