/**
 * Code normalisation: users type codes with or without the dot, in lower case, with spaces
 * ("e1140", "E11.40 ", "e 11.40"). Each system has one canonical shape: ICD-10-CM with its dot after
 * the category (E11.40), HCPCS Level II and CPT as five characters (J3490, 99213, 0001F).
 */
import type { CodeSystem } from './model.js';

/** Upper-cases and strips spaces, dots and a trailing dash from user input. */
export function squeezeCode(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s.]+/g, '')
    .replace(/-+$/, '');
}

// ICD-10-CM: a category of letter, digit, digit-or-letter (A00, C4A, O9A), or QA0–QA9 (FY2026 added
// QA0, FY2027 QA1: the only categories with a letter second), then up to 4 more characters.
const ICD10CM = /^(?:[A-Z][0-9][0-9A-Z]|QA[0-9])(?:[0-9A-Z]{1,4})?$/;
// HCPCS Level II: a letter A–V then four digits (CMS HCPCS record layout).
const HCPCS = /^[A-V][0-9]{4}$/;
// CPT: five digits (Category I), or four digits and F (Category II), T (Category III), U (PLA), or a
// letter for the vaccine-administration style numbers CMS files carry (0001A).
const CPT = /^[0-9]{4}[0-9A-Z]$/;

/** The canonical form of a code in a system, or undefined when the text cannot be a code of it. */
export function normalizeCode(system: CodeSystem, text: string): string | undefined {
  const s = squeezeCode(text);
  switch (system) {
    case 'ICD-10-CM':
      if (!ICD10CM.test(s)) return undefined;
      return s.length > 3 ? `${s.slice(0, 3)}.${s.slice(3)}` : s;
    case 'HCPCS':
      return HCPCS.test(s) ? s : undefined;
    case 'CPT':
      return CPT.test(s) ? s : undefined;
  }
}

/** Systems whose shape the text fits, most likely first (a dot means ICD-10-CM). */
export function candidateSystems(text: string): CodeSystem[] {
  const hasDot = text.includes('.');
  const s = squeezeCode(text);
  const out: CodeSystem[] = [];
  if (normalizeCode('ICD-10-CM', s) !== undefined) out.push('ICD-10-CM');
  if (hasDot) return out;
  if (normalizeCode('HCPCS', s) !== undefined) out.push('HCPCS');
  if (normalizeCode('CPT', s) !== undefined) out.push('CPT');
  return out;
}
