/**
 * NCCI add-on code edits: an add-on code is paid only with one of its primary codes on the same date
 * by the same provider. Edit type 1 = only the primaries CMS lists; type 3 = the listed primaries and
 * others the contractor may accept; type 2 = primaries defined by the contractor (not checkable here).
 * Source: CMS NCCI add-on code edit tables and NCCI Policy Manual ch. I.
 */
import type { Problem } from '../model/problem.js';
import { cap, lineWord } from './claim-facts.js';
import type { EditFamily, EditInput } from './edit-family.js';
import { NO_PROBLEMS } from './edit-family.js';

const RULE = 'add-on-codes';

/** Runs the add-on code edits. */
export function checkAddOnCodes({ facts, context }: EditInput): readonly Problem[] {
  const t = context.tables.addOn.at(facts.firstDateOfService);
  if (!t) return NO_PROBLEMS;
  let out: Problem[] | undefined;
  const lines = facts.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const e = t.data.get(l.code);
    if (!e || e.type === 2) continue;
    let found = false;
    for (let k = 0; k < lines.length && !found; k++) {
      const o = lines[k]!;
      if (k !== i && o.day === l.day && o.providerNpi === l.providerNpi && e.primaries.has(o.code)) found = true;
    }
    if (found) continue;
    const some = [...e.primaries].slice(0, 8).join(', ');
    const more = e.primaries.size > 8 ? `, … (${e.primaries.size} in all)` : '';
    (out ??= []).push({
      severity: e.type === 1 ? 'error' : 'warning',
      code: `aoc.no-primary.${e.type}`,
      message: `${cap(lineWord(i))} (${l.code}) is an add-on code, but no primary code for it is billed on ${l.dateOfService} by the same provider.`,
      path: `lines[${i}].procedureCode`,
      ruleId: RULE,
      source: `${t.cite}: ${l.code} edit type ${e.type}`,
      fix:
        e.type === 1
          ? `Bill ${l.code} with its primary procedure (one of ${some}${more}) on the same date, or remove it.`
          : `Bill ${l.code} with a primary procedure (CMS lists ${some}${more}; the payer may accept others), or remove it.`,
    });
  }
  return out ?? NO_PROBLEMS;
}

export const addOnCodesFamily: EditFamily = { id: 'add-on-codes', title: 'Add-on codes (NCCI)', run: checkAddOnCodes };
