/**
 * Child process for the control number concurrency test: opens the database at argv[2], prints
 * `ready`, waits for a line on stdin (so two workers start reserving at the same moment), reserves
 * argv[4] ISA13 numbers one by one for sender argv[3], and prints them as one JSON array.
 * Run with `node bin/run-ts.js test/transport/reserve-worker.ts URL SENDER COUNT`.
 */
import { once } from 'node:events';
import { openDatabase } from '../../src/store/connection.js';
import { DatabaseControlNumberStore } from '../../src/transport/database-stores.js';

const [url, sender, count] = process.argv.slice(2);
const database = await openDatabase(url, { poolSize: 1 });
try {
  const store = new DatabaseControlNumberStore(database.db);
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  process.stdin.pause();
  const numbers: number[] = [];
  for (let i = 0; i < Number(count); i++) numbers.push(await store.reserve(sender ?? 'ZZ:X', 'isa13', 1));
  process.stdout.write(`${JSON.stringify(numbers)}\n`);
} finally {
  await database.close();
}
