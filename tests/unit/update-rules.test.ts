import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkFeed, installNow, updateChannel, updatePolicyOf, INSTALL_IDLE_MS } from '../../shared/fleet/update';

const sha = createHash('sha512').update('installer bytes').digest('base64');
/** A channel file as electron-builder 26 writes `latest.yml` for an NSIS build (parsed). */
const feed = (over: Record<string, unknown> = {}) => ({
  version: '1.4.0',
  files: [{ url: 'daoyitai-setup-1.4.0-x64.exe', sha512: sha, size: 81234567 }],
  path: 'daoyitai-setup-1.4.0-x64.exe',
  sha512: sha,
  releaseDate: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('what a feed may offer', () => {
  it('takes a newer release with its installer and hash, and the staged share (100 when absent)', () => {
    expect(checkFeed(feed(), '1.3.9')).toEqual({ ok: true, offer: { version: '1.4.0', path: 'daoyitai-setup-1.4.0-x64.exe', sha512: sha, stagingPercentage: 100, releaseDate: '2026-12-01T10:00:00.000Z' } });
    expect(checkFeed(feed({ stagingPercentage: 10 }), '1.3.9')).toMatchObject({ ok: true, offer: { stagingPercentage: 10 } });
  });

  it('does not follow a feed that went back or stands still: a lower version could not read the store', () => {
    expect(checkFeed(feed(), '1.4.0')).toMatchObject({ ok: false, refusal: 'notNewer', field: 'version' });
    expect(checkFeed(feed({ version: '1.2.9' }), '1.10.0')).toMatchObject({ ok: false, refusal: 'notNewer' });
  });

  it.each([
    ['not a mapping', 'a string', 'malformed'],
    ['a list', [1, 2], 'malformed'],
    ['no version', feed({ version: undefined }), 'version'],
    ['a version of words', feed({ version: 'latest' }), 'version'],
    ['an installer in another folder', feed({ files: [{ url: '../../evil.exe', sha512: sha }], path: '../../evil.exe' }), 'path'],
    ['an installer at an address', feed({ files: [{ url: 'https://elsewhere.example/x.exe', sha512: sha }] }), 'path'],
    ['not an installer', feed({ files: [{ url: 'payload.ps1', sha512: sha }] }), 'path'],
    ['a short hash', feed({ files: [{ url: 'a.exe', sha512: 'abc' }], sha512: 'abc' }), 'sha512'],
    ['two different hashes', feed({ sha512: createHash('sha512').update('other').digest('base64') }), 'sha512'],
    ['a staged share over 100', feed({ stagingPercentage: 150 }), 'stagingPercentage'],
    ['a staged share of words', feed({ stagingPercentage: 'half' }), 'stagingPercentage'],
  ])('refuses %s', (_why, raw, refusal) => {
    expect(checkFeed(raw, '1.0.0')).toMatchObject({ ok: false, refusal });
  });
});

describe('channels and the policy', () => {
  it('a pilot clinic reads the pilot channel, every other the latest; no feed address means no updates', () => {
    const policy = updatePolicyOf({ updateFeedUrl: 'https://hq.example.cn/updates/', pilotClinics: ['BJ'] });
    expect(updateChannel('BJ', policy)).toBe('pilot');
    expect(updateChannel('SH', policy)).toBe('latest');
    expect(updateChannel(null, policy)).toBe('latest');
    expect(updatePolicyOf(null)).toEqual({ feedUrl: null, pilotClinics: [] });
    // A policy written before the update channel existed (minimum version only).
    expect(updatePolicyOf({ minAppVersion: '1.0.0' } as never)).toEqual({ feedUrl: null, pilotClinics: [] });
  });
});

describe('when an update installs by itself', () => {
  const at = (clinicTime: string) => new Date(`${clinicTime}+08:00`);
  it('only at night in clinic time (21:00–07:00) and only after 15 idle minutes: never during a check-in', () => {
    expect(installNow(at('2026-12-03T22:30:00'), null)).toBe(true);
    expect(installNow(at('2026-12-03T06:59:00'), null)).toBe(true);
    expect(installNow(at('2026-12-03T07:00:00'), null)).toBe(false);
    expect(installNow(at('2026-12-03T14:00:00'), null)).toBe(false);
    expect(installNow(at('2026-12-03T20:59:00'), null)).toBe(false);
    const night = at('2026-12-03T23:00:00');
    expect(installNow(night, new Date(night.getTime() - 60_000))).toBe(false); // someone used the desk a minute ago
    expect(installNow(night, new Date(night.getTime() - INSTALL_IDLE_MS))).toBe(true);
  });
});
