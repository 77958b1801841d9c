/**
 * Problems are data (GUIDE §1): every parse, validation and scrub problem has this shape, so the CLI,
 * the HTTP API and the UI show them the same way and a user can fix all of them in one pass.
 */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Problem {
  readonly severity: Severity;
  /** Stable machine code, e.g. `code.deleted`, `x12.segment.unknown`, `ncci.ptp.0`. */
  readonly code: string;
  /** Plain-language message for the user: says what is wrong, where, and why. */
  readonly message: string;
  /** Where the problem is: `claim.lines[2].modifiers[0]`, `segment 14 (CLM) element 2`. */
  readonly path?: string;
  /** The rule that produced it, e.g. `icd10cm.validity`, `ncci-ptp`. */
  readonly ruleId?: string;
  /** The authority and release behind the rule, e.g. `ICD-10-CM FY2026 order file`. */
  readonly source?: string;
  /** A proposed fix, in plain words. */
  readonly fix?: string;
}

/** True when any problem in the list is an error (warnings and infos do not block). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
