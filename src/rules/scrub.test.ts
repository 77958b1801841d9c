import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCodeSets } from '../codes/load.js';
import { claimSchema } from '../model/claim.js';
import { claim, context, line } from '../../test/fixtures/rules/helpers.js';
import { codeCheckerFromCodeSets } from './codes-adapter.js';
import { EDIT_FAMILIES, familyOf, scrubClaim, summarizeByFamily } from './scrub.js';

const demo = JSON.parse(readFileSync(join(import.meta.dirname, '../../test/fixtures/rules/demo-claims.json'), 'utf8')) as { claims: { id: string; _expect: string[] }[] };
const ctx = context({ codes: codeCheckerFromCodeSets(getCodeSets()) });

describe('scrubClaim', () => {
  it('catches every deliberate error of the seeded demo claims, and nothing on the clean ones', () => {
    for (const raw of demo.claims) {
      const parsed = claimSchema.safeParse(raw);
      const found = parsed.success ? scrubClaim(parsed.data, ctx).map((p) => p.code) : ['claim.schema'];
      expect({ id: raw.id, codes: found.sort() }).toEqual({ id: raw.id, codes: [...raw._expect].sort() });
    }
  });
  it('collects findings from several families on one claim, each with path, rule, source and fix', () => {
    const c = claim((x) => {
      x.billingProvider.npi = '1245319590';
      x.diagnoses = ['E11.9', 'E10.9'];
      x.lines = [line('45380'), line('45378'), line('36415', { units: 5 })];
    });
    const found = scrubClaim(c, ctx);
    const families = new Set(found.map(familyOf));
    for (const f of ['structure', 'icd10cm-conventions', 'ncci-ptp', 'mue'] as const) expect(families.has(f)).toBe(true);
    for (const p of found) {
      expect(p.ruleId).toBeTruthy();
      expect(p.source).toBeTruthy();
      expect(p.fix).toBeTruthy();
      expect(p.path).toBeTypeOf('string');
    }
    const summary = summarizeByFamily([found, []]);
    expect(summary.map((s) => s.family)).toEqual(EDIT_FAMILIES.map((f) => f.id));
    expect(summary.find((s) => s.family === 'ncci-ptp')!.errors).toBe(1);
  });
  it('keeps going when one family throws', () => {
    const broken = { ...ctx, payerRules: [{ id: 'bad', when: null, action: { type: 'warn', message: 'x' } }] } as unknown as typeof ctx;
    const found = scrubClaim(claim(), broken);
    expect(found.some((p) => p.code === 'scrub.internal' && p.ruleId === 'payer-rules')).toBe(true);
  });
});
