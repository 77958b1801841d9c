/**
 * Generic view of any X12 file, for transaction sets without a dedicated reader: the envelope tree,
 * each transaction set's segments, and its HL hierarchy when it has one (837, 270/271, 276/277).
 */
import type { X12Diagnostic } from './syntax/diagnostics.js';
import type { TransactionEnvelope } from './syntax/envelopes.js';
import type { ParsedX12 } from './syntax/parse.js';

/** One HL level (hierarchical level): HL01 id, HL02 parent, HL03 level code, HL04 child code. */
export interface HierarchyLevel {
  readonly id: string;
  readonly parentId?: string;
  readonly levelCode: string;
  readonly hasChildren?: boolean;
  /** Segment indexes (1-based, file-wide) from this HL up to the next HL or SE. */
  readonly firstSegment: number;
  readonly lastSegment: number;
}

/** A transaction set in generic form. */
export interface GenericTransaction {
  readonly id: string;
  readonly controlNumber: string;
  readonly implementation: string;
  readonly segments: readonly { readonly index: number; readonly elements: readonly string[] }[];
  readonly hierarchy: readonly HierarchyLevel[];
}

/** The generic reading of a file. */
export interface GenericX12 {
  readonly interchanges: readonly {
    readonly controlNumber: string;
    readonly sender: string;
    readonly receiver: string;
    readonly usage: string;
    readonly groups: readonly { readonly functionalId: string; readonly controlNumber: string; readonly version: string; readonly transactions: readonly GenericTransaction[] }[];
  }[];
  /** Transaction sets outside any functional group. */
  readonly looseTransactions: readonly GenericTransaction[];
  readonly diagnostics: readonly X12Diagnostic[];
}

function transaction(parsed: ParsedX12, t: TransactionEnvelope): GenericTransaction {
  const last = t.se?.index ?? t.lastIndex;
  const segments = parsed.segments.slice(t.firstIndex - 1, last).map((s) => ({ index: s.index, elements: s.elements }));
  const hierarchy: HierarchyLevel[] = [];
  let open: { id: string; parentId?: string; levelCode: string; hasChildren?: boolean; firstSegment: number } | undefined;
  for (const s of segments) {
    if (s.elements[0] !== 'HL') continue;
    if (open) hierarchy.push({ ...open, lastSegment: s.index - 1 });
    const parent = s.elements[2] ?? '';
    const child = s.elements[4];
    open = {
      id: s.elements[1] ?? '',
      ...(parent !== '' ? { parentId: parent } : {}),
      levelCode: s.elements[3] ?? '',
      ...(child === '1' || child === '0' ? { hasChildren: child === '1' } : {}),
      firstSegment: s.index,
    };
  }
  if (open) hierarchy.push({ ...open, lastSegment: t.se ? t.se.index - 1 : last });
  return { id: t.id, controlNumber: t.controlNumber, implementation: t.implementation, segments, hierarchy };
}

/** Turns a parsed file into the generic view. */
export function readGeneric(parsed: ParsedX12): GenericX12 {
  return {
    interchanges: parsed.envelopes.interchanges.map((x) => ({
      controlNumber: x.controlNumber,
      sender: (x.isa.elements[6] ?? '').trim(),
      receiver: (x.isa.elements[8] ?? '').trim(),
      usage: x.isa.elements[15] ?? '',
      groups: x.groups.map((g) => ({
        functionalId: g.functionalId,
        controlNumber: g.controlNumber,
        version: g.version,
        transactions: g.transactions.map((t) => transaction(parsed, t)),
      })),
    })),
    looseTransactions: parsed.envelopes.looseTransactions.map((t) => transaction(parsed, t)),
    diagnostics: parsed.diagnostics,
  };
}
