/**
 * Payer rules written by a practice as data (JSON), so a payer's quirks need no code change. A rule
 * has a condition (`when`) on the claim and its lines and an action: hold the claim, warn, or propose
 * a fix (such as adding a modifier). See docs/scrubber.md for the language and examples.
 */
import { z } from 'zod';

/** What a matching rule does: hold = error (the claim does not go out), warn = warning, fix = warning with the change to make. */
export const PAYER_RULE_ACTIONS = ['hold', 'warn', 'fix'] as const;
export type PayerRuleAction = (typeof PAYER_RULE_ACTIONS)[number];

const codeOrRange = z.string().regex(/^[A-Z0-9]{5}(-[A-Z0-9]{5})?$/i, { error: 'must be a 5-character code or a range like 99202-99215' });

export const payerRuleSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().optional(),
    when: z
      .object({
        /** Claim: payer ids (2010BB NM109) the rule applies to. */
        payerIds: z.array(z.string().min(1)).optional(),
        /** Claim: SBR09 claim filing indicators (MB, MC, CI, …). */
        claimFilingIndicators: z.array(z.string().min(1).max(2)).optional(),
        /** Claim: any diagnosis starting with one of these (dots ignored: "E11" covers E11.9). */
        diagnosisCodes: z.array(z.string().min(3)).optional(),
        /** Claim: patient age in whole years on the first date of service, inclusive. */
        age: z.object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).optional(),
        /** Claim: patient sex. */
        sex: z.array(z.enum(['M', 'F', 'U'])).optional(),
        /** Line: procedure codes or ranges ("99202-99215"). */
        procedureCodes: z.array(codeOrRange).optional(),
        /** Line: the line carries every one of these modifiers. */
        hasModifiers: z.array(z.string().min(2).max(2)).optional(),
        /** Line: the line carries none of these modifiers. */
        lacksModifiers: z.array(z.string().min(2).max(2)).optional(),
        /** Line: place of service (the line's, else the claim's). */
        placesOfService: z.array(z.string().regex(/^\d{2}$/)).optional(),
        /** Line: rendering provider NPI (the line's, else the claim's rendering, else billing). */
        providerNpis: z.array(z.string().regex(/^\d{10}$/)).optional(),
        /** Line: units, inclusive. */
        units: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
      })
      .strict(),
    action: z
      .object({
        type: z.enum(PAYER_RULE_ACTIONS),
        /** What the user reads. */
        message: z.string().min(1),
        /** For `fix`: the modifier to add to each matching line. */
        addModifier: z.string().min(2).max(2).optional(),
        /** For `fix`: the place of service to set on each matching line. */
        setPlaceOfService: z.string().regex(/^\d{2}$/).optional(),
        /** Free-text fix, when neither of the above says it. */
        fix: z.string().optional(),
        /** Where the rule comes from (payer policy name and date), shown as the finding's source. */
        source: z.string().optional(),
      })
      .strict(),
  })
  .strict();
export type PayerRule = z.infer<typeof payerRuleSchema>;

export const payerRulesFileSchema = z.union([z.array(payerRuleSchema), z.object({ rules: z.array(payerRuleSchema) }).strict()]);
