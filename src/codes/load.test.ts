/**
 * The committed code sets (data/codes/) load and hold the counts the official files state.
 */
import { describe, expect, it } from 'vitest';
import { isValidOn } from './code-sets.js';
import { loadCodeSets } from './load.js';

const codeSets = loadCodeSets({ cptFile: null });

function countOn(date: string): { billable: number; headers: number } {
  let billable = 0;
  let headers = 0;
  for (const e of codeSets.entries('ICD-10-CM')) {
    if (!isValidOn(e, date)) continue;
    if (e.billable) billable += 1;
    else headers += 1;
  }
  return { billable, headers };
}

describe('ICD-10-CM releases', () => {
  it('FY2026 has 74,719 billable codes and 23,467 headers', () => {
    expect(countOn('2026-03-01')).toEqual({ billable: 74_719, headers: 23_467 });
    expect(countOn('2025-10-01')).toEqual({ billable: 74_719, headers: 23_467 });
    expect(countOn('2026-09-30')).toEqual({ billable: 74_719, headers: 23_467 });
  });

  it('FY2027 (FY2026 + addenda) has 74,879 billable codes and 23,524 headers', () => {
    expect(countOn('2026-10-01')).toEqual({ billable: 74_879, headers: 23_524 });
    expect(countOn('2027-06-30')).toEqual({ billable: 74_879, headers: 23_524 });
  });

  it('FY2025 (FY2026 with its addenda undone) has 74,260 billable codes and 23,324 headers', () => {
    expect(countOn('2025-09-30')).toEqual({ billable: 74_260, headers: 23_324 });
  });

  it('chooses the release by date of service: fiscal years start on 1 October', () => {
    expect(codeSets.releaseOn('ICD-10-CM', '2025-09-30')?.name).toBe('ICD-10-CM FY2025');
    expect(codeSets.releaseOn('ICD-10-CM', '2025-10-01')?.name).toBe('ICD-10-CM FY2026');
    expect(codeSets.releaseOn('ICD-10-CM', '2026-09-30')?.name).toBe('ICD-10-CM FY2026');
    expect(codeSets.releaseOn('ICD-10-CM', '2026-10-01')?.name).toBe('ICD-10-CM FY2027');
  });

  it('keeps one version per wording: a revised title has two date ranges', () => {
    const versions = codeSets.versions('ICD-10-CM', 'L02.232');
    expect(versions).toHaveLength(2);
    expect(versions[0]!.validTo).toBe('2026-09-30');
    expect(versions[1]!.validFrom).toBe('2026-10-01');
    expect(versions[0]!.longDescription).not.toBe(versions[1]!.longDescription);
  });

  it('builds the hierarchy: parents, children and chapters', () => {
    expect(codeSets.lookup('ICD-10-CM', 'E11.40')?.parent).toBe('E11.4');
    expect(codeSets.lookup('ICD-10-CM', 'E11.4')?.parent).toBe('E11');
    expect(codeSets.lookup('ICD-10-CM', 'E11')?.parent).toBeUndefined();
    // The placeholder X is not a level: S00.00XA hangs under S00.00.
    expect(codeSets.lookup('ICD-10-CM', 'S00.00XA')?.parent).toBe('S00.00');
    expect(codeSets.children('ICD-10-CM', 'E78.01', '2026-03-01').map((e) => e.code)).toEqual([
      'E78.010',
      'E78.011',
      'E78.019',
    ]);
    expect(codeSets.children('ICD-10-CM', 'E78.01', '2025-03-01')).toEqual([]);
    expect(codeSets.chapter('E11.9')?.chapter).toBe(4);
    expect(codeSets.chapter('O9A.11')?.chapter).toBe(15);
    expect(codeSets.chapter('S52.501A')?.chapter).toBe(19);
    for (const e of codeSets.entries('ICD-10-CM'))
      if (e.parent === undefined) expect(e.code).toMatch(/^[A-Z][0-9A-Z]{2}$/);
  });

  it('looks codes up in any input form, by date', () => {
    expect(codeSets.lookup('ICD-10-CM', 'e1140')?.code).toBe('E11.40');
    expect(codeSets.lookup('ICD-10-CM', 'E78.01', '2025-03-01')?.billable).toBe(true);
    expect(codeSets.lookup('ICD-10-CM', 'E78.01', '2026-03-01')?.billable).toBe(false);
    expect(codeSets.lookup('ICD-10-CM', 'E11.A', '2025-03-01')).toBeUndefined();
  });
});

describe('index terms', () => {
  it('holds alphabetic, neoplasm, drug and external-cause terms', () => {
    const terms = codeSets.indexTerms();
    const bySource = new Map<string, number>();
    for (const t of terms) bySource.set(t.source, (bySource.get(t.source) ?? 0) + 1);
    expect(bySource.get('alphabetic')).toBeGreaterThan(60_000);
    expect(bySource.get('neoplasm')).toBeGreaterThan(5_000);
    expect(bySource.get('drug')).toBeGreaterThan(20_000);
    expect(bySource.get('external-cause')).toBeGreaterThan(5_000);
    expect(terms).toContainEqual(
      expect.objectContaining({
        path: 'Diabetes, diabetic > type 2 > with > neuropathy',
        code: 'E11.40',
        source: 'alphabetic',
      }),
    );
  });

  it('marks codes that the index gives only in part', () => {
    const barton = codeSets
      .indexTerms()
      .find((t) => t.path === "Fracture, traumatic > radius > lower end > Barton's");
    expect(barton).toMatchObject({ code: 'S52.56', incomplete: true });
  });
});

describe('HCPCS, CPT and code lists', () => {
  it('has 8,463 HCPCS codes from October 2025 plus 262 July 2026 numbers', () => {
    const hcpcs = codeSets.entries('HCPCS');
    const july = hcpcs.filter((e) => e.note !== undefined);
    expect(hcpcs.length - july.length).toBe(8_463);
    expect(july).toHaveLength(262);
    expect(july.every((e) => e.validFrom === '2026-07-01' && e.longDescription === '')).toBe(true);
    expect(hcpcs.filter((e) => e.validTo !== undefined)).toHaveLength(1_205);
  });

  it('has 383 Level II modifiers', () => {
    expect(codeSets.list('hcpcs-modifier')).toHaveLength(383);
    expect(codeSets.listEntry('hcpcs-modifier', 'rt')?.description).toMatch(/right/i);
  });

  it('knows CPT numbers without descriptions', () => {
    const cpt = codeSets.entries('CPT');
    expect(cpt).toHaveLength(13_025);
    expect(cpt.every((e) => e.shortDescription === '' && e.descriptionLicensed === false)).toBe(true);
  });

  it('has the remittance and claim code lists', () => {
    expect(codeSets.list('carc')).toHaveLength(407);
    expect(codeSets.list('rarc')).toHaveLength(1_197);
    expect(codeSets.list('cas-group').map((e) => e.code)).toEqual(['CO', 'CR', 'OA', 'PI', 'PR']);
    expect(codeSets.list('claim-status-category')).toHaveLength(46);
    expect(codeSets.list('claim-status')).toHaveLength(749);
    expect(codeSets.list('nucc-taxonomy')).toHaveLength(883);
    expect(codeSets.list('place-of-service')).toHaveLength(99);
    expect(codeSets.listEntry('place-of-service', '11')?.name).toBe('Office');
  });
});
