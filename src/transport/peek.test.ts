import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { peekEnvelope } from './peek.js';

const fixture = (name: string): Promise<Buffer> =>
  readFile(new URL(`../../test/fixtures/transport/${name}`, import.meta.url));

describe('peekEnvelope', () => {
  it('classifies real files by ST01, and a 277 by its guide (X214 = 277CA)', async () => {
    const cases: [string, string, string][] = [
      ['999-accepted.x12', '999', '005010X231A1'],
      ['999-partial.x12', '999', '005010X231'],
      ['277ca-accepted.x12', '277CA', '005010X214'],
      ['277-claim-status.x12', '277', '005010X212'],
      ['835-demo.x12', '835', '005010X221A1'],
      ['835-newline-terminated.x12', '835', '005010X221A1'],
    ];
    for (const [name, type, version] of cases) {
      const peek = peekEnvelope(await fixture(name));
      expect([name, peek.type, peek.version]).toEqual([name, type, version]);
    }
  });

  it('reads the ISA sender, receiver, control number and usage, trimmed', async () => {
    const peek = peekEnvelope(await fixture('277ca-accepted.x12'));
    expect(peek).toMatchObject({
      senderQualifier: 'ZZ',
      senderId: 'EMEDNYBAT',
      receiverQualifier: 'ZZ',
      receiverId: 'ETIN',
      interchangeControlNumber: '000014420',
      usage: 'P',
      functionalId: 'HN',
      transactionSetId: '277',
    });
  });

  it('tolerates a UTF-8 BOM, leading blank lines and CRLF between segments', async () => {
    const original = (await fixture('835-demo.x12')).toString('latin1').replaceAll('~\n', '~\r\n');
    const peek = peekEnvelope(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\r\n\r\n${original}`, 'latin1')]),
    );
    expect(peek).toMatchObject({ type: '835', transactionSetId: '835', senderId: '000000005', usage: 'T' });
  });

  it('reads other delimiters from the ISA', async () => {
    const text = (await fixture('999-accepted.x12'))
      .toString('latin1')
      .replaceAll('*', '|')
      .replaceAll('~', '\n');
    expect(peekEnvelope(Buffer.from(text, 'latin1'))).toMatchObject({ type: '999', senderId: 'EMEDNYBAT' });
  });

  it('calls a file without an ISA, or an ISA without GS/ST, unreadable and says why', async () => {
    expect(peekEnvelope(await fixture('835-no-isa.x12'))).toMatchObject({
      type: 'unreadable',
      reason: expect.stringMatching(/ISA/),
    });
    expect(peekEnvelope(Buffer.from(''))).toMatchObject({ type: 'unreadable' });
    const isaOnly = (await fixture('835-demo.x12')).subarray(0, 107);
    expect(peekEnvelope(isaOnly)).toMatchObject({
      type: 'unreadable',
      reason: 'no GS/ST after the ISA header',
      interchangeControlNumber: '000000907',
    });
  });

  it('recognises a TA1 interchange acknowledgment and other transaction sets', async () => {
    const isa = (await fixture('835-demo.x12')).toString('latin1').slice(0, 106);
    expect(peekEnvelope(Buffer.from(`${isa}\nTA1*000000907*131031*1147*A*000~\nIEA*0*000000907~`)).type).toBe(
      'TA1',
    );
    expect(
      peekEnvelope(
        Buffer.from(`${isa}\nGS*HB*A*B*20131031*1147*1*X*005010X279A1~\nST*271*0001*005010X279A1~`),
      ).type,
    ).toBe('other');
  });
});
