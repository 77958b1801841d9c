/**
 * Adapts the code-set layer (src/codes: validateCode, the HCPCS modifier list) to the scrubber's
 * CodeChecker, choosing CPT or HCPCS Level II from a procedure code's shape.
 */
import type { CodeSets } from '../codes/code-sets.js';
import { isValidOn } from '../codes/code-sets.js';
import type { CodeSystem } from '../codes/model.js';
import { validateCode } from '../codes/validate.js';
import type { Problem } from '../model/problem.js';
import type { CodeChecker } from './edit-family.js';

/** Problems that say nothing about billing the code (CPT known by number only, shape fits two systems). */
const NOT_FOR_CLAIMS = new Set(['code.description_unlicensed', 'code.ambiguous_system']);
const HCPCS_SHAPE = /^[A-V]\d{4}$/;

/** The system of a procedure code: HCPCS Level II (letter + 4 digits) or CPT. */
export function procedureSystem(code: string): CodeSystem {
  return HCPCS_SHAPE.test(code.trim().toUpperCase()) ? 'HCPCS' : 'CPT';
}

/** A CodeChecker over loaded code sets. */
export function codeCheckerFromCodeSets(codeSets: CodeSets): CodeChecker {
  const names = (['ICD-10-CM', 'HCPCS', 'CPT'] as const)
    .map((s) => codeSets.releases(s).at(-1)?.name)
    .filter((n): n is string => n !== undefined);
  return {
    source: names.join('; ') || 'Superbill code sets',
    validate: (text, kind, dateOfService): readonly Problem[] => {
      const system: CodeSystem = kind === 'ICD-10-CM' ? 'ICD-10-CM' : procedureSystem(text);
      const problems = validateCode(codeSets, text, { system, dateOfService }).problems;
      return problems.some((p) => NOT_FOR_CLAIMS.has(p.code)) ? problems.filter((p) => !NOT_FOR_CLAIMS.has(p.code)) : problems;
    },
    isHcpcsModifier: (modifier, dateOfService) => {
      const e = codeSets.listEntry('hcpcs-modifier', modifier);
      return e !== undefined && isValidOn(e, dateOfService);
    },
  };
}
