/**
 * Modifier edits: duplicate lines, laterality (LT/RT/50), professional/technical components (26/TC)
 * against the global service, modifier 25 on an E/M with a same-day procedure, telehealth modifier 95
 * against place of service 02/10, and 59 used together with an X{EPSU} modifier. The payment-policy
 * indicators (PC/TC, global days, bilateral) come from the MPFS relative value file.
 * Sources: CMS Claims Processing Manual ch. 12 §§30.6.6 (modifier 25), 40.7 (bilateral), 20.4.3
 * (PC/TC); MLN "Proper use of modifiers 59, XE, XP, XS, XU"; CMS telehealth POS 02/10 instructions.
 */
import type { Problem } from '../model/problem.js';
import type { LineFacts } from './claim-facts.js';
import { cap, lineWord } from './claim-facts.js';
import type { EditFamily, EditInput } from './edit-family.js';
import { NO_PROBLEMS } from './edit-family.js';
import type { MpfsTable } from './tables/tables.js';

const RULE = 'modifiers';
const CPM12 = 'CMS Claims Processing Manual ch. 12';

/** Place-of-service codes for telehealth (02 other than home, 10 in the patient's home). */
export const TELEHEALTH_POS = ['02', '10'] as const;
/** Modifiers that mark a telehealth service (95 audio-video, 93 audio-only, FQ, GT/GQ legacy). */
export const TELEHEALTH_MODIFIERS = ['95', '93', 'FQ', 'GT', 'GQ'] as const;
const TELE_MODS = new Set<string>(TELEHEALTH_MODIFIERS);

function has(l: LineFacts, m: string): boolean {
  return l.modifiers.includes(m);
}

/** A procedure the modifier-25 rule counts: a code with a 0-, 10- or 90-day global period (MPFS), or a CPT surgery code when MPFS has no row. */
export function isGlobalSurgery(code: string, mpfs: MpfsTable | undefined): boolean {
  const row = mpfs?.get(code);
  if (row) return row.global === '000' || row.global === '010' || row.global === '090';
  return /^\d{5}$/.test(code) && code >= '10004' && code <= '69990';
}

