import { describe, expect, it } from 'vitest';
import { renderInterchange } from '../x12/envelope/interchange.js';
import { allocateEnvelopeNumbers, reserveControlNumberSource, senderKey } from './control-numbers.js';
import { MemoryControlNumberStore } from './memory-stores.js';
import { interchangeOptionsFor, parseClearinghouseProfile } from './profile.js';

const sender = { senderQualifier: 'ZZ' as const, senderId: 'SUB1' };

describe('control numbers for outgoing interchanges', () => {
  it('keys counters by ISA05:ISA06', () => {
    expect(senderKey(sender)).toBe('ZZ:SUB1');
  });

  it('reserves a source for the x12 envelope writer; two interchanges never share a number', async () => {
    const store = new MemoryControlNumberStore();
    const first = await reserveControlNumberSource(store, sender, { groups: 2, transactionSets: 3 });
    const second = await reserveControlNumberSource(store, sender, { groups: 1, transactionSets: 1 });
    expect([first.nextInterchangeControlNumber(), second.nextInterchangeControlNumber()]).toEqual([1, 2]);
    expect([
      first.nextGroupControlNumber(),
      first.nextGroupControlNumber(),
      second.nextGroupControlNumber(),
    ]).toEqual([1, 2, 3]);
    expect([first.nextTransactionSetControlNumber(), second.nextTransactionSetControlNumber()]).toEqual([
      1, 4,
    ]);
    expect(() => first.nextInterchangeControlNumber()).toThrow(/more ISA13 numbers than the 1 reserved/);
    // The next envelope continues after everything reserved, used or not.
    expect(await allocateEnvelopeNumbers(store, sender, 1)).toEqual({
      isa13: '000000003',
      gs06: '4',
      st02: ['0005'],
    });
  });

  it("feeds renderInterchange with the profile's parties: ISA13/IEA02, GS06/GE02, ST02/SE02 from the store", async () => {
    const profile = parseClearinghouseProfile({
      name: 'ch',
      host: 'h',
      username: 'u',
      hostKeyFingerprint: 'SHA256:Nn8pRLOLXKcsAzLibCb7IpwKMab1QpgrAkfq8ZP7HVg',
      passwordEnv: 'PW',
      outboundDir: 'o',
      inboundDir: 'i',
      ...sender,
      receiverQualifier: '30',
      receiverId: '123456789',
      applicationReceiverCode: 'CHAPP',
      usage: 'T',
    });
    const store = new MemoryControlNumberStore();
    await store.raiseTo('ZZ:SUB1', 'isa13', 41);
    await store.raiseTo('ZZ:SUB1', 'st02', 6);
    const numbers = await reserveControlNumberSource(store, profile, { groups: 1, transactionSets: 1 });
    const { text } = renderInterchange(
      [
        {
          functionalIdentifierCode: 'HC',
          versionCode: '005010X222A1',
          transactionSets: [
            { transactionSetId: '837', implementationReference: '005010X222A1', segments: [] },
          ],
        },
      ],
      interchangeOptionsFor(profile, new Date('2026-11-27T03:30:00Z')),
      numbers,
    );
    expect(
      text.startsWith(
        'ISA*00*          *00*          *ZZ*SUB1           *30*123456789      *261127*0330*^*00501*000000042*0*T*:~',
      ),
    ).toBe(true);
    expect(text).toContain('GS*HC*SUB1*CHAPP*20261127*0330*1*X*005010X222A1~');
    expect(text).toContain('ST*837*0007*005010X222A1~');
    expect(text).toContain('SE*2*0007~');
    expect(text.endsWith('IEA*1*000000042~')).toBe(true);
  });
});
