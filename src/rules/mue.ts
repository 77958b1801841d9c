/**
 * Medically unlikely edits (MUE): the most units of a code one provider reports for one patient on
 * one date of service. The MUE adjudication indicator (MAI) says how: 1 = per claim line (more units
 * may be billed on separate lines with an appropriate modifier), 2 = per day, an absolute policy limit,
 * 3 = per day, a clinical limit that can be exceeded on appeal with documentation. Per-day limits add
 * the units of every line with the same code, date and provider.
 * Source: CMS "Medically Unlikely Edits" and NCCI Policy Manual ch. I §V.
 */
import type { Problem } from '../model/problem.js';
import type { LineFacts } from './claim-facts.js';
import { cap, lineWord } from './claim-facts.js';
import type { EditFamily, EditInput } from './edit-family.js';
import { NO_PROBLEMS } from './edit-family.js';
import type { MueTable, TableRelease } from './tables/tables.js';

const RULE = 'mue';

/** Runs the MUE edits with the given table(s): the first table that lists a code is used for it. */
export function checkMue({ facts }: EditInput, tables: readonly (TableRelease<MueTable> | undefined)[]): readonly Problem[] {
  let out: Problem[] | undefined;
  const lines = facts.lines;
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    // Anaesthesia minutes (SV103 MJ) are time, not MUE units.
    if (l.minutes) continue;
    let entry;
    let cite = '';
    for (const t of tables) {
      if (!t) continue;
      entry = t.data.get(l.code);
      if (entry) {
        cite = t.cite;
        break;
      }
    }
    if (!entry) continue;
    if (entry.mai === 1) {
      if (l.units > entry.value) {
        (out ??= []).push({
          severity: 'error',
          code: 'mue.line',
          message: `${cap(lineWord(i))}: ${l.units} units of ${l.code} exceed the MUE of ${entry.value} per line (MAI 1, ${entry.rationale}).`,
          path: `lines[${i}].units`,
          ruleId: RULE,
          source: `${cite}: ${l.code} MUE ${entry.value}, MAI 1 (per line)`,
          fix:
            entry.value === 0
              ? `${l.code} is not payable in this setting (MUE 0); remove ${lineWord(i)}.`
              : `Bill at most ${entry.value} units on ${lineWord(i)}; if more were medically necessary, report the rest on another line with a modifier such as 76, 91, 59 or an anatomic modifier, as documented.`,
        });
      }
      continue;
    }
    // Per-day (MAI 2/3): add up the same code on the same date and provider; report on the first line.
    let first = true;
    for (let k = 0; k < i; k++) if (sameDay(lines[k]!, l)) first = false;
    if (!first) continue;
    let total = 0;
    let count = 0;
    for (let k = i; k < n; k++) {
      const o = lines[k]!;
      if (sameDay(o, l) && !o.minutes) {
        total += o.units;
        count++;
      }
    }
    if (total > entry.value) {
      const policy = entry.mai === 2;
      (out ??= []).push({
        severity: 'error',
        code: policy ? 'mue.day.policy' : 'mue.day.clinical',
        message: `${total} units of ${l.code} on ${l.dateOfService}${count > 1 ? ` (${count} lines)` : ''} exceed the MUE of ${entry.value} per day (MAI ${entry.mai}, ${policy ? 'policy' : 'clinical'}: ${entry.rationale}).`,
        path: `lines[${i}].units`,
        ruleId: RULE,
        source: `${cite}: ${l.code} MUE ${entry.value}, MAI ${entry.mai} (per date of service)`,
        fix: entry.value === 0
          ? `${l.code} is not payable in this setting (MUE 0); remove it.`
          : policy
            ? `Reduce the units of ${l.code} on ${l.dateOfService} to ${entry.value} in total; MAI 2 is a policy limit that no appeal overrides.`
            : `Reduce the units of ${l.code} on ${l.dateOfService} to ${entry.value} in total, or keep them and be ready to appeal with records showing the units were medically necessary (MAI 3).`,
      });
    }
  }
  return out ?? NO_PROBLEMS;
}

function sameDay(a: LineFacts, b: LineFacts): boolean {
  return a.code === b.code && a.day === b.day && a.providerNpi === b.providerNpi;
}

/** The MUE family: practitioner (then DME supplier) tables for professional claims, outpatient hospital for institutional. */
export const mueFamily: EditFamily = {
  id: 'mue',
  title: 'Medically unlikely edits (units)',
  run: (input) => {
    const d = input.facts.firstDateOfService;
    const t = input.context.tables;
    return input.facts.professional
      ? checkMue(input, [t.muePractitioner.at(d), t.mueDmeSupplier.at(d)])
      : checkMue(input, [t.mueOutpatientHospital.at(d)]);
  },
};
