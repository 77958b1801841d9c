/**
 * `superbill demo seed [--json]` builds the demo practice (src/store/demo/seed-demo-practice.ts) in
 * the database (DATABASE_URL, else the SQLite file in the data directory), migrating it first when
 * needed. Running it again changes nothing and says so.
 */
import type { Command } from 'commander';
import { AGING_BUCKETS } from '../../billing/ledger/aging.js';
import { formatDollars } from '../../model/money.js';
import { openDatabase } from '../../store/connection.js';
import { seedDemoPractice } from '../../store/demo/seed-demo-practice.js';
import type { DemoSeedResult } from '../../store/demo/seed-demo-practice.js';
import { migrateToLatest } from '../../store/migrate.js';

interface DemoSeedCommandOptions {
  json?: boolean;
  url?: string;
}

/** `superbill demo …`: seed. */
export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('The demo practice: synthetic patients, claims and money to try Superbill with.');
  demo
    .command('seed')
    .description('Build the demo practice (deterministic; a second run changes nothing).')
    .option('--url <url>', 'database URL (default: DATABASE_URL, else the SQLite file in SUPERBILL_HOME)')
    .option('--json', 'print JSON')
    .action(async (opts: DemoSeedCommandOptions) => {
      const database = await openDatabase(opts.url);
      try {
        const migrated = await migrateToLatest(database.db);
        const result = await seedDemoPractice(database.db);
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify({ dialect: database.dialect, location: database.location, migrated: migrated.applied, ...result })}\n`);
          return;
        }
        if (migrated.applied.length > 0) process.stdout.write(`Migrated ${database.location}: ran ${migrated.applied.length} migration(s).\n`);
        process.stdout.write(renderSummary(result, `${database.location} (${database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`));
      } finally {
        await database.close();
      }
    });
}

function renderSummary(r: DemoSeedResult, where: string): string {
  const c = r.counts;
  const lines = [
    r.message,
    `  database: ${where}`,
    `  ${c.providers} providers, ${c.payers} payers, ${c.patients} patients (${c.coverages} coverages), ${c.encounters} encounters, ${c.claims} claims with ${c.claimLines} lines`,
    `  ledger: ${c.ledgerEntries} entries in ${c.postingBatches} postings; charged ${formatDollars(r.totals.chargedCents)}, open balance ${formatDollars(r.totals.balanceCents)} (payers ${formatDollars(r.totals.payerCents)}, patients ${formatDollars(r.totals.patientCents)})`,
    `  AR aging as of ${r.aging.asOf} (days since the date of service):`,
    `    ${'party'.padEnd(38)}${AGING_BUCKETS.map((b) => b.padStart(12)).join('')}${'total'.padStart(13)}`,
    ...r.aging.byPayer.map((p) => `    ${p.payer.slice(0, 37).padEnd(38)}${AGING_BUCKETS.map((b) => formatDollars(p.buckets[b]).padStart(12)).join('')}${formatDollars(p.totalCents).padStart(13)}`),
    `    ${`patients (${r.aging.patients.accounts} accounts)`.padEnd(38)}${AGING_BUCKETS.map((b) => formatDollars(r.aging.patients.buckets[b]).padStart(12)).join('')}${formatDollars(r.aging.patients.totalCents).padStart(13)}`,
    `  fingerprint: ${r.fingerprint}`,
  ];
  return `${lines.join('\n')}\n`;
}
