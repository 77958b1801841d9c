import { describe, expect, it } from 'vitest';
import { getEditTables, readEditTableManifest } from './load.js';
import { dayNumber, decodePtpTable, encodePtpTable, findPtpRow } from './ptp-format.js';

describe('PTP binary format', () => {
  const rows = [
    { c1: 'B0002', c2: 'A0001', deletion: '', indicator: 1, rationale: 'x' },
    { c1: 'A0001', c2: 'C0003', deletion: '2019-12-31', indicator: 0, rationale: 'y' },
    { c1: 'A0001', c2: 'C0003', deletion: '', indicator: 1, rationale: 'x' },
    { c1: 'A0001', c2: 'B0002', deletion: '2005-06-30', indicator: 9, rationale: 'y' },
  ];
  const t = decodePtpTable(encodePtpTable(rows));
  const idx = (c: string): number => t.codeIndex.get(c)!;

  it('round-trips every row', () => {
    expect(t.rows).toBe(4);
    expect(t.codes).toEqual(['A0001', 'B0002', 'C0003']);
  });
  it('picks the row in force on the date of service', () => {
    const before = findPtpRow(t, idx('A0001'), idx('C0003'), dayNumber('2019-06-01'));
    const after = findPtpRow(t, idx('A0001'), idx('C0003'), dayNumber('2024-01-01'));
    expect(t.indicator[before]).toBe(0);
    expect(t.indicator[after]).toBe(1);
    expect(findPtpRow(t, idx('A0001'), idx('B0002'), dayNumber('2005-06-30'))).toBeGreaterThanOrEqual(0);
    expect(findPtpRow(t, idx('A0001'), idx('B0002'), dayNumber('2005-07-01'))).toBe(-1);
    expect(findPtpRow(t, idx('C0003'), idx('A0001'), dayNumber('2024-01-01'))).toBe(-1);
  });
  it('is deterministic whatever the input order', () => {
    expect(Buffer.from(encodePtpTable([...rows].reverse())).equals(Buffer.from(encodePtpTable(rows)))).toBe(true);
  });
});

describe('committed edit tables', () => {
  it('hold every NCCI practitioner PTP row of the release with its deletion dates', () => {
    const manifest = readEditTableManifest();
    const entry = manifest.tables.find((e) => e.table === 'ptp-practitioner')!;
    const t = getEditTables().ptpPractitioner.at('2026-01-01')!;
    expect(t.entry).toEqual(entry);
    expect(t.data.rows).toBe(entry.rows);
    let active = 0;
    for (let j = 0; j < t.data.rows; j++) if (t.data.deletion[j] === 0) active++;
    expect(active).toBe(entry.activeRows);
    expect(t.cite).toMatch(/^NCCI PTP practitioner \d{4}-\d{2}-\d{2} \(\d{4}Q[1-4]\)$/);
  });
  it('list a release with its effective date for every table', () => {
    const ids = new Set(readEditTableManifest().tables.map((e) => e.table));
    for (const id of ['ptp-practitioner', 'ptp-outpatient-hospital', 'mue-practitioner', 'mue-outpatient-hospital', 'mue-dme-supplier', 'aoc', 'mce', 'icd10cm-excludes1', 'mpfs-indicators']) {
      expect(ids.has(id)).toBe(true);
    }
  });
});
