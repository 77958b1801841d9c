/**
 * Golden-file tests for 837P/837I output: each input claim file under test/fixtures/x12-golden/ is
 * written with fixed interchange settings and compared byte for byte with the reviewed expected file
 * next to it (no auto-updated snapshots: a change in output must come with a reviewed change of the
 * expected file). Each output is also read back with the syntax layer and its envelopes checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimSchema, type Claim } from '../model/claim.js';
import { parseX12 } from '../x12/syntax/parse.js';
import { SequentialControlNumbers } from '../x12/envelope/control-numbers.js';
import { write837File, type Write837FileOptions } from './edi-837-file.js';
import { claimsToProfessional837 } from './edi-837.js';
import { write837P } from '../x12/837p-005010x222a1/writer.js';
import { claimHasDelimiter } from '../x12/837p-005010x222a1/validate.js';
import { transactionHasDelimiter } from '../x12/837p-005010x222a1/validate-common.js';
import { delimiterScan } from '../x12/envelope/text-check.js';
import { DEFAULT_DELIMITERS } from '../x12/syntax/segment.js';

const GOLDEN = join(import.meta.dirname, '../../test/fixtures/x12-golden');
const TR3 = join(import.meta.dirname, '../../test/fixtures/x12/837P');

function loadClaims(name: string): Claim[] {
  return (JSON.parse(readFileSync(join(GOLDEN, `${name}.claims.json`), 'utf8')) as unknown[]).map((c) =>
    claimSchema.parse(c),
  );
}

function options(): Write837FileOptions {
  return {
    interchange: {
      sender: { qualifier: 'ZZ', id: 'SUPERBILL' },
      receiver: { qualifier: 'ZZ', id: 'CLEARHOUSE' },
      usage: 'T',
      date: '2026-01-15',
      time: '1200',
    },
    controlNumbers: new SequentialControlNumbers(),
    parties: { submitterId: 'SUPERBILL', receiverId: 'CLEARHOUSE', receiverName: 'CLEARHOUSE INC' },
    lineBreak: '\n',
  };
}

function write(name: string): string {
  const r = write837File(loadClaims(name), options());
  if (!r.ok) throw new Error(JSON.stringify(r.problems, null, 1));
  expect(r.problems).toEqual([]);
  return r.text;
}

const ids = (text: string): string[] => parseX12(text).segments.map((s) => s.elements[0] ?? '');
/** Segment kinds with their qualifier where the qualifier tells the meaning (REF*6R vs REF*G2). */
const keys = (text: string): string[] =>
  parseX12(text).segments.map((s) =>
    ['REF', 'DTP', 'NM1', 'AMT', 'PRV'].includes(s.elements[0] ?? '')
      ? `${s.elements[0]}*${s.elements[1]}`
      : (s.elements[0] ?? ''),
  );

const CASES = [
  [
    '837p-primary',
    'primary claim: referring, rendering, facility, prior auth, modifiers, RD8 line, line POS',
  ],
  ['837p-secondary-cob', 'secondary claim with COB: 2320 CAS/AMT*D/OI, 2330A/B, 2430 SVD/CAS/DTP*573'],
  ['837p-replacement-void', 'replacement (7) and void (8) with REF*F8'],
  ['837p-ndc', 'NDC line: 2410 LIN/CTP'],
  ['837p-dependent', "patient is not the subscriber (2000C) next to the subscriber's own claim"],
  ['837i-inpatient', '837I inpatient facility claim'],
] as const;

