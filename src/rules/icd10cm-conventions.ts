/**
 * ICD-10-CM conventions on one claim, as far as the data reaches:
 * - Excludes1 pairs (tabular notes, FY2027): two codes a note says are never coded together.
 * - Manifestation codes (MCE list) are never first-listed (Guidelines I.A.13, etiology/manifestation).
 * - External-cause codes V00–Y99 are never first-listed (Guidelines I.C.20).
 * - Z codes that may only be first-listed (Guidelines I.C.21.c.16).
 * Code-first / use-additional / code-also notes are not in the data: see docs/scrubber.md.
 */
import type { Problem } from '../model/problem.js';
import { dotted } from './claim-facts.js';
import type { EditFamily, EditInput } from './edit-family.js';
import { NO_PROBLEMS } from './edit-family.js';
import type { Excludes1Table } from './tables/tables.js';
import { MCE, inRange } from './tables/tables.js';

const RULE = 'icd10cm-conventions';
const GUIDELINES = 'ICD-10-CM Official Guidelines for Coding and Reporting';

const noteCache = new WeakMap<Excludes1Table, Map<string, readonly number[]>>();

/** Indexes of the Excludes1 notes that apply to `code` (undotted): notes on it, its ancestors, its block and chapter. */
export function excludes1NotesFor(table: Excludes1Table, code: string): readonly number[] {
  let cache = noteCache.get(table);
  if (!cache) {
    cache = new Map();
    noteCache.set(table, cache);
  }
  const hit = cache.get(code);
  if (hit) return hit;
  const out: number[] = [];
  for (let k = 3; k <= code.length; k++) {
    const list = table.byNode.get(code.slice(0, k));
    if (list) out.push(...list);
  }
  for (const i of table.wide) if (inRange(code, table.notes[i]!.scope)) out.push(i);
  cache.set(code, out);
  return out;
}

/** Z codes/categories that may only be first-listed (Guidelines I.C.21.c.16), with their exceptions. */
const FIRST_LISTED_ONLY = ['Z00', 'Z01', 'Z02', 'Z04', 'Z332', 'Z3181', 'Z3183', 'Z3184', 'Z34', 'Z38', 'Z39', 'Z40', 'Z42', 'Z510', 'Z511', 'Z52', 'Z761', 'Z762', 'Z9912'];
const FIRST_LISTED_EXCEPT = ['Z006', 'Z529'];

function isFirstListedOnly(code: string): boolean {
  if (code.charCodeAt(0) !== 90 /* Z */) return false;
  for (const e of FIRST_LISTED_EXCEPT) if (code.startsWith(e)) return false;
  for (const p of FIRST_LISTED_ONLY) if (code.startsWith(p)) return true;
  return false;
}

/** Runs the ICD-10-CM convention edits. */
export function checkIcd10cmConventions({ claim, facts, context }: EditInput): readonly Problem[] {
  const dx = facts.diagnoses;
  if (dx.length === 0) return NO_PROBLEMS;
  let out: Problem[] | undefined;
  const first = dx[0]!;
  const c0 = first.charCodeAt(0);
  // V, W, X, Y: chapter 20 external causes.
  if (c0 >= 86 && c0 <= 89) {
    (out ??= []).push({
      severity: 'error',
      code: 'icd10cm.external-cause-first',
      message: `Diagnosis 1 (${claim.diagnoses[0]!}) is an external-cause code (V00–Y99); external-cause codes are never first-listed.`,
      path: 'diagnoses[0]',
      ruleId: RULE,
      source: `${GUIDELINES} I.C.20`,
      fix: 'List the injury or condition first and move the external-cause code after it.',
    });
  }
  const mce = context.tables.mce.at(facts.firstDateOfService);
  if (mce && ((mce.data.get(first) ?? 0) & MCE.manifestation) !== 0) {
    (out ??= []).push({
      severity: 'error',
      code: 'icd10cm.manifestation-first',
      message: `Diagnosis 1 (${claim.diagnoses[0]!}) is a manifestation code, which cannot be first-listed: the underlying condition is coded first.`,
      path: 'diagnoses[0]',
      ruleId: RULE,
      source: `${mce.cite}; ${GUIDELINES} I.A.13`,
      fix: `Code the underlying (etiology) condition first and list ${claim.diagnoses[0]!} after it.`,
    });
  }
  for (let i = 1; i < dx.length; i++) {
    if (isFirstListedOnly(dx[i]!)) {
      (out ??= []).push({
        severity: 'warning',
        code: 'icd10cm.first-listed-only',
        message: `Diagnosis ${i + 1} (${claim.diagnoses[i]!}) is a Z code that may only be first-listed.`,
        path: `diagnoses[${i}]`,
        ruleId: RULE,
        source: `${GUIDELINES} I.C.21.c.16`,
        fix: `Move ${claim.diagnoses[i]!} to the first position, or remove it (the exception is several same-day encounters combined on one record).`,
      });
    }
  }
  const ex = context.tables.excludes1.at(facts.firstDateOfService);
  if (ex && dx.length > 1) {
    const t = ex.data;
    for (let i = 0; i < dx.length; i++) {
      const notes = excludes1NotesFor(t, dx[i]!);
      if (notes.length === 0) continue;
      for (let j = 0; j < dx.length; j++) {
        if (j === i) continue;
        const other = dx[j]!;
        if (other === dx[i]) continue;
        // Report each unordered pair once: when j < i the pair was already looked at from j's side.
        if (j < i && hasExcludes1(t, excludes1NotesFor(t, other), dx[i]!)) continue;
        const note = matchingNote(t, notes, other);
        if (note < 0) continue;
        const n = t.notes[note]!;
        const a = Math.min(i, j);
        const b = Math.max(i, j);
        (out ??= []).push({
          severity: 'error',
          code: 'icd10cm.excludes1',
          message: `Diagnoses ${a + 1} (${claim.diagnoses[a]!}) and ${b + 1} (${claim.diagnoses[b]!}) are never coded together: the Excludes1 note at ${dotted(n.node)} excludes "${n.text}".`,
          path: `diagnoses[${b}]`,
          ruleId: RULE,
          source: `${ex.cite}, Excludes1 at ${n.node}; ${GUIDELINES} I.A.12.a`,
          fix: `Keep the code that describes the condition and remove the other; only when the two conditions are unrelated (the I.A.12.a exception) may both stay, with documentation.`,
        });
      }
    }
  }
  return out ?? NO_PROBLEMS;
}

function matchingNote(t: Excludes1Table, notes: readonly number[], other: string): number {
  for (const n of notes) {
    const refs = t.notes[n]!.refs;
    for (const r of refs) if (inRange(other, r)) return n;
  }
  return -1;
}

function hasExcludes1(t: Excludes1Table, notes: readonly number[], other: string): boolean {
  return matchingNote(t, notes, other) >= 0;
}

export const icd10cmConventionsFamily: EditFamily = { id: 'icd10cm-conventions', title: 'ICD-10-CM conventions', run: checkIcd10cmConventions };
