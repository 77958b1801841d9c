/**
 * CPT modifiers are AMA content: Superbill keeps only their numbers and a few words of its own for
 * each (never the AMA wording). Used to tell a valid CPT modifier from a typo; HCPCS Level II
 * modifiers come from the code sets.
 */
export const CPT_MODIFIERS: Readonly<Record<string, string>> = {
  '22': 'more work than usual',
  '23': 'anesthesia where usually none',
  '24': 'unrelated visit in a postoperative period',
  '25': 'separate visit on a procedure day',
  '26': 'professional part only',
  '27': 'several outpatient hospital visits same day',
  '32': 'service required by a third party',
  '33': 'preventive service',
  '47': 'anesthesia given by the surgeon',
  '50': 'both sides',
  '51': 'several procedures',
  '52': 'service cut short',
  '53': 'stopped before completion',
  '54': 'surgery only, no pre/post care',
  '55': 'after-surgery care only',
  '56': 'before-surgery care only',
  '57': 'visit that led to major surgery',
  '58': 'planned follow-up procedure in a postoperative period',
  '59': 'distinct service',
  '62': 'two surgeons',
  '63': 'procedure on a very small infant',
  '66': 'surgical team',
  '73': 'outpatient procedure stopped before anesthesia',
  '74': 'outpatient procedure stopped after anesthesia',
  '76': 'repeated by the same clinician',
  '77': 'repeated by another clinician',
  '78': 'unplanned return to the operating room',
  '79': 'unrelated procedure in a postoperative period',
  '80': 'assistant surgeon',
  '81': 'minimal assistant surgeon',
  '82': 'assistant surgeon when no resident available',
  '90': 'test done by an outside lab',
  '91': 'repeated lab test',
  '92': 'test on a portable kit',
  '93': 'audio-only telemedicine',
  '95': 'audio-video telemedicine',
  '96': 'habilitative service',
  '97': 'rehabilitative service',
  '99': 'more than one modifier applies',
  P1: 'healthy patient (anesthesia)',
  P2: 'mild systemic disease (anesthesia)',
  P3: 'severe systemic disease (anesthesia)',
  P4: 'life-threatening systemic disease (anesthesia)',
  P5: 'not expected to survive without surgery (anesthesia)',
  P6: 'brain-dead organ donor (anesthesia)',
};

/** True when `modifier` is a CPT modifier number Superbill knows. */
export function isCptModifier(modifier: string): boolean {
  return Object.hasOwn(CPT_MODIFIERS, modifier);
}
