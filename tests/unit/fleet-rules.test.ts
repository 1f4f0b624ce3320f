import { describe, expect, it } from 'vitest';
import { backupDue, clockIsWrong, clockOffsetMs, compareVersions, deviceFlags, heartbeatDue, type HeartbeatFacts } from '../../shared/fleet/rules';

const facts: HeartbeatFacts = { appVersion: '0.1.0', storeSchema: 3, lastSyncedAt: '2026-12-01T02:00:00.000Z', pendingUp: 0, clockOffsetMs: 1_000, freeDiskBytes: 50e9 };
const at = (min: number) => new Date(Date.parse('2026-12-01T02:00:00.000Z') + min * 60_000);

describe('heartbeat rule', () => {
  it('writes at once, then not within 5 minutes, then when something changed, and every 30 minutes regardless', () => {
    expect(heartbeatDue(null, at(0), facts)).toBe(true);
    const last = { at: at(0).toISOString(), facts };
    expect(heartbeatDue(last, at(4.9), { ...facts, appVersion: '0.2.0' })).toBe(false);
    expect(heartbeatDue(last, at(6), facts)).toBe(false);
    // lastSyncedAt moves after every push (the heartbeat's own too): not a reason by itself.
    expect(heartbeatDue(last, at(6), { ...facts, lastSyncedAt: at(6).toISOString() })).toBe(false);
    expect(heartbeatDue(last, at(6), { ...facts, appVersion: '0.2.0' })).toBe(true);
    expect(heartbeatDue(last, at(6), { ...facts, pendingUp: 4 })).toBe(true);
    expect(heartbeatDue(last, at(6), { ...facts, clockOffsetMs: 180_000 })).toBe(true);
    expect(heartbeatDue(last, at(29), facts)).toBe(false);
    expect(heartbeatDue(last, at(30), facts)).toBe(true);
    // The PC's clock set back before the last heartbeat: write again rather than go silent.
    expect(heartbeatDue(last, at(-60), facts)).toBe(true);
  });
});

describe('versions and device flags', () => {
  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('1.2', '1.2.0')).toBe(0);
    expect(compareVersions('0.1.0-beta.2', '0.1.1')).toBe(-1);
  });
  it('marks behind, stale and clock wrong', () => {
    const now = at(0);
    const ctx = { newest: '0.2.0', minimum: null, now, staleHours: 24 };
    expect(deviceFlags({ appVersion: '0.2.0', lastSyncedAt: at(-60).toISOString(), clockOffsetMs: 0 }, ctx)).toEqual({ behind: false, stale: false, clockWrong: false });
    expect(deviceFlags({ appVersion: '0.1.9', lastSyncedAt: at(-25 * 60).toISOString(), clockOffsetMs: -121_000 }, ctx)).toEqual({ behind: true, stale: true, clockWrong: true });
    expect(deviceFlags({ appVersion: '0.2.0', lastSyncedAt: null, clockOffsetMs: null }, { ...ctx, minimum: '0.3.0' })).toEqual({ behind: true, stale: true, clockWrong: false });
  });
});

describe('clock check', () => {
  it('reads the Date header (whole seconds) and allows 2 minutes either way', () => {
    const local = Date.parse('2026-12-01T02:00:00.000Z');
    expect(clockOffsetMs('Tue, 01 Dec 2026 02:05:00 GMT', local)).toBe(300_500);
    expect(clockOffsetMs(null, local)).toBeNull();
    expect(clockOffsetMs('yesterday', local)).toBeNull();
    expect(clockIsWrong(120_000)).toBe(false);
    expect(clockIsWrong(-120_001)).toBe(true);
    expect(clockIsWrong(null)).toBe(false);
  });
});

describe('backup schedule', () => {
  it('is due with no backup yet, then after everyHours, and again if the clock went back', () => {
    expect(backupDue(null, at(0), 24)).toBe(true);
    expect(backupDue(at(0).toISOString(), at(23 * 60 + 59), 24)).toBe(false);
    expect(backupDue(at(0).toISOString(), at(24 * 60), 24)).toBe(true);
    expect(backupDue(at(0).toISOString(), at(-5), 24)).toBe(true);
  });
});

describe('the address sync may use', () => {
  it('https anywhere; http on this PC or the clinic network (warned); not over the internet', async () => {
    const { addressKind, addressRefused, addressWarned } = await import('../../shared/fleet/rules');
    expect(['https://couch.chain.cn', 'http://127.0.0.1:5984', 'http://localhost:5984', 'http://[::1]:5984'].map(addressKind)).toEqual(['https', 'loopback', 'loopback', 'loopback']);
    for (const lan of ['http://192.168.1.10:5984', 'http://10.0.0.2', 'http://172.20.1.1', 'http://couchdb:5984', 'http://nas.local', 'http://[fd00::1]']) expect([lan, addressKind(lan)]).toEqual([lan, 'lan']);
    for (const far of ['http://couch.chain.cn', 'http://8.8.8.8', 'http://172.32.0.1', 'http://[2001:db8::1]']) expect([far, addressRefused(far)]).toEqual([far, true]);
    expect(addressWarned('http://192.168.1.10:5984')).toBe(true);
    expect(addressWarned('http://127.0.0.1:5984')).toBe(false);
    expect(addressWarned('https://couch.chain.cn')).toBe(false);
    expect(addressKind('not a url')).toBeNull();
  });
});