/** Runs the modifier edits. */
export function checkModifiers({ facts, context }: EditInput): readonly Problem[] {
  let out: Problem[] | undefined;
  const push = (p: Omit<Problem, 'ruleId'>): void => {
    (out ??= []).push({ ...p, ruleId: RULE });
  };
  const lines = facts.lines;
  const mpfsRelease = context.tables.mpfs.at(facts.firstDateOfService);
  const mpfs = mpfsRelease?.data;
  const mpfsCite = mpfsRelease?.cite ?? 'MPFS';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const mods = l.modifiers;
    // Same modifier twice on a line.
    for (let k = 1; k < mods.length; k++) {
      if (mods.indexOf(mods[k]!) < k) push({ severity: 'error', code: 'modifier.repeated', message: `${cap(lineWord(i))}: modifier ${mods[k]!} is listed twice.`, path: `lines[${i}].modifiers[${k}]`, source: 'ASC X12 837P 005010X222A1 2400 SV101-3…6', fix: `Remove the second ${mods[k]!}.` });
    }
    if (mods.length > 0) {
      const lt = has(l, 'LT');
      const rt = has(l, 'RT');
      const bi = has(l, '50');
      if (lt && rt) push({ severity: 'error', code: 'modifier.lt-rt', message: `${cap(lineWord(i))}: LT and RT on one line contradict each other.`, path: `lines[${i}].modifiers`, source: `${CPM12} §40.7`, fix: `Bill a bilateral service with modifier 50 (or as the payer requires), or one line per side with LT and RT.` });
      if (bi && (lt || rt)) push({ severity: 'error', code: 'modifier.50-side', message: `${cap(lineWord(i))}: modifier 50 (bilateral) with ${lt ? 'LT' : 'RT'} is contradictory.`, path: `lines[${i}].modifiers`, source: `${CPM12} §40.7`, fix: `Use 50 alone for both sides, or ${lt ? 'LT' : 'RT'} alone for one side.` });
      if (bi) {
        const row = mpfs?.get(l.code);
        if (row && row.bilateral !== 1 && row.bilateral !== 3) {
          const why = row.bilateral === 2 ? 'the code already describes a bilateral procedure' : row.bilateral === 0 ? 'the bilateral adjustment does not apply to it' : 'the bilateral concept does not apply to it';
          push({ severity: 'warning', code: 'modifier.50-not-allowed', message: `${cap(lineWord(i))}: modifier 50 on ${l.code}, but ${why} (MPFS bilateral indicator ${row.bilateral}).`, path: `lines[${i}].modifiers`, source: `${mpfsCite}: ${l.code} bilateral indicator ${row.bilateral}; ${CPM12} §40.7`, fix: `Remove modifier 50 from ${lineWord(i)}${row.bilateral === 0 ? '; bill each side on its own line with RT/LT if both were done' : ''}.` });
        }
        if (l.units > 1) {
          push({ severity: 'warning', code: 'modifier.50-units', message: `${cap(lineWord(i))}: a bilateral service (modifier 50) is billed with ${l.units} units; Medicare expects 1 unit.`, path: `lines[${i}].units`, source: `${CPM12} §40.7`, fix: `Bill ${lineWord(i)} as 1 unit with modifier 50 (the payer applies the bilateral payment).` });
        }
      }
      const pc = has(l, '26');
      const tc = has(l, 'TC');
      if (pc && tc) push({ severity: 'error', code: 'modifier.26-tc', message: `${cap(lineWord(i))}: 26 (professional component) and TC (technical component) on one line; together they are the global service.`, path: `lines[${i}].modifiers`, source: `${CPM12} §20.4.3`, fix: `Bill the global service without 26/TC, or only the component you performed.` });
      if (pc || tc) {
        const row = mpfs?.get(l.code);
        if (row) {
          const ok = pc && !tc ? row.pctc === 1 || row.pctc === 6 : tc && !pc ? row.pctc === 1 : true;
          if (!ok) push({ severity: 'warning', code: 'modifier.pctc-not-applicable', message: `${cap(lineWord(i))}: modifier ${pc ? '26' : 'TC'} on ${l.code}, which has no separate ${pc ? 'professional' : 'technical'} component (MPFS PC/TC indicator ${row.pctc}).`, path: `lines[${i}].modifiers`, source: `${mpfsCite}: ${l.code} PC/TC indicator ${row.pctc}; ${CPM12} §20.4.3`, fix: `Remove modifier ${pc ? '26' : 'TC'} from ${lineWord(i)}.` });
        }
      }
      if (has(l, '59') && (has(l, 'XE') || has(l, 'XP') || has(l, 'XS') || has(l, 'XU'))) {
        push({ severity: 'warning', code: 'modifier.59-and-x', message: `${cap(lineWord(i))}: modifier 59 and an X{EPSU} modifier on the same line; use one of them.`, path: `lines[${i}].modifiers`, source: 'CMS MLN1783722 (modifiers 59, XE, XP, XS, XU)', fix: `Keep the more specific X modifier and remove 59 from ${lineWord(i)}.` });
      }
      if (has(l, '25') && !l.isEm) {
        push({ severity: 'error', code: 'modifier.25-not-em', message: `${cap(lineWord(i))}: modifier 25 applies only to evaluation and management codes, not ${l.code}.`, path: `lines[${i}].modifiers`, source: `${CPM12} §30.6.6`, fix: `Remove modifier 25 from ${lineWord(i)} (for distinct procedures use 59 or XE/XS/XP/XU).` });
      }
    }
    // Telehealth: modifier vs place of service.
    const telePos = l.placeOfService === '02' || l.placeOfService === '10';
    let teleMod = false;
    for (const m of mods) if (TELE_MODS.has(m)) teleMod = true;
    if (telePos && !teleMod && l.isEm) {
      push({ severity: 'warning', code: 'modifier.telehealth-missing', message: `${cap(lineWord(i))}: place of service ${l.placeOfService} is telehealth but the line has no telehealth modifier (95 audio-video, 93 audio-only).`, path: `lines[${i}].modifiers`, source: 'CMS telehealth billing: POS 02/10 and modifiers 95/93', fix: `Add modifier 95 to ${lineWord(i)} if the visit was audio-video (93 if audio-only), as the payer requires.` });
    }
    if (teleMod && !telePos && has(l, '95')) {
      push({ severity: 'info', code: 'modifier.telehealth-pos', message: `${cap(lineWord(i))}: modifier 95 (telehealth) with place of service ${l.placeOfService}; many payers expect POS 02 or 10 for telehealth (Medicare accepts the in-person POS with 95 for some periods).`, path: `lines[${i}].placeOfService`, source: 'CMS telehealth billing: POS 02/10 and modifier 95', fix: `Check the payer's telehealth policy; use POS 10 (patient at home) or 02 (elsewhere) if it asks for them.` });
    }
  }
  // Pairs of lines: duplicates, global + component, modifier 25.
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    for (let j = i + 1; j < lines.length; j++) {
      const b = lines[j]!;
      if (a.code !== b.code || a.day !== b.day || a.providerNpi !== b.providerNpi) continue;
      if (sameModifiers(a, b)) {
        push({ severity: 'warning', code: 'modifier.duplicate-line', message: `${cap(lineWord(j))} repeats ${lineWord(i)} (${a.code}${a.modifiers.length ? `-${a.modifiers.join('-')}` : ''} on ${a.dateOfService}); payers deny exact duplicates.`, path: `lines[${j}]`, source: `${CPM12}; NCCI Policy Manual ch. I (repeat procedures)`, fix: `Combine the two lines into one with the total units, or, if the service was repeated, add 76 (same physician), 77 (another physician) or 91 (repeat lab test) to ${lineWord(j)}.` });
        continue;
      }
      const aComp = has(a, '26') || has(a, 'TC');
      const bComp = has(b, '26') || has(b, 'TC');
      if (aComp !== bComp) {
        const comp = aComp ? a : b;
        const glob = aComp ? b : a;
        push({ severity: 'error', code: 'modifier.global-and-component', message: `${cap(lineWord(comp.index))} bills a component (${has(comp, '26') ? '26' : 'TC'}) of ${a.code} that ${lineWord(glob.index)} already bills as the global service on ${a.dateOfService}.`, path: `lines[${comp.index}].modifiers`, source: `${CPM12} §20.4.3`, fix: `Remove ${lineWord(comp.index)}: the global service includes both components.` });
      }
    }
  }
  // Modifier 25: an E/M billed on the same day as a minor or major procedure needs it.
  for (let i = 0; i < lines.length; i++) {
    const e = lines[i]!;
    if (!e.isEm) continue;
    let proc: LineFacts | undefined;
    for (let k = 0; k < lines.length && !proc; k++) {
      const p = lines[k]!;
      if (k !== i && p.day === e.day && p.providerNpi === e.providerNpi && !p.isEm && isGlobalSurgery(p.code, mpfs)) proc = p;
    }
    const has25 = has(e, '25') || has(e, '57');
    if (proc && !has25) {
      push({ severity: 'error', code: 'modifier.25-missing', message: `${cap(lineWord(i))} (${e.code}) is an E/M visit on the same day as the procedure on ${lineWord(proc.index)} (${proc.code}) but has no modifier 25; the visit will be bundled into the procedure.`, path: `lines[${i}].modifiers`, source: `${CPM12} §30.6.6; ${mpfsCite} global days`, fix: `Add modifier 25 to ${lineWord(i)} if the visit was significant and separately identifiable (57 if it was the decision for major surgery); otherwise remove ${lineWord(i)}.` });
    } else if (!proc && has(e, '25')) {
      push({ severity: 'warning', code: 'modifier.25-no-procedure', message: `${cap(lineWord(i))} (${e.code}) has modifier 25 but no procedure is billed on ${e.dateOfService}.`, path: `lines[${i}].modifiers`, source: `${CPM12} §30.6.6`, fix: `Remove modifier 25 from ${lineWord(i)} unless a same-day procedure is billed on another claim.` });
    }
  }
  return out ?? NO_PROBLEMS;
}

function sameModifiers(a: LineFacts, b: LineFacts): boolean {
  if (a.modifiers.length !== b.modifiers.length) return false;
  for (const m of a.modifiers) if (!b.modifiers.includes(m)) return false;
  return true;
}

export const modifiersFamily: EditFamily = { id: 'modifiers', title: 'Modifiers', run: checkModifiers };
