/**
 * Submitting ready claims (issue 5, "claims submit"): the ready claims are scrubbed again (a claim with
 * errors goes back to draft and is held), the clean ones are batched one file per payer, written as an
 * 837P interchange (src/billing/edi-837-file.ts) with control numbers reserved from the persisted
 * counters, read back with the project's own X12 checks (src/billing/check-837p-file.ts), written to
 * disk and/or handed to `deliver` (the SFTP transport), and then moved to submitted with their control
 * numbers in ONE transaction per batch.
 *
 * Layers: the store may not import src/transport, so the control number reservation and the delivery
 * are passed in (src/transport/submit-claims-over-sftp.ts composes them with the persisted counters
 * and sendBatch). A resubmission does nothing twice: submitted claims are no longer ready, and the
 * optimistic status update refuses a claim that moved meanwhile.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check837PFile } from '../../billing/check-837p-file.js';
import { write837File } from '../../billing/edi-837-file.js';
import type { Write837FileOptions } from '../../billing/edi-837-file.js';
import type { Claim } from '../../model/claim.js';
import { AppError } from '../../model/errors.js';
import type { Problem } from '../../model/problem.js';
import type { ScrubContext } from '../../rules/edit-family.js';
import type { ControlNumberSource } from '../../x12/envelope/control-numbers.js';
import {
  formatInterchangeControlNumber,
  formatTransactionSetControlNumber,
} from '../../x12/envelope/control-numbers.js';
import type { InterchangeOptions } from '../../x12/envelope/interchange.js';
import { findClaim } from '../claims.repository.js';
import { getClaim } from '../claims.service.js';
import type { StoredClaim } from '../claims.service.js';
import { getBillingProviders } from '../providers.service.js';
import type { Executor } from '../schema.js';
import { authorize } from '../tenant-context.js';
import type { TenantContext } from '../tenant-context.js';
import { withTransaction } from '../transaction.js';
import { scrubClaims } from './scrub-claims.js';
import type { ScrubClaimsResult } from './scrub-claims.js';
import { applyClaimTransition } from './transition-claim.js';

/** TR3 1.4.1: at most 5000 claims per transaction set; the 837 mapping splits larger batches. */
const CLAIMS_PER_TRANSACTION = 5000;

/** Who a batch goes to. */
export interface SubmitBatchTarget {
  /** The payer's electronic id (2010BB NM109) and name. */
  readonly payerId: string;
  readonly payerName: string;
  /** The first claim's billing provider (for a default sender identity). */
  readonly billingProvider: Claim['billingProvider'];
}

/** The envelope of one batch: ISA/GS parties and the 1000A/1000B names. */
export interface SubmitEnvelope {
  readonly interchange: InterchangeOptions;
  readonly parties: Write837FileOptions['parties'];
}

/** Options for {@link submitClaims}. */
export interface SubmitClaimsOptions {
  readonly context: ScrubContext;
  /** The envelope for a batch (from a clearinghouse profile or the practice's own identity). */
  readonly envelopeFor: (target: SubmitBatchTarget) => SubmitEnvelope;
  /** Reserves control numbers for one interchange from the persisted counters of its sender. */
  readonly reserveControlNumbers: (
    interchange: InterchangeOptions,
    counts: { readonly groups: number; readonly transactionSets: number },
  ) => Promise<ControlNumberSource>;
  /** The file name of a batch (must differ per ISA13). */
  readonly fileNameFor: (target: SubmitBatchTarget, isa13: string) => string;
  /** Where to write the files (created when missing); at least one of `outDir` and `deliver`. */
  readonly outDir?: string;
  /** Sends a written batch (SFTP); resolves to where it went. */
  readonly deliver?: (file: {
    readonly fileName: string;
    readonly content: Uint8Array;
  }) => Promise<{ readonly remotePath: string }>;
  /** Name of the clearinghouse profile, recorded in the `submitted` events. */
  readonly clearinghouse?: string;
  /** Submit only these claims (default: every ready claim of the practice). */
  readonly claimIds?: readonly number[];
}

/** One batch written (and perhaps sent). */
export interface SubmittedBatch {
  readonly payerId: string;
  readonly payerName: string;
  readonly fileName: string;
  /** Local path when written to `outDir`. */
  readonly path?: string;
  /** Remote path when delivered. */
  readonly remotePath?: string;
  readonly interchangeControlNumber: string;
  readonly groupControlNumber: string;
  readonly transactionSetControlNumbers: readonly string[];
  readonly claims: readonly { readonly id: number; readonly patientControlNumber: string }[];
  readonly bytes: number;
}

/** A batch that could not be written or checked: its claims stay ready. */
export interface FailedBatch {
  readonly payerId: string;
  readonly payerName: string;
  readonly claims: readonly { readonly id: number; readonly patientControlNumber: string }[];
  readonly problems: readonly Problem[];
}

/** What a submission did. */
export interface SubmitClaimsResult {
  readonly scrub: ScrubClaimsResult;
  readonly batches: readonly SubmittedBatch[];
  readonly failed: readonly FailedBatch[];
}

