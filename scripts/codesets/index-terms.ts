/**
 * ICD-10-CM index terms as search aids: the FY2025 Alphabetic Index term paths (a CSV flattened from
 * the public-domain XML) and the April 2026 Table of Neoplasms, Table of Drugs and Chemicals and
 * External Cause Index (XML). Each becomes rows of (source, path, code, nonessential modifiers, see).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clean, readCsvObjects } from './io.js';

export interface TermRow {
  readonly source: 'alphabetic' | 'neoplasm' | 'drug' | 'external-cause';
  readonly path: string;
  readonly code: string;
  readonly nonessential: string;
  readonly see: string;
}

/**
 * An index code ending in "-" needs more characters (Index conventions, ICD-10-CM Official Guidelines
 * I.A.17 "the dash"); we keep the prefix and mark the term incomplete by the trailing "-".
 */
function normaliseIndexCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Alphabetic index: rows with a code, plus "see" rows resolved to the code of the path they point to. */
export function readAlphabeticIndex(shared: string): TermRow[] {
  const rows = readCsvObjects(join(shared, 'icd10cm', 'index', 'alphabetic-index-term-paths-fy2025.csv.gz'));
  const codeByPath = new Map<string, string>();
  for (const r of rows)
    if (r.code !== '' && !codeByPath.has(r.term_path!)) codeByPath.set(r.term_path!, r.code!);
  const out: TermRow[] = [];
  for (const r of rows) {
    const path = clean(r.term_path!);
    const nonessential = clean(r.nonessential_modifiers ?? '');
    if (r.code !== '') {
      out.push({
        source: 'alphabetic',
        path,
        code: normaliseIndexCode(r.code!),
        nonessential,
        see: clean(r.see ?? ''),
      });
      continue;
    }
    // "Abdominalgia — see Pain, abdominal": follow the reference when it names a path with a code.
    const target = r.see !== '' ? codeByPath.get(r.see!) : undefined;
    if (target !== undefined)
      out.push({
        source: 'alphabetic',
        path,
        code: normaliseIndexCode(target),
        nonessential,
        see: clean(r.see!),
      });
  }
  return out;
}

interface XmlNode {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlNode[];
  text: string;
}

/** A minimal XML reader for the CDC index files (elements, attributes, text; no entities or CDATA in them). */
export function parseXml(text: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const re = /<(\/?)([A-Za-z_][\w.-]*)([^>]*?)(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|([^<]+)/g;
  for (const m of text.matchAll(re)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += m[5];
      continue;
    }
    if (m[2] === undefined) continue;
    if (m[1] === '/') {
      if (top.name !== m[2]) throw new Error(`XML: </${m[2]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([\w.-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    const node: XmlNode = { name: m[2], attrs, children: [], text: '' };
    top.children.push(node);
    if (m[4] !== '/') stack.push(node);
  }
  if (stack.length !== 1) throw new Error('XML: unclosed elements');
  if (/&/.test(text)) throw new Error('XML: entities are not supported by this reader');
  return root;
}

function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

function titleOf(node: XmlNode): { title: string; nonessential: string } {
  const t = child(node, 'title');
  if (!t) return { title: '', nonessential: '' };
  const nemod = t.children.filter((c) => c.name === 'nemod').map((c) => c.text);
  return { title: clean(t.text), nonessential: clean(nemod.join(' ')) };
}

/** Tables (neoplasm, drug): one row per filled cell, the path ending in the column heading. */
function readTable(path: string, source: 'neoplasm' | 'drug'): TermRow[] {
  const root = parseXml(readFileSync(path, 'utf8'));
  const index = child(root, 'ICD10CM.index')!;
  const heads = new Map<string, string>();
  for (const h of child(index, 'indexHeading')?.children ?? []) heads.set(h.attrs.col ?? '', clean(h.text));
  const out: TermRow[] = [];
  const walk = (node: XmlNode, parents: readonly string[]): void => {
    const { title, nonessential } = titleOf(node);
    const here = [...parents, title];
    const see = clean(child(node, 'see')?.text ?? child(node, 'seeAlso')?.text ?? '');
    for (const cell of node.children.filter((c) => c.name === 'cell')) {
      const code = clean(cell.text);
      if (code === '' || code === '--') continue;
      const heading = heads.get(cell.attrs.col ?? '') ?? `column ${cell.attrs.col ?? '?'}`;
      out.push({
        source,
        path: `${here.join(' > ')} > ${heading}`,
        code: normaliseIndexCode(code),
        nonessential,
        see,
      });
    }
    for (const c of node.children) if (c.name === 'term') walk(c, here);
  };
  for (const letter of index.children.filter((c) => c.name === 'letter')) {
    for (const main of letter.children.filter((c) => c.name === 'mainTerm')) walk(main, []);
  }
  return out;
}

/** External Cause Index: one row per term with a code. */
function readExternalCause(path: string): TermRow[] {
  const root = parseXml(readFileSync(path, 'utf8'));
  const index = child(root, 'ICD10CM.index')!;
  const out: TermRow[] = [];
  const walk = (node: XmlNode, parents: readonly string[]): void => {
    const { title, nonessential } = titleOf(node);
    const here = [...parents, title];
    const code = clean(child(node, 'code')?.text ?? '');
    const see = clean(child(node, 'see')?.text ?? child(node, 'seeAlso')?.text ?? '');
    if (code !== '')
      out.push({
        source: 'external-cause',
        path: here.join(' > '),
        code: normaliseIndexCode(code),
        nonessential,
        see,
      });
    for (const c of node.children) if (c.name === 'term') walk(c, here);
  };
  for (const letter of index.children.filter((c) => c.name === 'letter')) {
    for (const main of letter.children.filter((c) => c.name === 'mainTerm')) walk(main, []);
  }
  return out;
}

/** All index terms, in source order. */
export function buildIndexTerms(shared: string): TermRow[] {
  const dir = join(shared, 'icd10cm', 'index');
  return [
    ...readAlphabeticIndex(shared),
    ...readTable(join(dir, 'icd10cm-neoplasm-April-1-2026.xml'), 'neoplasm'),
    ...readTable(join(dir, 'icd10cm-drug-April-1-2026.xml'), 'drug'),
    ...readExternalCause(join(dir, 'icd10cm-eindex-April-1-2026.xml')),
  ];
}
