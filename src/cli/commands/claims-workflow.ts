/**
 * `superbill claims create|list|scrub-stored|submit|timely-filing`: the stored claims of a practice
 * (docs/claims-workflow.md). The practice is `--tenant SLUG` (default the demo practice,
 * `demo-practice`); the acting user is `--as EMAIL` (a member of it), else the system itself (admin
 * rights, recorded as no user in the audit trail), as for imports run from the command line. The
 * database is DATABASE_URL, else the SQLite file in the data directory, migrated first when needed.
 */
import type { Command } from 'commander';
import { CLAIM_STATES, isClaimState } from '../../billing/claim-lifecycle.js';
import { isCalendarDate } from '../../model/dates.js';
import type { CalendarDate } from '../../model/dates.js';
import { AppError } from '../../model/errors.js';
import { formatDollars } from '../../model/money.js';
import type { Problem } from '../../model/problem.js';
import { loadScrubContext } from '../../rules/load-context.js';
import type { FamilySummary } from '../../rules/scrub.js';
import { latestSubmittedPayloads, listClaimsWithPayer } from '../../store/claims-workflow.repository.js';
import { openDatabase } from '../../store/connection.js';
import type { Database } from '../../store/connection.js';
import { DEMO_SLUG } from '../../store/demo/seed-demo-practice.js';
import { migrateToLatest } from '../../store/migrate.js';
import type { Executor } from '../../store/schema.js';
import { findTenantBySlug, findUserByEmail } from '../../store/tenancy.repository.js';
import { resolveTenantContext } from '../../store/tenancy.service.js';
import { authorize, systemContext } from '../../store/tenant-context.js';
import type { TenantContext } from '../../store/tenant-context.js';
import { createClaimFromEncounter } from '../../store/use-cases/create-claim-from-encounter.js';
import { listTimelyFiling } from '../../store/use-cases/list-timely-filing.js';
import { scrubClaims } from '../../store/use-cases/scrub-claims.js';
import type { ScrubClaimsResult } from '../../store/use-cases/scrub-claims.js';
import { submitClaimBatches } from '../../transport/submit-claim-batches.js';
import { isUsageIndicator } from '../../transport/profile.js';

interface PracticeOptions {
  tenant?: string;
  as?: string;
  url?: string;
  json?: boolean;
}

function addPracticeOptions(cmd: Command): Command {
  return cmd
    .option('--tenant <slug>', `the practice (default ${DEMO_SLUG})`)
    .option('--as <email>', 'act as this member of the practice (default: the system, with admin rights)')
    .option('--url <url>', 'database URL (default: DATABASE_URL, else the SQLite file in SUPERBILL_HOME)')
    .option('--json', 'print JSON');
}

/** Opens and migrates the database, resolves the practice and the acting user, runs `work`. */
async function withPractice<T>(
  opts: PracticeOptions,
  work: (db: Database['db'], ctx: TenantContext) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(opts.url);
  try {
    await migrateToLatest(database.db);
    const slug = opts.tenant ?? DEMO_SLUG;
    const tenant = await findTenantBySlug(database.db, slug);
    if (!tenant) {
      throw new AppError(
        'not_found',
        `There is no practice "${slug}" in ${database.location}.${slug === DEMO_SLUG ? ' Build the demo practice with `superbill demo seed`.' : ''}`,
      );
    }
    let ctx = systemContext(tenant.id);
    if (opts.as !== undefined) {
      const user = await findUserByEmail(database.db, opts.as);
      if (!user) throw new AppError('not_found', `There is no user ${opts.as}.`);
      ctx = await resolveTenantContext(database.db, user.id, tenant.id);
    }
    return await work(database.db, ctx);
  } finally {
    await database.close();
  }
}