/** Scrubs the ready claims, writes one 837P batch per payer, and moves the claims to submitted (claims:write). */
export async function submitClaims(
  db: Executor,
  ctx: TenantContext,
  options: SubmitClaimsOptions,
): Promise<SubmitClaimsResult> {
  authorize(ctx, 'claims:write');
  if (options.outDir === undefined && options.deliver === undefined) {
    throw new AppError(
      'validation',
      'Say where the batches go: an output directory, a clearinghouse, or both.',
    );
  }
  const scrub = await scrubClaims(db, ctx, {
    context: options.context,
    statuses: ['ready'],
    ...(options.claimIds ? { claimIds: options.claimIds } : {}),
  });
  const cleanIds = scrub.claims.filter((c) => c.to === 'ready').map((c) => c.id);
  const claims: StoredClaim[] = [];
  for (const id of cleanIds) claims.push(await getClaim(db, ctx, id));
  // Institutional claims go out as 837I through the same writer, but this use case is the 837P one.
  const professional = claims.filter((c) => c.claim.kind === 'professional');

  const byPayer = new Map<string, StoredClaim[]>();
  for (const c of professional) {
    const key = c.claim.payer.payerId;
    byPayer.set(key, [...(byPayer.get(key) ?? []), c]);
  }
  const contact = await defaultContact(db, ctx);
  const batches: SubmittedBatch[] = [];
  const failed: FailedBatch[] = [];
  if (options.outDir !== undefined) await mkdir(options.outDir, { recursive: true });

  for (const [payerId, group] of [...byPayer].sort(([a], [b]) => a.localeCompare(b))) {
    const first = group[0]!;
    const target: SubmitBatchTarget = {
      payerId,
      payerName: first.claim.payer.name,
      billingProvider: first.claim.billingProvider,
    };
    const listed = group.map((c) => ({ id: c.id, patientControlNumber: c.claim.patientControlNumber }));
    const envelope = options.envelopeFor(target);
    const counts = { groups: 1, transactionSets: Math.ceil(group.length / CLAIMS_PER_TRANSACTION) };
    const controlNumbers = await options.reserveControlNumbers(envelope.interchange, counts);
    const written = write837File(
      group.map((c) => c.claim),
      {
        interchange: envelope.interchange,
        controlNumbers,
        parties: {
          ...(contact && !first.claim.billingProvider.contactPhone ? { submitterContact: contact } : {}),
          ...envelope.parties,
        },
      },
    );
    if (!written.ok) {
      failed.push({ payerId, payerName: target.payerName, claims: listed, problems: written.problems });
      continue;
    }
    const readBack = check837PFile(
      written.text,
      listed.map((c) => c.patientControlNumber),
    );
    if (readBack.length > 0) {
      failed.push({ payerId, payerName: target.payerName, claims: listed, problems: readBack });
      continue;
    }
    const isa13 = formatInterchangeControlNumber(written.interchange.interchangeControlNumber);
    const gs06 = String(written.interchange.groupControlNumbers[0] ?? '');
    const st02 = (written.interchange.transactionSetControlNumbers[0] ?? []).map(
      formatTransactionSetControlNumber,
    );
    const fileName = options.fileNameFor(target, isa13);
    const content = Buffer.from(written.text, 'utf8');

    let path: string | undefined;
    if (options.outDir !== undefined) {
      path = join(options.outDir, fileName);
      // 'wx': a batch file is never overwritten (each ISA13 is new, so a clash means something is wrong).
      await writeFile(path, content, { flag: 'wx' });
    }
    let remotePath: string | undefined;
    try {
      if (options.deliver) remotePath = (await options.deliver({ fileName, content })).remotePath;
      await withTransaction(db, async (trx) => {
        for (const c of group) {
          const row = await findClaim(trx, ctx.tenantId, c.id);
          if (!row)
            throw new AppError(
              'conflict',
              `Claim ${c.claim.patientControlNumber} disappeared while it was being submitted.`,
            );
          await applyClaimTransition(trx, ctx, row, {
            events: [
              {
                type: 'submitted',
                batchId: isa13,
                interchangeControlNumber: isa13,
                groupControlNumber: gs06,
                transactionSetControlNumber: st02.join(','),
                fileName,
              },
            ],
            reason: `submitted to ${target.payerName} in ${fileName} (ISA13 ${isa13})`,
            submitted: {
              interchangeControlNumber: isa13,
              ...(options.clearinghouse !== undefined ? { clearinghouse: options.clearinghouse } : {}),
              batchId: isa13,
              groupControlNumber: gs06,
              transactionSetControlNumbers: st02,
              fileName,
              payerId,
            },
          });
        }
      });
    } catch (e) {
      // Nothing was recorded: take the local file back so it cannot be sent by hand by mistake. A batch
      // already delivered cannot be taken back; the error says so.
      if (path !== undefined) await rm(path, { force: true });
      if (remotePath !== undefined && e instanceof Error) {
        throw new AppError(
          'internal',
          `Batch ${fileName} was sent to ${remotePath} but its claims could not be marked submitted: ${e.message}. Check the claims before sending again.`,
          [],
          { cause: e },
        );
      }
      throw e;
    }
    batches.push({
      payerId,
      payerName: target.payerName,
      fileName,
      ...(path !== undefined ? { path } : {}),
      ...(remotePath !== undefined ? { remotePath } : {}),
      interchangeControlNumber: isa13,
      groupControlNumber: gs06,
      transactionSetControlNumbers: st02,
      claims: listed,
      bytes: content.byteLength,
    });
  }
  return { scrub, batches, failed };
}

/** The 1000A PER contact: the practice's first billing provider with a phone number. */
async function defaultContact(
  db: Executor,
  ctx: TenantContext,
): Promise<{ name?: string; phone: string } | undefined> {
  const providers = await getBillingProviders(db, ctx);
  const bp = providers.find((p) => p.contactPhone !== undefined);
  if (!bp?.contactPhone) return undefined;
  return { ...(bp.contactName !== undefined ? { name: bp.contactName } : {}), phone: bp.contactPhone };
}
