/**
 * `superbill claims create|scrub-stored|submit|list|timely-filing` in-process against a SQLite file
 * holding a small demo practice with the workflow examples (the lead wires
 * registerClaimsWorkflowCommands into claims.ts; here the test composes the two).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { check837PFile } from '../../billing/check-837p-file.js';
import { addDays } from '../../model/dates.js';
import { openDatabase } from '../../store/connection.js';
import { seedDemoPractice } from '../../store/demo/seed-demo-practice.js';
import { seedWorkflowExamples } from '../../store/demo/wrong-claims.js';
import type { WorkflowExamples } from '../../store/demo/wrong-claims.js';
import { migrateToLatest } from '../../store/migrate.js';
import { systemContext } from '../../store/tenant-context.js';
import { withTransaction } from '../../store/transaction.js';
import { DatabaseOutboxStore, DatabaseProfileStore } from '../../transport/database-stores.js';
import { sshdAvailable, startSshd } from '../../../test/support/sshd.js';
import { registerClaimsCommands } from './claims.js';

let dir: string;
let url: string;
let examples: WorkflowExamples;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'superbill-claims-cli-'));
  url = `file:${join(dir, 'superbill.db')}`;
  const database = await openDatabase(url);
  try {
    await migrateToLatest(database.db);
    const seeded = await seedDemoPractice(database.db, { patientCount: 10, workflowExamples: false });
    examples = await withTransaction(database.db, (trx) =>
      seedWorkflowExamples(trx, systemContext(seeded.tenantId)),
    );
  } finally {
    await database.close();
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `superbill claims …` in-process; returns stdout and the exit code. */
async function run(...args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command('superbill').exitOverride();
  registerClaimsCommands(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'superbill', 'claims', ...args, '--url', url]);
  } finally {
    spy.mockRestore();
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { out, code };
}