function dateOption(value: string | undefined, flag: string): CalendarDate | undefined {
  if (value === undefined) return undefined;
  const text: string = value;
  if (!isCalendarDate(value))
    throw new AppError('bad_input', `${flag} must be a date in YYYY-MM-DD form, not "${text}".`);
  return value;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError('bad_input', `${flag} must be a whole number of 1 or more, not "${value}".`);
  return n;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function findingLines(findings: readonly Problem[], indent: string): string[] {
  const out: string[] = [];
  for (const p of findings) {
    out.push(`${indent}${p.severity.padEnd(7)} ${p.code}${p.path ? ` at ${p.path}` : ''}`);
    out.push(`${indent}        ${p.message}`);
    if (p.fix) out.push(`${indent}        fix: ${p.fix}`);
    if (p.source) out.push(`${indent}        source: ${p.source}`);
  }
  return out;
}

function summaryLines(summary: readonly FamilySummary[]): string[] {
  return summary.map(
    (s) =>
      `  ${s.title.padEnd(40)} ${plural(s.errors, 'error').padStart(11)} ${plural(s.warnings, 'warning').padStart(13)}  (${plural(s.claims, 'claim')})`,
  );
}

function scrubText(result: ScrubClaimsResult, verbose: boolean): string[] {
  const lines: string[] = [];
  for (const c of result.claims) {
    if (c.errors === 0 && !verbose) continue;
    lines.push(
      `Claim ${c.id} (${c.patientControlNumber}) ${c.from} → ${c.to}: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}`,
    );
    lines.push(
      ...findingLines(verbose ? c.findings : c.findings.filter((p) => p.severity === 'error'), '  '),
    );
  }
  lines.push('', 'Summary by edit family:', ...summaryLines(result.summary));
  const t = result.totals;
  lines.push(
    `  ${plural(t.claims, 'claim')} scrubbed: ${t.clean} clean, ${t.held} held with errors; ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}.`,
  );
  return lines;
}

/** Adds create, list, scrub-stored, submit and timely-filing to the `claims` command. */
export function registerClaimsWorkflowCommands(claims: Command): void {
  addPracticeOptions(
    claims
      .command('create')
      .description(
        "Create a draft claim from a coded encounter: the coverage in force on the date of service, charges from the practice's fee schedule, ledger charges.",
      )
      .requiredOption('--encounter <id>', 'the encounter id')
      .option('--prior-auth <number>', 'prior authorisation number (REF*G1)')
      .option('--coverage <id>', 'bill this coverage (default: the first in force, primary first)'),
  ).action(async (opts: PracticeOptions & { encounter: string; priorAuth?: string; coverage?: string }) => {
    const encounterId = positiveInt(opts.encounter, '--encounter');
    const coverageId = opts.coverage !== undefined ? positiveInt(opts.coverage, '--coverage') : undefined;
    const created = await withPractice(opts, (db, ctx) =>
      createClaimFromEncounter(db, ctx, {
        encounterId,
        ...(opts.priorAuth !== undefined ? { priorAuthorization: opts.priorAuth } : {}),
        ...(coverageId !== undefined ? { coverageId } : {}),
      }),
    );
    if (opts.json) {
      write(JSON.stringify(created));
      return;
    }
    const c = created.claim;
    const lines = [
      `Created claim ${c.id} (${c.claim.patientControlNumber}), ${c.status}, from encounter ${encounterId}: ${formatDollars(c.totalChargeCents)} to ${created.coverage.payerName} (${created.coverage.priority}).`,
      ...c.claim.lines.map((l, i) => {
        const p = created.pricing[i];
        const allowed =
          p?.expectedAllowedCents !== undefined
            ? `, expected allowed ${formatDollars(p.expectedAllowedCents)}`
            : ', no contract rate';
        return `  ${String(i + 1).padStart(2)}. ${l.procedureCode}${l.modifiers.length > 0 ? `-${l.modifiers.join('-')}` : ''} × ${l.units}  ${formatDollars(l.chargeCents)} (${p?.chargeSource === 'fee-schedule' ? `fee schedule ${p.feeSchedule ?? ''}` : 'charge on the line'}${allowed})  REF*6R ${l.lineControlNumber ?? ''}`;
      }),
      created.expectedAllowedCents !== undefined
        ? `  expected allowed in total: ${formatDollars(created.expectedAllowedCents)}`
        : '  the payer contract does not price every line',
      ...findingLines(created.problems, '  '),
      `Next: superbill claims scrub-stored (marks it ready when clean), then superbill claims submit --out DIR.`,
    ];
    write(lines.join('\n'));
  });

  addPracticeOptions(
    claims
      .command('list')
      .description("List the practice's stored claims, newest first.")
      .option(
        '--state <status>',
        `only claims in this lifecycle state: ${CLAIM_STATES.join(', ')}`,
      )
      .option('--limit <n>', 'at most this many (default 50)'),
  ).action(async (opts: PracticeOptions & { state?: string; limit?: string }) => {
    const state = opts.state;
    if (state !== undefined && !isClaimState(state)) {
      throw new AppError(
        'bad_input',
        `--state must be one of ${CLAIM_STATES.join(', ')}; not "${state}".`,
      );
    }
    const limit = opts.limit !== undefined ? positiveInt(opts.limit, '--limit') : 50;
    const rows = await withPractice(opts, async (db: Executor, ctx) => {
      authorize(ctx, 'claims:read');
      const all = await listClaimsWithPayer(
        db,
        ctx.tenantId,
        state !== undefined ? { statuses: [state] } : {},
      );
      const newest = all.reverse().slice(0, limit);
      const submitted = await latestSubmittedPayloads(
        db,
        ctx.tenantId,
        newest.map((r) => r.id),
      );
      return newest.map((r) => {
        const payload = submitted.get(r.id);
        const sub =
          payload !== undefined
            ? (JSON.parse(payload) as { interchangeControlNumber?: string; fileName?: string })
            : undefined;
        return {
          id: r.id,
          patientControlNumber: r.patient_control_number,
          status: r.status,
          payer: r.payer_name,
          serviceFrom: r.service_from,
          totalChargeCents: r.total_charge_cents,
          encounterId: r.encounter_id,
          ...(sub?.interchangeControlNumber !== undefined
            ? { interchangeControlNumber: sub.interchangeControlNumber }
            : {}),
          ...(sub?.fileName !== undefined ? { fileName: sub.fileName } : {}),
        };
      });
    });
    if (opts.json) {
      write(JSON.stringify({ claims: rows }));
      return;
    }
    if (rows.length === 0) {
      write(`No claims${state !== undefined ? ` in status ${state}` : ''}.`);
      return;
    }
    write(
      rows
        .map((r) =>
          `${String(r.id).padStart(6)}  ${r.patientControlNumber.padEnd(16)} ${r.status.padEnd(9)} ${r.serviceFrom}  ${formatDollars(r.totalChargeCents).padStart(11)}  ${(r.payer ?? '').slice(0, 36).padEnd(36)}${r.interchangeControlNumber !== undefined ? `  ISA13 ${r.interchangeControlNumber}` : ''}`.trimEnd(),
        )
        .join('\n'),
    );
  });

  addPracticeOptions(
    claims
      .command('scrub-stored')
      .description(
        "Scrub the practice's draft and ready claims with every edit, record the outcome (clean → ready, errors → held in draft) and print a summary by edit family.",
      )
      .option(
        '--all',
        'scrub every claim of the practice for the report (only draft and ready claims change)',
      )
      .option('--today <date>', "today's date for the future-date edits (default: the machine's date)")
      .option('--verbose', 'print the findings of clean claims too'),
  ).action(async (opts: PracticeOptions & { all?: boolean; today?: string; verbose?: boolean }) => {
    const today = dateOption(opts.today, '--today');
    const context = loadScrubContext(today !== undefined ? { today } : {});
    const result = await withPractice(opts, (db, ctx) =>
      scrubClaims(db, ctx, {
        context,
        ...(opts.all
          ? {
              statuses: CLAIM_STATES,
            }
          : {}),
      }),
    );
    if (opts.json) write(JSON.stringify(result));
    else write(scrubText(result, opts.verbose === true).join('\n'));
    if (result.totals.errors > 0) process.exitCode = 1;
  });

  addPracticeOptions(
    claims
      .command('submit')
      .description(
        'Scrub the ready claims, write one 837P (005010X222A1) batch per payer with persisted control numbers, check each file, and mark the claims submitted; with --clearinghouse also send the batches over SFTP.',
      )
      .option('--out <dir>', 'write the batch files here')
      .option(
        '--clearinghouse <name>',
        'send the batches through this clearinghouse profile (its envelope identities and SFTP)',
      )
      .option('--usage <T|P>', 'ISA15 without a clearinghouse profile: T test (default) or P production')
      .option('--today <date>', "today's date for the future-date edits (default: the machine's date)"),
  ).action(
    async (
      opts: PracticeOptions & { out?: string; clearinghouse?: string; usage?: string; today?: string },
    ) => {
      if (opts.out === undefined && opts.clearinghouse === undefined)
        throw new AppError('bad_input', 'Give --out DIR, --clearinghouse NAME, or both.');
      const usage = opts.usage;
      if (usage !== undefined && !isUsageIndicator(usage))
        throw new AppError('bad_input', `--usage must be T or P, not "${usage}".`);
      const today = dateOption(opts.today, '--today');
      const context = loadScrubContext(today !== undefined ? { today } : {});
      const result = await withPractice(opts, (db, ctx) =>
        submitClaimBatches(db, ctx, {
          context,
          ...(opts.out !== undefined ? { outDir: opts.out } : {}),
          ...(opts.clearinghouse !== undefined ? { clearinghouse: opts.clearinghouse } : {}),
          ...(usage !== undefined ? { usage } : {}),
        }),
      );
      if (opts.json) {
        write(JSON.stringify(result));
      } else {
        const lines: string[] = [];
        const held = result.scrub.claims.filter((c) => c.errors > 0);
        lines.push(
          `Scrubbed ${plural(result.scrub.totals.claims, 'ready claim')}: ${result.scrub.totals.clean} clean, ${held.length} held in draft with errors.`,
        );
        for (const c of held)
          lines.push(
            `  held: claim ${c.id} (${c.patientControlNumber}): ${c.findings
              .filter((p) => p.severity === 'error')
              .map((p) => p.code)
              .join(', ')}`,
          );
        for (const b of result.batches) {
          lines.push(
            `Wrote ${b.fileName} for ${b.payerName} (${b.payerId}): ${plural(b.claims.length, 'claim')}, ISA13 ${b.interchangeControlNumber}, GS06 ${b.groupControlNumber}, ST02 ${b.transactionSetControlNumbers.join(',')}, ${b.bytes} bytes${b.path !== undefined ? ` → ${b.path}` : ''}${b.remotePath !== undefined ? `; sent to ${b.remotePath}` : ''}`,
          );
          lines.push(`  submitted: ${b.claims.map((c) => c.patientControlNumber).join(', ')}`);
        }
        for (const f of result.failed) {
          lines.push(`Not written for ${f.payerName} (${f.payerId}): the claims stay ready.`);
          lines.push(...findingLines(f.problems, '  '));
        }
        if (result.batches.length === 0 && result.failed.length === 0)
          lines.push('Nothing to submit: no clean ready claims.');
        write(lines.join('\n'));
      }
      if (result.failed.length > 0) process.exitCode = 1;
    },
  );

  addPracticeOptions(
    claims
      .command('timely-filing')
      .description(
        "Claims the payer has not received yet (draft, ready, rejected) that are near or past the payer's timely-filing deadline.",
      )
      .option('--on <date>', 'count days from this date (default today)')
      .option('--warn-days <n>', 'flag claims within this many days of the deadline (default 30)')
      .option('--all', 'list every unfiled claim, also those with time left'),
  ).action(async (opts: PracticeOptions & { on?: string; warnDays?: string; all?: boolean }) => {
    const on = dateOption(opts.on, '--on');
    const warnDays = opts.warnDays !== undefined ? positiveInt(opts.warnDays, '--warn-days') : undefined;
    const rows = await withPractice(opts, (db, ctx) =>
      listTimelyFiling(db, ctx, {
        ...(on !== undefined ? { on } : {}),
        ...(warnDays !== undefined ? { warnDays } : {}),
        all: opts.all === true,
      }),
    );
    if (opts.json) {
      write(JSON.stringify({ claims: rows }));
      return;
    }
    if (rows.length === 0) {
      write('No unfiled claim is near its timely-filing deadline.');
      return;
    }
    write(
      rows
        .map(
          (r) =>
            `${r.flag.toUpperCase().padEnd(5)} ${String(r.claimId).padStart(6)}  ${r.patientControlNumber.padEnd(16)} ${r.status.padEnd(8)} DOS ${r.serviceFrom}  deadline ${r.deadline} (${r.daysLeft < 0 ? `${-r.daysLeft} days past` : `${r.daysLeft} days left`}, ${r.limitDays}-day limit)  ${r.payerName}`,
        )
        .join('\n'),
    );
  });
}