describe('837 golden files', () => {
  for (const [name, what] of CASES) {
    it(`${name}: ${what}`, () => {
      const text = write(name);
      expect(text).toBe(readFileSync(join(GOLDEN, `${name}.x12`), 'utf8'));
      const parsed = parseX12(text);
      expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(parsed.envelopes.interchanges).toHaveLength(1);
      const group = parsed.envelopes.interchanges[0]!.groups[0]!;
      expect(group.version).toBe(name.startsWith('837i') ? '005010X223A2' : '005010X222A1');
      for (const tx of group.transactions) expect(Number(tx.se?.elements[1])).toBe(tx.segmentCount);
      // ISA is fixed width: 106 characters with its terminator.
      expect(text.indexOf('~') + 1).toBe(106);
    });
  }

  it('numbers HL levels in order with the right parents and child flags (batch of three claims)', () => {
    const hl = parseX12(write('837p-dependent'))
      .segments.filter((s) => s.elements[0] === 'HL')
      .map((s) => s.elements.slice(1).join('*'));
    expect(hl).toEqual(['1**20*1', '2*1*22*1', '3*2*23*0', '4*1*22*0']);
  });

  it('writes one CLM per claim and the claim totals as the sum of the lines', () => {
    const segs = parseX12(write('837p-replacement-void')).segments;
    const clm = segs
      .filter((s) => s.elements[0] === 'CLM')
      .map((s) => [s.elements[1], s.elements[2], s.elements[5]]);
    expect(clm).toEqual([
      ['PCN3001', '175', '11:B:7'],
      ['PCN3002', '110', '11:B:8'],
    ]);
    expect(
      segs.filter((s) => s.elements[0] === 'REF' && s.elements[1] === 'F8').map((s) => s.elements[2]),
    ).toEqual(['ACME2026000123', 'ACME2026000456']);
  });

  it('orders the COB loops like the TR3 COB example (billing provider to payer B)', () => {
    const tr3 = readFileSync(
      join(TR3, 'albmarin__badX12__X222-COB-claim-from-billing-provider-to-payer-b.edi'),
      'utf8',
    );
    const ours = keys(write('837p-secondary-cob'));
    const theirs = keys(tr3);
    // From CLM to the second LX (the claim with its first line), keeping the segment kinds both use.
    // N3/N4 are left out: the TR3 example also has a service facility (2310C) address.
    const common = new Set(ours.filter((k) => theirs.includes(k) && k !== 'N3' && k !== 'N4'));
    const firstClaim = (list: string[]): string[] => {
      const from = list.indexOf('CLM');
      const secondLx = list.indexOf('LX', list.indexOf('LX', from) + 1);
      return list.slice(from, secondLx).filter((k) => common.has(k));
    };
    expect(firstClaim(ours)).toEqual(firstClaim(theirs));
    expect(firstClaim(ours)).toEqual(
      expect.arrayContaining(['SBR', 'CAS', 'AMT*D', 'OI', 'NM1*IL', 'NM1*PR', 'SVD', 'DTP*573']),
    );
  });

  it('orders an NDC line like the TR3 drug example', () => {
    const tr3 = ids(
      readFileSync(join(TR3, 'albmarin__badX12__X222-drug-administered-in-the-physician-office.edi'), 'utf8'),
    );
    const ours = ids(write('837p-ndc'));
    const tail = (list: string[]): string[] =>
      list.slice(list.lastIndexOf('LX')).filter((id) => ['LX', 'SV1', 'DTP', 'LIN', 'CTP'].includes(id));
    expect(tail(ours)).toEqual(tail(tr3));
  });

  it('puts professional and institutional claims into two functional groups of one interchange', () => {
    const claims = [...loadClaims('837p-ndc'), ...loadClaims('837i-inpatient')];
    const r = write837File(claims, options());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parsed = parseX12(r.text);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const groups = parsed.envelopes.interchanges[0]!.groups;
    expect(groups.map((g) => [g.version, g.controlNumber])).toEqual([
      ['005010X222A1', '1'],
      ['005010X223A2', '2'],
    ]);
    expect(r.professionalClaims).toBe(1);
    expect(r.institutionalClaims).toBe(1);
    expect(parsed.segments.at(-1)?.elements).toEqual(['IEA', '2', '000000001']);
  });

  it('collects every problem of every claim instead of stopping at the first', () => {
    const [primary] = loadClaims('837p-primary');
    const bad: Claim = {
      ...primary!,
      frequencyCode: '7',
      lines: primary!.lines.map((l, i) => (i === 0 ? { ...l, diagnosisPointers: [1, 5] } : l)),
      billingProvider: {
        ...primary!.billingProvider,
        npi: '1234567890',
        address: { ...primary!.billingProvider.address, zip: '62701' },
      },
    };
    const r = write837File([primary!, bad], options());
    expect(r.ok).toBe(false);
    const found = r.problems.map((p) => `${p.code}@${p.path ?? ''}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'x12.837.frequency.f8@claims[1].originalClaimNumber',
        'x12.837.pointer.range@claims[1].lines[0].diagnosisPointers[1]',
        'x12.837.npi.invalid@claims[1].billingProvider.npi',
        'x12.837.address.zip4@claims[1].billingProvider.address.zip',
      ]),
    );
  });

  it('maps an institutional claim whose type of bill disagrees with its frequency to a problem', () => {
    const [inst] = loadClaims('837i-inpatient');
    const r = write837File([{ ...inst!, frequencyCode: '7', originalClaimNumber: 'X1' }], options());
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toContain('billing.edi837i.frequency-mismatch');
  });

  it('writes the example of docs/claim-format.md', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/claim-format.md'), 'utf8');
    const json = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const claims = (JSON.parse(json) as unknown[]).map((c) => claimSchema.parse(c));
    const r = write837File(claims, options());
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('checks institutional claims: revenue codes, statement period, CLM02', () => {
    const [inst] = loadClaims('837i-inpatient');
    const bad = {
      ...inst!,
      institutional: { ...inst!.institutional!, statementFrom: '2026-01-06', patientStatusCode: '1' },
      lines: inst!.lines.map((l, i) => (i === 1 ? { ...l, revenueCode: undefined } : l)),
    };
    const r = write837File([bad], options());
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.code}@${p.path ?? ''}`)).toEqual([
      'x12.837i.statement-dates@claims[0].institutional.statementTo',
      'x12.837i.cl103@claims[0].institutional.patientStatusCode',
      'x12.837i.revenue-code@claims[0].lines[1].revenueCode',
    ]);
  });

  const professional = (): Claim[] =>
    CASES.filter(([name]) => name.startsWith('837p')).flatMap(([name]) => loadClaims(name));

  it('scans every text value of the loop model field by field (the fast delimiter check misses none)', () => {
    const { transactions } = claimsToProfessional837(professional(), {
      submitterId: 'SUPERBILL',
      receiverId: 'CLEARHOUSE',
      creationDate: '2026-01-15',
      creationTime: '1200',
    });
    const has = delimiterScan(DEFAULT_DELIMITERS)!;
    const tx = transactions[0]!;
    expect(transactionHasDelimiter(tx, has, claimHasDelimiter)).toBe(false);
    // Every string anywhere in the model (found by a general walk), one at a time, gets a delimiter.
    const leaves: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]): void => {
      if (typeof v === 'string') leaves.push(path);
      else if (Array.isArray(v))
        v.forEach((x, i) => {
          walk(x, [...path, i]);
        });
      else if (typeof v === 'object' && v !== null)
        for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(tx, []);
    expect(leaves.length).toBeGreaterThan(150);
    for (const path of leaves) {
      const copy = structuredClone(tx);
      let at: Record<string | number, unknown> = copy as unknown as Record<string, unknown>;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
      const last = path.at(-1)!;
      at[last] = `${String(at[last])}*`;
      expect(transactionHasDelimiter(copy, has, claimHasDelimiter), path.join('.')).toBe(true);
    }
  });

  it('writes in one pass exactly what the loop-model path writes, across transaction sets and warnings', () => {
    const base = professional();
    const claims: Claim[] = Array.from({ length: 5003 }, (_, i) => ({
      ...base[i % base.length]!,
      patientControlNumber: `${base[i % base.length]!.patientControlNumber}-${i}`,
      // At most 100 claims per subscriber loop: a new member every 40 claims.
      subscriber: {
        ...base[i % base.length]!.subscriber,
        memberId: `${base[i % base.length]!.subscriber.memberId}-${Math.floor(i / 40)}`,
      },
    }));
    // A warning (CLM01 over 20 characters) sends the second set down the thorough path.
    claims[5001] = { ...claims[5001]!, patientControlNumber: 'W'.repeat(25) };
    const fast = write837File(claims, options());
    const { transactions } = claimsToProfessional837(claims, {
      submitterId: 'SUPERBILL',
      receiverId: 'CLEARHOUSE',
      receiverName: 'CLEARHOUSE INC',
      creationDate: '2026-01-15',
      creationTime: '1200',
    });
    const o = options();
    const slow = write837P(transactions, { ...o, lineBreak: '\n' });
    expect(fast.ok && slow.ok).toBe(true);
    if (!fast.ok || !slow.ok) return;
    expect(transactions).toHaveLength(2);
    expect(fast.problems.map((p) => `${p.code}@${p.path ?? ''}`)).toEqual([
      'x12.837.clm01.length@claims[5001].patientControlNumber',
    ]);
    expect(fast.text).toBe(slow.text);
  });
});