describe('superbill claims (workflow commands)', () => {
  it('creates a claim from a coded encounter of the demo practice', async () => {
    const encounterId = examples.codedEncounterIds[0]!;
    const { out } = await run('create', '--encounter', String(encounterId), '--json');
    const created = JSON.parse(out) as {
      claim: {
        id: number;
        status: string;
        encounterId: number;
        claim: { patientControlNumber: string; lines: unknown[] };
      };
    };
    expect(created.claim).toMatchObject({ status: 'draft', encounterId });
    expect(created.claim.claim.patientControlNumber).toMatch(/^SB\d{7}-1$/);
    const text = await run('create', '--encounter', String(examples.codedEncounterIds[1]!));
    expect(text.out).toMatch(/^Created claim \d+ \(SB\d{7}-1\), draft, from encounter/);
    await expect(run('create', '--encounter', String(encounterId))).rejects.toMatchObject({
      code: 'business_rule',
    });
  });

  // Before the scrub: the late claim is still a draft (a clean scrub marks it ready and submit sends it).
  it('lists the claim nearing its timely-filing deadline', async () => {
    const all = JSON.parse((await run('timely-filing', '--on', '2026-11-01', '--all', '--json')).out) as {
      claims: { claimId: number; flag: string; deadline: string }[];
    };
    const late = all.claims.find((r) => r.claimId === examples.lateClaimId)!;
    const { out } = await run('timely-filing', '--on', addDays(late.deadline, -5), '--json');
    const rows = (JSON.parse(out) as { claims: { claimId: number; flag: string; daysLeft: number }[] })
      .claims;
    expect(rows.find((r) => r.claimId === examples.lateClaimId)).toMatchObject({ flag: 'near', daysLeft: 5 });
    await expect(run('timely-filing', '--on', '2026-13-01')).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('scrubs the stored claims, prints the summary by edit family and exits 1 for the wrong claims', async () => {
    const { out, code } = await run('scrub-stored', '--today', '2026-11-01');
    expect(out).toContain('Summary by edit family:');
    expect(out).toMatch(/NCCI procedure-to-procedure\s+[1-9]\d* errors?/);
    for (const w of examples.wrongClaims) expect(out).toContain(w.patientControlNumber);
    expect(code).toBe(1);
  });

  it('submits the ready claims as 837P files and lists them as submitted with their ISA13', async () => {
    const outDir = join(dir, 'out');
    const { out, code } = await run('submit', '--out', outDir, '--today', '2026-11-01', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      batches: {
        fileName: string;
        interchangeControlNumber: string;
        claims: { patientControlNumber: string }[];
      }[];
    };
    expect(result.batches.length).toBeGreaterThan(0);
    for (const b of result.batches) {
      expect(
        check837PFile(
          readFileSync(join(outDir, b.fileName), 'utf8'),
          b.claims.map((c) => c.patientControlNumber),
        ),
      ).toEqual([]);
    }
    const listed = JSON.parse(
      (await run('list', '--state', 'submitted', '--limit', '500', '--json')).out,
    ) as { claims: { patientControlNumber: string; interchangeControlNumber?: string }[] };
    for (const b of result.batches) {
      for (const c of b.claims)
        expect(
          listed.claims.find((l) => l.patientControlNumber === c.patientControlNumber)
            ?.interchangeControlNumber,
        ).toBe(b.interchangeControlNumber);
    }
    const again = await run('submit', '--out', outDir, '--today', '2026-11-01');
    expect(again.out).toContain('Nothing to submit');
  });

  it("with --clearinghouse, sends the batch over SFTP with the profile's envelope and records it as sent", async () => {
    if (!(await sshdAvailable())) return;
    const sshd = await startSshd();
    try {
      const database = await openDatabase(url);
      try {
        await new DatabaseProfileStore(database.db).save({
          name: 'local',
          host: sshd.host,
          port: sshd.port,
          username: sshd.username,
          hostKeyFingerprint: sshd.hostKeyFingerprint,
          privateKeyPath: sshd.clientKeyPath,
          outboundDir: 'outbound',
          inboundDir: 'inbound',
          senderQualifier: 'ZZ',
          senderId: 'DEMOSUBMITTER',
          receiverQualifier: 'ZZ',
          receiverId: 'CLEARHOUSE',
          usage: 'T',
          fileNamePattern: '{sender}_{isa13}.837',
        });
      } finally {
        await database.close();
      }
      await run('create', '--encounter', String(examples.codedEncounterIds[2]!));
      await run('scrub-stored', '--today', '2026-11-01');
      const { out, code } = await run(
        'submit',
        '--clearinghouse',
        'local',
        '--today',
        '2026-11-01',
        '--json',
      );
      expect(code).toBe(0);
      const result = JSON.parse(out) as {
        batches: {
          fileName: string;
          remotePath: string;
          interchangeControlNumber: string;
          claims: { patientControlNumber: string }[];
        }[];
      };
      expect(result.batches).toHaveLength(1);
      const batch = result.batches[0]!;
      expect(batch.remotePath).toBe(`outbound/DEMOSUBMITTER_${batch.interchangeControlNumber}.837`);
      const sent = readFileSync(join(sshd.home, batch.remotePath), 'utf8');
      expect(sent).toMatch(/^ISA\*00\* {10}\*00\* {10}\*ZZ\*DEMOSUBMITTER  \*ZZ\*CLEARHOUSE     \*/);
      expect(
        check837PFile(
          sent,
          batch.claims.map((c) => c.patientControlNumber),
        ),
      ).toEqual([]);
      const check = await openDatabase(url);
      try {
        const outbox = await new DatabaseOutboxStore(check.db).list({ profile: 'local' });
        expect(outbox.map((f) => [f.remotePath, f.interchangeControlNumber])).toEqual([
          [batch.remotePath, batch.interchangeControlNumber],
        ]);
      } finally {
        await check.close();
      }
    } finally {
      await sshd.stop();
    }
  });
});
