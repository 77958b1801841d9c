/**
 * Clearinghouse transport tables (src/transport, docs/transport.md): profiles, received and sent
 * files, and envelope control number counters. They are installation-wide, not per tenant: one submitter ID and
 * one clearinghouse mailbox serve every practice a billing service submits for, and ISA13 must be
 * unique per submitter whatever the practice.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface EdiClearinghouseProfileTable {
  id: Generated<number>;
  /** The profile's short name (unique). */
  name: string;
  /** The validated profile as JSON text (no secrets: those are named by environment variable). */
  profile: string;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export interface EdiInboxFileTable {
  id: Generated<number>;
  /** Profile name the file was received through. */
  profile: string;
  remote_name: string;
  remote_size: number;
  /** Remote modification time, seconds since the epoch. */
  remote_mtime: number;
  /** SHA-256 of the content, lowercase hex. */
  sha256: string;
  /** 999, 277CA, 277, 835, TA1, other, unreadable. */
  file_type: string;
  sender_id: string;
  receiver_id: string;
  interchange_control_number: string;
  usage: string | null;
  stored_path: string;
  /** stored, processed, failed, duplicate. */
  status: string;
  summary: string;
  duplicate_of: number | null;
  received_at: ColumnType<string, string, never>;
}

export interface EdiOutboxFileTable {
  id: Generated<number>;
  profile: string;
  remote_path: string;
  sha256: string;
  bytes: number;
  interchange_control_number: string;
  sent_at: ColumnType<string, string, never>;
}

export interface EdiControlNumberTable {
  /** ISA05:ISA06 of the sender, e.g. `ZZ:SUBMITTER1`. */
  sender: string;
  /** isa13, gs06, st02. */
  kind: string;
  /** The last number handed out. */
  last_value: number;
  updated_at: string;
}

export type EdiClearinghouseProfileRow = Selectable<EdiClearinghouseProfileTable>;
export type EdiInboxFileRow = Selectable<EdiInboxFileTable>;
export type NewEdiInboxFileRow = Insertable<EdiInboxFileTable>;
export type EdiOutboxFileRow = Selectable<EdiOutboxFileTable>;
export type NewEdiOutboxFileRow = Insertable<EdiOutboxFileTable>;
export type EdiControlNumberRow = Selectable<EdiControlNumberTable>;

declare module '../schema.js' {
  interface DB {
    edi_clearinghouse_profiles: EdiClearinghouseProfileTable;
    edi_inbox_files: EdiInboxFileTable;
    edi_outbox_files: EdiOutboxFileTable;
    edi_control_numbers: EdiControlNumberTable;
  }
}
