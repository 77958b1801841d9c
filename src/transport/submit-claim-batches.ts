/**
 * `claims submit` composed with the transport: the store's submit use case
 * (src/store/use-cases/submit-claims.ts) with control numbers reserved from the persisted counters
 * (DatabaseControlNumberStore) and, when a clearinghouse profile is named, the envelope identities of
 * that profile and delivery over SFTP (sendBatch, recorded in the outbox so the same bytes are never
 * sent twice). Without a profile the batches are written for direct submission to each payer: sender
 * ISA05 `30` (US federal tax id) with the billing provider's TIN, receiver `ZZ` with the payer id.
 */
import type { Kysely } from 'kysely';
import type { ScrubContext } from '../rules/edit-family.js';
import { submitClaims } from '../store/use-cases/submit-claims.js';
import type {
  SubmitBatchTarget,
  SubmitClaimsResult,
  SubmitEnvelope,
} from '../store/use-cases/submit-claims.js';
import type { DB } from '../store/schema.js';
import type { TenantContext } from '../store/tenant-context.js';
import type { InterchangeOptions, UsageIndicator } from '../x12/envelope/interchange.js';
import { reserveControlNumberSource } from './control-numbers.js';
import { DatabaseControlNumberStore, DatabaseOutboxStore, DatabaseProfileStore } from './database-stores.js';
import { interchangeOptionsFor, renderFileName } from './profile.js';
import { sendBatch } from './send-batch.js';

/** Options for {@link submitClaimBatches}. */
export interface SubmitClaimBatchesOptions {
  readonly context: ScrubContext;
  /** Write the batches here. */
  readonly outDir?: string;
  /** Name of a saved clearinghouse profile: its envelope identities, and send the batches over SFTP. */
  readonly clearinghouse?: string;
  /** ISA15 when no profile is named (default T, test). */
  readonly usage?: UsageIndicator;
  /** The clock (tests). */
  readonly now?: Date;
  readonly claimIds?: readonly number[];
}

/** The envelope for writing a batch straight to a payer. */
function directEnvelope(target: SubmitBatchTarget, usage: UsageIndicator, at: Date): SubmitEnvelope {
  const iso = at.toISOString();
  const senderId = target.billingProvider.taxId.replace(/\D/g, '');
  const interchange: InterchangeOptions = {
    sender: { qualifier: '30', id: senderId },
    receiver: { qualifier: 'ZZ', id: target.payerId },
    usage,
    date: iso.slice(0, 10),
    time: iso.slice(11, 16).replace(':', ''),
  };
  return {
    interchange,
    parties: { submitterId: senderId, receiverId: target.payerId, receiverName: target.payerName },
  };
}

/** Scrubs the ready claims, writes (and with a profile sends) one 837P per payer, marks them submitted. */
export async function submitClaimBatches(
  db: Kysely<DB>,
  ctx: TenantContext,
  options: SubmitClaimBatchesOptions,
): Promise<SubmitClaimsResult> {
  const now = options.now ?? new Date();
  const counters = new DatabaseControlNumberStore(db);
  const reserveControlNumbers = (
    interchange: InterchangeOptions,
    counts: { groups: number; transactionSets: number },
  ) =>
    reserveControlNumberSource(
      counters,
      { senderQualifier: interchange.sender.qualifier, senderId: interchange.sender.id },
      counts,
    );
  const common = {
    context: options.context,
    reserveControlNumbers,
    ...(options.outDir !== undefined ? { outDir: options.outDir } : {}),
    ...(options.claimIds ? { claimIds: options.claimIds } : {}),
  };
  if (options.clearinghouse === undefined) {
    const usage = options.usage ?? 'T';
    return submitClaims(db, ctx, {
      ...common,
      envelopeFor: (target) => directEnvelope(target, usage, now),
      fileNameFor: (target, isa13) => `837P_${target.payerId.replace(/[^A-Za-z0-9]/g, '_')}_${isa13}.x12`,
    });
  }
  const profile = await new DatabaseProfileStore(db).get(options.clearinghouse);
  const outbox = new DatabaseOutboxStore(db);
  return submitClaims(db, ctx, {
    ...common,
    clearinghouse: profile.name,
    envelopeFor: (target) => ({
      interchange: interchangeOptionsFor(profile, now),
      parties: {
        submitterId: profile.senderId,
        receiverId: profile.receiverId,
        receiverName: profile.name,
        submitterName: target.billingProvider.lastNameOrOrganization,
      },
    }),
    fileNameFor: (_target, isa13) => renderFileName(profile, { isa13, now }),
    deliver: async ({ fileName, content }) => {
      const sent = await sendBatch({ profile, fileName, content, outbox });
      return { remotePath: sent.remotePath };
    },
  });
}
