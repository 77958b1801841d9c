import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claim, codes, context, line, run } from '../../test/fixtures/rules/helpers.js';
import { parsePayerRules, payerRulesFamily } from './payer-rules.js';

const rules = parsePayerRules(JSON.parse(readFileSync(join(import.meta.dirname, '../../test/fixtures/rules/payer-rules.json'), 'utf8')));
const ctx = context({ payerRules: rules });
const acme = (patch: Parameters<typeof claim>[0] = () => undefined) =>
  claim((c) => {
    c.payer = { name: 'Acme Health', payerId: 'ACME1', claimFilingIndicator: 'CI' };
    patch(c);
  });

describe('payer rules (data, no code change)', () => {
  it('a fix rule fires per matching line and proposes adding the modifier', () => {
    const found = run(payerRulesFamily, acme((c) => (c.lines = [line('99213', { placeOfService: '10' }), line('36415', { placeOfService: '10' })])), ctx);
    expect(codes(found)).toEqual(['payer.fix']);
    expect(found[0]!).toMatchObject({ path: 'lines[0].modifiers', fix: 'Add modifier GT to line 1.', ruleId: 'payer-rules:acme-home-telehealth-gt', severity: 'warning', source: 'Acme Health provider manual 2026, telehealth section' });
  });
  it('does not fire once the fix is applied, for another payer, or another place of service', () => {
    expect(run(payerRulesFamily, acme((c) => (c.lines = [line('99213', { placeOfService: '10', modifiers: ['GT'] })])), ctx)).toEqual([]);
    expect(run(payerRulesFamily, claim((c) => (c.lines = [line('99213', { placeOfService: '10' })])), ctx)).toEqual([]);
    expect(run(payerRulesFamily, acme((c) => (c.lines = [line('99213', { placeOfService: '11' })])), ctx)).toEqual([]);
    expect(run(payerRulesFamily, acme((c) => (c.lines = [line('99201', { placeOfService: '10' })])), ctx)).toEqual([]);
  });
  it('claim-level conditions: age → hold (an error); sex + filing indicator + diagnosis prefix → warn', () => {
    const child = run(payerRulesFamily, acme((c) => void (c.subscriber.dateOfBirth = '2015-01-01')), ctx);
    expect(codes(child)).toEqual(['payer.hold']);
    expect(child[0]!.severity).toBe('error');
    expect(run(payerRulesFamily, acme(), ctx)).toEqual([]);
    const medicaid = (sex: 'F' | 'M', dx: string) =>
      claim((c) => {
        c.payer.claimFilingIndicator = 'MC';
        c.subscriber.sex = sex;
        c.diagnoses = [dx];
      });
    expect(codes(run(payerRulesFamily, medicaid('F', 'O24.419'), ctx))).toEqual(['payer.warn']);
    expect(run(payerRulesFamily, medicaid('F', 'E11.9'), ctx)).toEqual([]);
    expect(run(payerRulesFamily, medicaid('M', 'O24.419'), ctx)).toEqual([]);
  });
  it('no rules, no findings; an invalid rules file is refused', () => {
    expect(run(payerRulesFamily, acme(), context())).toEqual([]);
    expect(() => parsePayerRules([{ id: 'x', when: { payerIds: ['A'], colour: 'red' }, action: { type: 'warn', message: 'm' } }])).toThrow();
    expect(() => parsePayerRules([{ id: 'x', when: {}, action: { type: 'delete', message: 'm' } }])).toThrow();
  });
});
