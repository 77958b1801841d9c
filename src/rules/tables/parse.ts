/**
 * Parses the TSV edit tables of data/edits/ (already gunzipped text) into the in-memory tables. Pure:
 * the loader reads the files, these functions only turn text into maps.
 */
import type { AddOnEntry, AddOnTable, CodeRange, Excludes1Note, Excludes1Table, MceKind, MceTable, MpfsTable, MueEntry, MueTable } from './tables.js';
import { MCE } from './tables.js';

function rowsOf(text: string): string[][] {
  const lines = text.split('\n');
  const out: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l !== '') out.push(l.split('\t'));
  }
  return out;
}

/** MUE TSV: code, value, mai, rationale. */
export function parseMue(text: string): MueTable {
  const m = new Map<string, MueEntry>();
  for (const [code, value, mai, rationale] of rowsOf(text)) {
    const n = Number(mai);
    if (n !== 1 && n !== 2 && n !== 3) throw new Error(`MUE table: MAI ${mai ?? ''} for ${code ?? ''}`);
    m.set(code!, { value: Number(value), mai: n, rationale: rationale ?? '' });
  }
  return m;
}

/** Add-on code TSV: addOn, type, space-separated primaries. */
export function parseAddOn(text: string): AddOnTable {
  const m = new Map<string, AddOnEntry>();
  for (const [addOn, type, primaries] of rowsOf(text)) {
    const t = Number(type);
    if (t !== 1 && t !== 2 && t !== 3) throw new Error(`add-on table: type ${type ?? ''}`);
    m.set(addOn!, { type: t, primaries: new Set(primaries ? primaries.split(' ') : []) });
  }
  return m;
}

/** MCE TSV: undotted code, kind → flags. */
export function parseMce(text: string): MceTable {
  const m = new Map<string, number>();
  for (const [code, kind] of rowsOf(text)) {
    const flag = MCE[kind as MceKind] as number | undefined;
    if (flag === undefined) throw new Error(`MCE table: kind ${kind ?? ''}`);
    m.set(code!, (m.get(code!) ?? 0) | flag);
  }
  return m;
}

/** ICD-10-CM chapters by number (tabular list), for chapter-level notes. */
const CHAPTER_RANGES: Record<string, CodeRange> = {
  '1': { lo: 'A00', hi: 'B99' },
  '2': { lo: 'C00', hi: 'D49' },
  '3': { lo: 'D50', hi: 'D89' },
  '4': { lo: 'E00', hi: 'E89' },
  '5': { lo: 'F01', hi: 'F99' },
  '6': { lo: 'G00', hi: 'G99' },
  '7': { lo: 'H00', hi: 'H59' },
  '8': { lo: 'H60', hi: 'H95' },
  '9': { lo: 'I00', hi: 'I99' },
  '10': { lo: 'J00', hi: 'J99' },
  '11': { lo: 'K00', hi: 'K95' },
  '12': { lo: 'L00', hi: 'L99' },
  '13': { lo: 'M00', hi: 'M99' },
  '14': { lo: 'N00', hi: 'N99' },
  '15': { lo: 'O00', hi: 'O9A' },
  '16': { lo: 'P00', hi: 'P96' },
  '17': { lo: 'Q00', hi: 'Q99' },
  '18': { lo: 'R00', hi: 'R99' },
  '19': { lo: 'S00', hi: 'T88' },
  '20': { lo: 'V00', hi: 'Y99' },
  '21': { lo: 'Z00', hi: 'Z99' },
  '22': { lo: 'U00', hi: 'U85' },
};

/**
 * A code or range as the tabular list writes it ("E08.-", "R73.0-R73.9", "F10.--F19.-", "T80-T88.6",
 * and malformed ones like "Z00.12.-") → an undotted prefix range.
 */
export function parseCodeRef(ref: string): CodeRange | undefined {
  const tokens = ref.toUpperCase().replace(/[.\s]/g, '').match(/[A-Z][0-9A-Z]+/g);
  if (!tokens || tokens.length === 0 || tokens.length > 2) return undefined;
  return { lo: tokens[0], hi: tokens[tokens.length - 1]! };
}

const LEVELS = ['chapter', 'block', 'category', 'subcategory_or_code'] as const;

/** Excludes1 TSV: level, node, refs ('; '-separated), text. */
export function parseExcludes1(text: string): Excludes1Table {
  const notes: Excludes1Note[] = [];
  const byNode = new Map<string, number[]>();
  const wide: number[] = [];
  for (const [level, node, refs, noteText] of rowsOf(text)) {
    const lv = LEVELS.find((l) => l === level);
    if (!lv || !node) throw new Error(`Excludes1 table: level ${level ?? ''}`);
    let scope: CodeRange | undefined;
    if (lv === 'chapter') scope = CHAPTER_RANGES[node.replace(/^Chapter\s+/, '')];
    else scope = parseCodeRef(node);
    if (!scope) throw new Error(`Excludes1 table: cannot read node ${node}`);
    const parsed = (refs ?? '')
      .split(';')
      .map((r) => parseCodeRef(r.trim()))
      .filter((r): r is CodeRange => r !== undefined);
    if (parsed.length === 0) continue;
    const idx = notes.length;
    notes.push({ node, level: lv, scope, refs: parsed, text: noteText ?? '' });
    if (lv === 'chapter' || lv === 'block') wide.push(idx);
    else {
      const key = scope.lo;
      const list = byNode.get(key);
      if (list) list.push(idx);
      else byNode.set(key, [idx]);
    }
  }
  return { notes, byNode, wide };
}

/** MPFS indicators TSV: code, pctc, global, bilateral. */
export function parseMpfs(text: string): MpfsTable {
  const m = new Map<string, { pctc: number; global: string; bilateral: number }>();
  for (const [code, pctc, global, bilateral] of rowsOf(text)) {
    if (!m.has(code!)) m.set(code!, { pctc: Number(pctc), global: global ?? '', bilateral: Number(bilateral) });
  }
  return m;
}
