/**
 * Test helper: the X12 sample files copied into test/fixtures/x12/<type>/ (provenance in
 * test/fixtures/x12/PROVENANCE.md). Tests only; the product never reads these.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of test/fixtures/x12. */
export const X12_FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'x12');

/** One fixture file. */
export interface X12Fixture {
  /** Folder = transaction type (`835`, `837P`, `277CA`, …). */
  readonly type: string;
  readonly name: string;
  readonly path: string;
  readonly bytes: Buffer;
}

/** Every fixture file, optionally only those of one type folder, sorted by path. */
export function listX12Fixtures(type?: string): X12Fixture[] {
  const out: X12Fixture[] = [];
  const types = readdirSync(X12_FIXTURE_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (type === undefined || d.name === type))
    .map((d) => d.name)
    .sort();
  for (const t of types) {
    for (const name of readdirSync(join(X12_FIXTURE_DIR, t)).sort()) {
      const path = join(X12_FIXTURE_DIR, t, name);
      out.push({ type: t, name, path, bytes: readFileSync(path) });
    }
  }
  return out;
}

/** One fixture by `<type>/<name>`. */
export function readX12Fixture(relative: string): Buffer {
  return readFileSync(join(X12_FIXTURE_DIR, relative));
}
