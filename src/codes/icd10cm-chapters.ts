/**
 * The 22 chapters of ICD-10-CM with their category ranges (ICD-10-CM Tabular List, FY2026). The order
 * files list categories and subcategories but not chapters or blocks, so this small table is ours;
 * the build checks that every category in every release falls in exactly one chapter.
 */
export interface IcdChapter {
  readonly chapter: number;
  /** First and last three-character category of the chapter (inclusive). */
  readonly first: string;
  readonly last: string;
  readonly title: string;
}

export const ICD10CM_CHAPTERS: readonly IcdChapter[] = [
  { chapter: 1, first: 'A00', last: 'B99', title: 'Certain infectious and parasitic diseases' },
  { chapter: 2, first: 'C00', last: 'D49', title: 'Neoplasms' },
  {
    chapter: 3,
    first: 'D50',
    last: 'D89',
    title:
      'Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism',
  },
  { chapter: 4, first: 'E00', last: 'E89', title: 'Endocrine, nutritional and metabolic diseases' },
  { chapter: 5, first: 'F01', last: 'F99', title: 'Mental, behavioral and neurodevelopmental disorders' },
  { chapter: 6, first: 'G00', last: 'G99', title: 'Diseases of the nervous system' },
  { chapter: 7, first: 'H00', last: 'H59', title: 'Diseases of the eye and adnexa' },
  { chapter: 8, first: 'H60', last: 'H95', title: 'Diseases of the ear and mastoid process' },
  { chapter: 9, first: 'I00', last: 'I99', title: 'Diseases of the circulatory system' },
  { chapter: 10, first: 'J00', last: 'J99', title: 'Diseases of the respiratory system' },
  { chapter: 11, first: 'K00', last: 'K95', title: 'Diseases of the digestive system' },
  { chapter: 12, first: 'L00', last: 'L99', title: 'Diseases of the skin and subcutaneous tissue' },
  {
    chapter: 13,
    first: 'M00',
    last: 'M99',
    title: 'Diseases of the musculoskeletal system and connective tissue',
  },
  { chapter: 14, first: 'N00', last: 'N99', title: 'Diseases of the genitourinary system' },
  { chapter: 15, first: 'O00', last: 'O9A', title: 'Pregnancy, childbirth and the puerperium' },
  { chapter: 16, first: 'P00', last: 'P96', title: 'Certain conditions originating in the perinatal period' },
  {
    chapter: 17,
    first: 'Q00',
    // FY2026 added category QA0 (genetic disorders) and FY2027 QA1: the chapter runs past Q99.
    last: 'QA9',
    title: 'Congenital malformations, deformations, chromosomal abnormalities, and genetic disorders',
  },
  {
    chapter: 18,
    first: 'R00',
    last: 'R99',
    title: 'Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified',
  },
  {
    chapter: 19,
    first: 'S00',
    last: 'T88',
    title: 'Injury, poisoning and certain other consequences of external causes',
  },
  { chapter: 20, first: 'V00', last: 'Y99', title: 'External causes of morbidity' },
  {
    chapter: 21,
    first: 'Z00',
    last: 'Z99',
    title: 'Factors influencing health status and contact with health services',
  },
  { chapter: 22, first: 'U00', last: 'U85', title: 'Codes for special purposes' },
];

/** The chapter of an ICD-10-CM code (dotted or not), by its three-character category; undefined if none. */
export function icd10cmChapterOf(code: string): IcdChapter | undefined {
  const category = code.slice(0, 3).toUpperCase();
  // Plain string order works: digits sort before letters, so O9A falls after O99 as in the tabular list.
  return ICD10CM_CHAPTERS.find((c) => category >= c.first && category <= c.last);
}
