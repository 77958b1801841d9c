import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../syntax/tokenizer.js';
import { read277ca } from './read-277ca.js';

const DIR = join(import.meta.dirname, '../../../test/fixtures/x12/277CA');
const ACCEPTED = readFileSync(
  join(DIR, 'Project-Herophilus__Project-Herophilus-Assets__277CA_Sample_Accepted_.txt'),
  'utf8',
);

describe('read277ca', () => {
  it('reads the accepted sample: one claim accepted into adjudication, with the batch counts', () => {
    const r = read277ca(tokenize(ACCEPTED));
    expect(r.problems).toEqual([]);
    expect(r.claims).toHaveLength(1);
    const c = r.claims[0]!;
    expect(c).toMatchObject({
      patientControlNumber: '5781',
      payerClaimControlNumber: '1107000000014420',
      accepted: true,
      outcome: 'accepted',
      chargeCents: 12500,
    });
    expect(c.reasons).toEqual([
      'A2 Acknowledged: accepted into the adjudication system — 20 Accepted for processing',
    ]);
    expect(c.patient).toMatchObject({ entityCode: 'QC', id: 'LL99999X' });
    expect(c.provider).toMatchObject({ entityCode: '85', id: '1234567890' });
    const receiver = r.levels.find((l) => l.level === 'receiver');
    expect(receiver).toMatchObject({
      acceptedClaims: 1,
      acceptedAmountCents: 12500,
      traceNumber: '000000674',
    });
    expect(receiver?.statuses[0]?.codes[0]).toMatchObject({ categoryCode: 'A1', statusCode: '20' });
  });

  it('reports a rejected claim with every reason (sample edited to a rejection)', () => {
    const rejected = ACCEPTED.replace(
      'STC*A2:20*20110311*WQ*125',
      'STC*A7:562:85*20110311*U*125*******A6:21:IL',
    );
    const r = read277ca(tokenize(rejected));
    const c = r.claims[0]!;
    expect(c.accepted).toBe(false);
    expect(c.outcome).toBe('rejected');
    expect(c.reasons).toEqual([
      "A7 Acknowledged: rejected for invalid information — 562 Entity's National Provider Identifier (NPI) (billing provider)",
      'A6 Acknowledged: rejected for missing information — 21 Missing or invalid information (subscriber)',
    ]);
  });

  it('uses an injected code lookup for descriptions', () => {
    const r = read277ca(tokenize(ACCEPTED), { describe: (list, code) => `${list}:${code}` });
    expect(r.claims[0]!.reasons).toEqual(['A2 category:A2 — 20 status:20']);
  });

  it('reads the encounter acknowledgment with a receiver-level rejection and no claims', () => {
    const text = readFileSync(join(DIR, 'apimeister__x12-types__parse_277_03.edi'), 'utf8');
    const r = read277ca(tokenize(text));
    expect(r.claims).toEqual([]);
    expect(r.problems.map((p) => p.code)).toEqual(['x12.277ca.implementation']);
    const receiver = r.levels[0]!;
    expect(receiver).toMatchObject({ level: 'receiver', rejectedClaims: 3, rejectedAmountCents: 80000 });
    expect(receiver.statuses[0]).toMatchObject({ outcome: 'rejected', actionCode: 'U' });
  });

  it('never throws on truncated or garbage input', () => {
    for (let cut = 0; cut < ACCEPTED.length; cut += 7) {
      expect(() => read277ca(tokenize(ACCEPTED.slice(0, cut)))).not.toThrow();
    }
    expect(read277ca(tokenize('garbage')).problems.map((p) => p.code)).toContain('x12.277ca.none');
  });
});
