/**
 * NCCI procedure-to-procedure (PTP) edits: two codes billed for the same patient on the same date of
 * service by the same provider. Modifier indicator 0 = never paid together; 1 = paid together only
 * with an NCCI-associated modifier when the services were distinct (documented); 9 = edit not in force.
 * Modifier rules: NCCI Policy Manual for Medicare Services, Chapter I, section E ("Modifiers and
 * Modifier Indicators").
 */
import type { Problem } from '../model/problem.js';
import type { LineFacts } from './claim-facts.js';
import { cap, lineWord } from './claim-facts.js';
import type { EditFamily, EditInput } from './edit-family.js';
import { NO_PROBLEMS } from './edit-family.js';
import type { PtpTable } from './tables/ptp-format.js';
import { dayToDate, findPtpRow } from './tables/ptp-format.js';

const RULE = 'ncci-ptp';
const POLICY = 'NCCI Policy Manual ch. I §E';

/** Modifiers that bypass an indicator-1 edit when the services were distinct (not anatomic). */
export const NCCI_DISTINCT_MODIFIERS = ['25', '27', '57', '58', '59', '78', '79', '91', 'XE', 'XP', 'XS', 'XU'] as const;
/** Anatomic modifiers: bypass an indicator-1 edit when the two lines name different sites. */
export const NCCI_ANATOMIC_MODIFIERS = [
  'E1', 'E2', 'E3', 'E4', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'LC', 'LD', 'LM', 'LT', 'RC',
  'RI', 'RT', 'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9',
] as const;
const DISTINCT = new Set<string>(NCCI_DISTINCT_MODIFIERS);
const ANATOMIC = new Set<string>(NCCI_ANATOMIC_MODIFIERS);

function hasDistinctModifier(l: LineFacts): boolean {
  for (const m of l.modifiers) if (DISTINCT.has(m)) return true;
  return false;
}

function anatomicKey(l: LineFacts): string {
  let key = '';
  for (const m of l.modifiers) if (ANATOMIC.has(m)) key += m;
  return key;
}

/** True when the pair of lines carries a modifier that lets an indicator-1 edit pass. */
export function bypassesPtp(a: LineFacts, b: LineFacts): boolean {
  if (hasDistinctModifier(a) || hasDistinctModifier(b)) return true;
  const ka = anatomicKey(a);
  const kb = anatomicKey(b);
  return ka !== '' && kb !== '' && ka !== kb;
}

/** Runs the PTP edits over every pair of lines on the same date and provider. */
export function checkNcciPtp({ facts }: EditInput, table?: { cite: string; data: PtpTable }): readonly Problem[] {
  if (!table) return NO_PROBLEMS;
  const t = table.data;
  const lines = facts.lines;
  const n = lines.length;
  if (n < 2) return NO_PROBLEMS;
  let out: Problem[] | undefined;
  for (let i = 0; i < n; i++) {
    const a = lines[i]!;
    const ia = t.codeIndex.get(a.code);
    if (ia === undefined) continue;
    for (let j = i + 1; j < n; j++) {
      const b = lines[j]!;
      if (b.day !== a.day || b.providerNpi !== a.providerNpi || b.code === a.code) continue;
      const ib = t.codeIndex.get(b.code);
      if (ib === undefined) continue;
      let col1 = a;
      let col2 = b;
      let row = findPtpRow(t, ia, ib, a.day);
      if (row < 0) {
        row = findPtpRow(t, ib, ia, a.day);
        col1 = b;
        col2 = a;
      }
      if (row < 0) continue;
      const indicator = t.indicator[row]!;
      if (indicator === 9) continue;
      if (indicator === 1 && bypassesPtp(col1, col2)) continue;
      const rationale = t.rationales[t.rationale[row]!] ?? '';
      const deleted = t.deletion[row]!;
      const inForce = deleted === 0 ? '' : ` (pair in force until ${dayToDate(deleted)})`;
      const w1 = lineWord(col1.index);
      const w2 = lineWord(col2.index);
      const source = `${table.cite}: column 1 ${col1.code}, column 2 ${col2.code}, modifier indicator ${indicator}, rationale "${rationale}"${inForce}`;
      if (indicator === 0) {
        (out ??= []).push({
          severity: 'error',
          code: 'ncci.ptp.0',
          message: `${cap(w2)} (${col2.code}) is not paid with ${w1} (${col1.code}) on the same day ${col1.dateOfService}: NCCI bundles ${col2.code} into ${col1.code} and no modifier can unbundle them (${rationale}).`,
          path: `lines[${col2.index}].procedureCode`,
          ruleId: RULE,
          source,
          fix: `Remove ${w2} (${col2.code}); it is included in ${col1.code}. If it was performed on another day, correct its date.`,
        });
      } else {
        const em = col2.isEm || col1.isEm;
        const suggest = em ? '25' : 'XU';
        const target = em ? (col2.isEm ? col2 : col1) : col2;
        (out ??= []).push({
          severity: 'error',
          code: 'ncci.ptp.1',
          message: `${cap(w2)} (${col2.code}) is bundled into ${w1} (${col1.code}) on ${col1.dateOfService} unless the services were distinct, and no modifier on either line marks them distinct (${rationale}).`,
          path: `lines[${target.index}].modifiers`,
          ruleId: RULE,
          source: `${source}; ${POLICY}`,
          fix: em
            ? `Add modifier 25 to ${lineWord(target.index)} (${target.code}) if the E/M was significant and separately identifiable; otherwise remove ${w2}.`
            : `Add modifier ${suggest} to ${w2} if the service was distinct (XE separate encounter, XS separate site, XP separate practitioner, XU unusual non-overlapping service; 59 if the payer does not take X modifiers; or matching anatomic modifiers such as LT/RT); otherwise remove ${w2}.`,
        });
      }
    }
  }
  return out ?? NO_PROBLEMS;
}

/** The PTP family: practitioner table for professional claims, outpatient hospital for institutional. */
export const ncciPtpFamily: EditFamily = {
  id: 'ncci-ptp',
  title: 'NCCI procedure-to-procedure',
  run: (input) => {
    const t = input.facts.professional ? input.context.tables.ptpPractitioner : input.context.tables.ptpOutpatientHospital;
    return checkNcciPtp(input, t.at(input.facts.firstDateOfService));
  },
};
