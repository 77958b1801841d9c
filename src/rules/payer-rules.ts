/**
 * Evaluates the practice's payer rules (payer-rules-schema.ts): a small condition language over the
 * claim (payer, filing indicator, diagnoses, patient age and sex) and its lines (codes, modifiers,
 * place of service, provider, units). A rule with any line condition fires once per matching line;
 * otherwise once per claim.
 */
import type { Problem, Severity } from '../model/problem.js';
import type { ClaimFacts, LineFacts } from './claim-facts.js';
import { cap, lineWord, squeezeDiagnosis } from './claim-facts.js';
import type { EditFamily, EditInput } from './edit-family.js';
import { NO_PROBLEMS } from './edit-family.js';
import type { PayerRule, PayerRuleAction } from './payer-rules-schema.js';
import { payerRulesFileSchema } from './payer-rules-schema.js';

const RULE = 'payer-rules';

interface Compiled {
  readonly rule: PayerRule;
  readonly payerIds?: ReadonlySet<string>;
  readonly filing?: ReadonlySet<string>;
  readonly dx?: readonly string[];
  readonly codes?: ReadonlySet<string>;
  readonly ranges?: readonly (readonly [string, string])[];
  readonly lineLevel: boolean;
}

const compiledCache = new WeakMap<readonly PayerRule[], readonly Compiled[]>();

function compile(rules: readonly PayerRule[]): readonly Compiled[] {
  const hit = compiledCache.get(rules);
  if (hit) return hit;
  const out = rules.map((rule): Compiled => {
    const w = rule.when;
    const codes = new Set<string>();
    const ranges: [string, string][] = [];
    for (const c of w.procedureCodes ?? []) {
      const u = c.toUpperCase();
      const dash = u.indexOf('-');
      if (dash > 0) ranges.push([u.slice(0, dash), u.slice(dash + 1)]);
      else codes.add(u);
    }
    return {
      rule,
      ...(w.payerIds ? { payerIds: new Set(w.payerIds) } : {}),
      ...(w.claimFilingIndicators ? { filing: new Set(w.claimFilingIndicators) } : {}),
      ...(w.diagnosisCodes ? { dx: w.diagnosisCodes.map(squeezeDiagnosis) } : {}),
      ...(w.procedureCodes ? { codes, ranges } : {}),
      lineLevel: !!(w.procedureCodes ?? w.hasModifiers ?? w.lacksModifiers ?? w.placesOfService ?? w.providerNpis ?? w.units),
    };
  });
  compiledCache.set(rules, out);
  return out;
}

function claimMatches(c: Compiled, input: EditInput): boolean {
  const { claim, facts } = input;
  const w = c.rule.when;
  if (c.payerIds && !c.payerIds.has(claim.payer.payerId)) return false;
  if (c.filing && !c.filing.has(claim.payer.claimFilingIndicator)) return false;
  if (w.sex && !w.sex.includes(facts.sex)) return false;
  if (w.age) {
    if (w.age.min !== undefined && facts.age < w.age.min) return false;
    if (w.age.max !== undefined && facts.age > w.age.max) return false;
  }
  if (c.dx && !anyDiagnosis(c.dx, facts)) return false;
  return true;
}

function anyDiagnosis(prefixes: readonly string[], facts: ClaimFacts): boolean {
  for (const d of facts.diagnoses) for (const p of prefixes) if (d.startsWith(p)) return true;
  return false;
}

function lineMatches(c: Compiled, l: LineFacts): boolean {
  const w = c.rule.when;
  if (c.codes) {
    let ok = c.codes.has(l.code);
    if (!ok && c.ranges) for (const [lo, hi] of c.ranges) if (l.code.length === lo.length && l.code >= lo && l.code <= hi) ok = true;
    if (!ok) return false;
  }
  if (w.hasModifiers) for (const m of w.hasModifiers) if (!l.modifiers.includes(m.toUpperCase())) return false;
  if (w.lacksModifiers) for (const m of w.lacksModifiers) if (l.modifiers.includes(m.toUpperCase())) return false;
  if (w.placesOfService && !w.placesOfService.includes(l.placeOfService)) return false;
  if (w.providerNpis && !w.providerNpis.includes(l.providerNpi)) return false;
  if (w.units) {
    if (w.units.min !== undefined && l.units < w.units.min) return false;
    if (w.units.max !== undefined && l.units > w.units.max) return false;
  }
  return true;
}

const SEVERITY: Record<PayerRuleAction, Severity> = { hold: 'error', warn: 'warning', fix: 'warning' };

function fixText(rule: PayerRule, line: LineFacts | undefined): string | undefined {
  const a = rule.action;
  const where = line ? lineWord(line.index) : 'the claim';
  if (a.addModifier) return `Add modifier ${a.addModifier.toUpperCase()} to ${where}.`;
  if (a.setPlaceOfService) return `Set the place of service of ${where} to ${a.setPlaceOfService}.`;
  return a.fix;
}

/** Runs the payer rules of the context on one claim. */
export function checkPayerRules(input: EditInput): readonly Problem[] {
  const rules = input.context.payerRules;
  if (!rules || rules.length === 0) return NO_PROBLEMS;
  let out: Problem[] | undefined;
  for (const c of compile(rules)) {
    if (!claimMatches(c, input)) continue;
    const r = c.rule;
    const source = r.action.source ?? `practice payer rule ${r.id}`;
    if (!c.lineLevel) {
      const fix = fixText(r, undefined);
      (out ??= []).push({ severity: SEVERITY[r.action.type], code: `payer.${r.action.type}`, message: `${r.action.message} (rule ${r.id})`, path: '', ruleId: `${RULE}:${r.id}`, source, ...(fix ? { fix } : {}) });
      continue;
    }
    for (const l of input.facts.lines) {
      if (!lineMatches(c, l)) continue;
      // A fix that is already applied does not fire again.
      if (r.action.addModifier && l.modifiers.includes(r.action.addModifier.toUpperCase())) continue;
      if (r.action.setPlaceOfService && l.placeOfService === r.action.setPlaceOfService) continue;
      const fix = fixText(r, l);
      const path = r.action.addModifier ? `lines[${l.index}].modifiers` : r.action.setPlaceOfService ? `lines[${l.index}].placeOfService` : `lines[${l.index}]`;
      (out ??= []).push({ severity: SEVERITY[r.action.type], code: `payer.${r.action.type}`, message: `${cap(lineWord(l.index))} (${l.code}): ${r.action.message} (rule ${r.id})`, path, ruleId: `${RULE}:${r.id}`, source, ...(fix ? { fix } : {}) });
    }
  }
  return out ?? NO_PROBLEMS;
}

/** Parses a payer-rules file (an array of rules or `{ rules: [...] }`); throws a zod error when invalid. */
export function parsePayerRules(json: unknown): PayerRule[] {
  const parsed = payerRulesFileSchema.parse(json);
  return Array.isArray(parsed) ? parsed : parsed.rules;
}

export const payerRulesFamily: EditFamily = { id: 'payer-rules', title: 'Payer rules (practice-defined)', run: checkPayerRules };
