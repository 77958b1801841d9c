/**
 * The scrubber: runs every edit family on a claim and collects every finding (it never stops at the
 * first), so a biller fixes all of them in one pass. Pure: the tables and code sets come in the
 * context (see tables/load.ts and codes-adapter.ts for loading).
 */
import type { Claim } from '../model/claim.js';
import { claimTotalCents } from '../model/claim.js';
import type { Problem } from '../model/problem.js';
import { addOnCodesFamily } from './add-on-codes.js';
import { claimFacts } from './claim-facts.js';
import { codeValidityFamily } from './code-validity.js';
import { demographicsFamily } from './demographics.js';
import type { EditFamily, EditFamilyId, ScrubContext } from './edit-family.js';
import { EDIT_FAMILY_IDS } from './edit-family.js';
import { icd10cmConventionsFamily } from './icd10cm-conventions.js';
import { modifiersFamily } from './modifiers.js';
import { mueFamily } from './mue.js';
import { ncciPtpFamily } from './ncci-ptp.js';
import { payerRulesFamily } from './payer-rules.js';
import { checkDeclaredTotal, structureFamily } from './structure.js';

/** Every edit family, in the order findings are listed. */
export const EDIT_FAMILIES: readonly EditFamily[] = [
  structureFamily,
  codeValidityFamily,
  icd10cmConventionsFamily,
  demographicsFamily,
  ncciPtpFamily,
  mueFamily,
  addOnCodesFamily,
  modifiersFamily,
  payerRulesFamily,
];

export interface ScrubOptions {
  /** CLM02 as read from an 837P; checked against the sum of the lines. */
  readonly declaredTotalCents?: number;
  /** Run only these families (default: all). */
  readonly families?: readonly EditFamilyId[];
}

/** Runs all edits on one claim and returns every finding. */
export function scrubClaim(claim: Claim, context: ScrubContext, options: ScrubOptions = {}): Problem[] {
  const facts = claimFacts(claim);
  const input = { claim, facts, context };
  const findings: Problem[] = [];
  for (const family of EDIT_FAMILIES) {
    if (options.families && !options.families.includes(family.id)) continue;
    let found: readonly Problem[];
    try {
      found = family.run(input);
    } catch (e) {
      // One broken edit must not hide the others' findings.
      found = [
        {
          severity: 'error',
          code: 'scrub.internal',
          message: `The ${family.title} edits failed on this claim: ${e instanceof Error ? e.message : String(e)}`,
          path: '',
          ruleId: family.id,
          source: 'Superbill scrubber',
          fix: 'Report this claim to the Superbill maintainers.',
        },
      ];
    }
    for (const p of found) findings.push(p);
  }
  if (options.declaredTotalCents !== undefined) {
    for (const p of checkDeclaredTotal(claim, options.declaredTotalCents, claimTotalCents(claim))) findings.push(p);
  }
  return findings;
}

/** The edit family a finding belongs to (payer rules carry `payer-rules:<id>`; claim-format errors `schema`). */
export function familyOf(p: Problem): EditFamilyId | 'schema' | 'other' {
  const id = (p.ruleId ?? '').split(':')[0]!;
  if (id === 'schema') return 'schema';
  return (EDIT_FAMILY_IDS as readonly string[]).includes(id) ? (id as EditFamilyId) : 'other';
}

export interface FamilySummary {
  readonly family: EditFamilyId | 'schema' | 'other';
  readonly title: string;
  errors: number;
  warnings: number;
  infos: number;
  /** Claims with at least one finding of this family. */
  claims: number;
}

/** Counts findings per edit family over many claims' findings. */
export function summarizeByFamily(perClaim: readonly (readonly Problem[])[]): FamilySummary[] {
  const by = new Map<string, FamilySummary>();
  for (const f of EDIT_FAMILIES) by.set(f.id, { family: f.id, title: f.title, errors: 0, warnings: 0, infos: 0, claims: 0 });
  for (const findings of perClaim) {
    const seen = new Set<string>();
    for (const p of findings) {
      const fam = familyOf(p);
      let s = by.get(fam);
      if (!s) {
        s = { family: fam, title: fam === 'schema' ? 'Claim format (schema)' : 'Other', errors: 0, warnings: 0, infos: 0, claims: 0 };
        by.set(fam, s);
      }
      if (p.severity === 'error') s.errors++;
      else if (p.severity === 'warning') s.warnings++;
      else s.infos++;
      if (!seen.has(fam)) {
        seen.add(fam);
        s.claims++;
      }
    }
  }
  return [...by.values()];
}
