/**
 * Code validity on the date of service: every diagnosis and procedure code must exist, be billable
 * (a leaf, with its seventh character where one is required), not be deleted or terminated, and be
 * effective already; every modifier must be a CPT modifier number or a HCPCS Level II modifier in
 * force. The checking itself is the code-set layer's (src/codes); this family places each problem on
 * its claim field.
 */
import type { Problem } from '../model/problem.js';
import { isCptModifier } from './cpt-modifiers.js';
import type { CodeChecker, EditFamily, EditInput } from './edit-family.js';
import { NO_PROBLEMS } from './edit-family.js';

const RULE = 'code-validity';
const MAX_CACHE = 100_000;

interface Cache {
  /** date → code → problems, one map per kind of code. */
  readonly dx: Map<string, Map<string, readonly Problem[]>>;
  readonly proc: Map<string, Map<string, readonly Problem[]>>;
  size: number;
}
const caches = new WeakMap<CodeChecker, Cache>();

function validateCached(checker: CodeChecker, code: string, system: 'ICD-10-CM' | 'PROCEDURE', date: string): readonly Problem[] {
  let cache = caches.get(checker);
  if (!cache) {
    cache = { dx: new Map(), proc: new Map(), size: 0 };
    caches.set(checker, cache);
  }
  const byDate = system === 'ICD-10-CM' ? cache.dx : cache.proc;
  let byCode = byDate.get(date);
  if (!byCode) {
    byCode = new Map();
    byDate.set(date, byCode);
  }
  const hit = byCode.get(code);
  if (hit) return hit;
  if (cache.size > MAX_CACHE) {
    cache.dx.clear();
    cache.proc.clear();
    cache.size = 0;
  }
  const problems = checker.validate(code, system, date);
  byCode.set(code, problems.length === 0 ? NO_PROBLEMS : problems);
  cache.size++;
  return problems;
}

function place(p: Problem, path: string, where: string, source: string): Problem {
  return {
    severity: p.severity,
    code: p.code,
    message: `${where}: ${p.message}`,
    path,
    ruleId: RULE,
    source: p.source ?? source,
    ...(p.fix !== undefined ? { fix: p.fix } : {}),
  };
}

/** Runs the code-validity edits; without a code checker in the context it says so once. */
export function checkCodeValidity({ claim, facts, context }: EditInput): readonly Problem[] {
  const checker = context.codes;
  if (!checker) {
    return [
      {
        severity: 'info',
        code: 'code-validity.not-run',
        message: 'Code validity was not checked: no code sets were loaded.',
        path: '',
        ruleId: RULE,
        source: 'Superbill scrubber',
        fix: 'Run the scrubber with the code sets (data/codes) loaded.',
      },
    ];
  }
  let out: Problem[] | undefined;
  const dxDate = facts.firstDateOfService;
  for (let i = 0; i < claim.diagnoses.length; i++) {
    const ps = validateCached(checker, claim.diagnoses[i]!, 'ICD-10-CM', dxDate);
    for (const p of ps) (out ??= []).push(place(p, `diagnoses[${i}]`, `Diagnosis ${i + 1} (${claim.diagnoses[i]!})`, checker.source));
  }
  for (const l of facts.lines) {
    const line = claim.lines[l.index]!;
    const where = `Line ${l.index + 1}`;
    const ps = validateCached(checker, line.procedureCode, 'PROCEDURE', l.dateOfService);
    for (const p of ps) (out ??= []).push(place(p, `lines[${l.index}].procedureCode`, `${where} (${l.code})`, checker.source));
    for (let k = 0; k < l.modifiers.length; k++) {
      const m = l.modifiers[k]!;
      if (isCptModifier(m)) continue;
      const hcpcs = /^[A-Z0-9]{2}$/.test(m) ? checker.isHcpcsModifier?.(m, l.dateOfService) : false;
      if (hcpcs === true || hcpcs === undefined) continue;
      (out ??= []).push({
        severity: 'error',
        code: 'modifier.unknown',
        message: `${where}: modifier "${m}" is neither a CPT modifier nor a HCPCS Level II modifier in force on ${l.dateOfService}.`,
        path: `lines[${l.index}].modifiers[${k}]`,
        ruleId: RULE,
        source: `${checker.source}; CPT modifier numbers`,
        fix: `Correct or remove modifier "${m}" on line ${l.index + 1}.`,
      });
    }
  }
  return out ?? NO_PROBLEMS;
}

export const codeValidityFamily: EditFamily = { id: 'code-validity', title: 'Code validity on the date of service', run: checkCodeValidity };
