import { describe, expect, it } from 'vitest';
import { isAppError } from '../model/errors.js';
import type { ClearinghouseProfileInput } from './profile.js';
import { assertPlainFileName, parseClearinghouseProfile, renderFileName } from './profile.js';

const valid: ClearinghouseProfileInput = {
  name: 'acme-test',
  host: 'sftp.example.org',
  username: 'sub1',
  hostKeyFingerprint: 'SHA256:Nn8pRLOLXKcsAzLibCb7IpwKMab1QpgrAkfq8ZP7HVg',
  privateKeyPath: '/etc/superbill/acme_ed25519',
  outboundDir: 'inbound',
  inboundDir: 'outbound',
  senderQualifier: 'ZZ',
  senderId: 'SUB1',
  receiverQualifier: '30',
  receiverId: '123456789',
  usage: 'T',
};

function problemsOf(input: unknown): string[] {
  try {
    parseClearinghouseProfile(input);
    return [];
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e.problems.map((p) => `${p.path ?? ''}: ${p.message}`);
  }
}

describe('clearinghouse profiles', () => {
  it('applies defaults', () => {
    expect(parseClearinghouseProfile(valid)).toMatchObject({
      port: 22,
      fileNamePattern: '{sender}_{date}_{isa13}.837',
      afterReceive: 'keep',
      timeoutSeconds: 20,
    });
  });

  it('collects every problem in one pass, with its path', () => {
    const problems = problemsOf({
      ...valid,
      name: 'Bad Name',
      senderId: 'WAY-TOO-LONG-SENDER-ID',
      receiverQualifier: 'XX',
      usage: 'I',
      hostKeyFingerprint: 'MD5:aa:bb',
      fileNamePattern: '../{payer}.837',
      inboundDir: '../etc',
      privateKeyPath: undefined,
    });
    const paths = problems.map((p) => p.split(':')[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'profile.name',
        'profile.senderId',
        'profile.receiverQualifier',
        'profile.usage',
        'profile.hostKeyFingerprint',
        'profile.fileNamePattern',
        'profile.inboundDir',
        'profile.privateKeyPath',
      ]),
    );
    expect(problems.join('\n')).toMatch(/unknown placeholder \{payer\}/);
    expect(problems.join('\n')).toMatch(/must contain \{isa13\} or \{time\}/);
  });

  it('refuses a passphrase without a key and names its environment variable rules', () => {
    expect(
      problemsOf({
        ...valid,
        privateKeyPath: undefined,
        passwordEnv: 'ACME_PW',
        privateKeyPassphraseEnv: 'ACME_PASS',
      }),
    ).toEqual(['profile.privateKeyPassphraseEnv: a key passphrase needs privateKeyPath']);
    expect(problemsOf({ ...valid, passwordEnv: 'lower-case' })[0]).toMatch(/environment variable name/);
  });

  it('renders file names from the pattern in UTC, and only plain file names', () => {
    const profile = parseClearinghouseProfile({
      ...valid,
      fileNamePattern: '{profile}-{usage}-{receiver}-{date}T{time}-{isa13}.x12',
    });
    expect(renderFileName(profile, { isa13: '000000042', now: new Date('2026-01-02T23:59:58Z') })).toBe(
      'acme-test-T-123456789-20260102T235958-000000042.x12',
    );
    // ISA IDs may hold spaces and dots; a space becomes an underscore in the file name.
    const spaced = parseClearinghouseProfile({ ...valid, senderId: 'ACME CLINIC' });
    expect(renderFileName(spaced, { isa13: '000000001', now: new Date('2026-01-02T00:00:00Z') })).toBe(
      'ACME_CLINIC_20260102_000000001.837',
    );
    expect(() => {
      assertPlainFileName('../x.837');
    }).toThrow(/not a safe remote file name/);
    expect(() => {
      assertPlainFileName('.hidden');
    }).toThrow(/not a safe remote file name/);
  });
});
