/**
 * Age and sex conflicts of diagnoses, from the Medicare Code Editor diagnosis lists: newborn (age 0),
 * pediatric (0–17), maternity (9–64), adult (15–124), female-only and male-only codes. The patient's
 * age is taken on the claim's first date of service.
 */
import type { Problem } from '../model/problem.js';
import type { EditFamily, EditInput } from './edit-family.js';
import { NO_PROBLEMS } from './edit-family.js';
import { MCE } from './tables/tables.js';

const RULE = 'demographics';

/** MCE age ranges (MCE v41 definitions manual, "age conflict" edits), inclusive. */
export const MCE_AGE_RANGES = [
  { flag: MCE.newborn, label: 'newborn', min: 0, max: 0 },
  { flag: MCE.pediatric, label: 'pediatric', min: 0, max: 17 },
  { flag: MCE.maternity, label: 'maternity', min: 9, max: 64 },
  { flag: MCE.adult, label: 'adult', min: 15, max: 124 },
] as const;

/** Runs the age and sex edits. */
export function checkDemographics({ claim, facts, context }: EditInput): readonly Problem[] {
  const mce = context.tables.mce.at(facts.firstDateOfService);
  if (!mce) return NO_PROBLEMS;
  let out: Problem[] | undefined;
  const age = facts.age;
  const who = facts.patientPath;
  for (let i = 0; i < facts.diagnoses.length; i++) {
    const flags = mce.data.get(facts.diagnoses[i]!);
    if (flags === undefined) continue;
    const code = claim.diagnoses[i]!;
    for (const r of MCE_AGE_RANGES) {
      if ((flags & r.flag) !== 0 && (age < r.min || age > r.max)) {
        (out ??= []).push({
          severity: 'error',
          code: `demographics.age.${r.label}`,
          message: `Diagnosis ${i + 1} (${code}) is a ${r.label} diagnosis (ages ${r.min === r.max ? r.min : `${r.min}–${r.max}`}), but the patient is ${age} on ${facts.firstDateOfService}.`,
          path: `diagnoses[${i}]`,
          ruleId: RULE,
          source: `${mce.cite}, age conflict (${r.label})`,
          fix: `Check the patient's birth date (${who}.dateOfBirth) and the diagnosis; choose the code for the patient's age.`,
        });
      }
    }
    const female = (flags & MCE.female) !== 0;
    const male = (flags & MCE.male) !== 0;
    if ((female && facts.sex === 'M') || (male && facts.sex === 'F')) {
      (out ??= []).push({
        severity: 'error',
        code: 'demographics.sex',
        message: `Diagnosis ${i + 1} (${code}) is a ${female ? 'female' : 'male'}-only diagnosis, but the patient's sex is ${facts.sex}.`,
        path: `diagnoses[${i}]`,
        ruleId: RULE,
        source: `${mce.cite}, sex conflict (${female ? 'female' : 'male'} only)`,
        fix: `Check the patient's sex (${who}.sex) and the diagnosis.`,
      });
    }
  }
  return out ?? NO_PROBLEMS;
}

export const demographicsFamily: EditFamily = { id: 'demographics', title: 'Age and sex (MCE)', run: checkDemographics };
