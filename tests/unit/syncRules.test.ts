import { describe, expect, it } from 'vitest';
import { clinicDbName, combineSyncState, differingFields, isReferenceDoc, nextBackOff, syncErrorMessage, travelsWithClinic, type DirectionState } from '../../shared/sync/rules';
import { classifyError } from '../../src-main/sync/remote';

const pending: DirectionState = { kind: 'pending' };
const active: DirectionState = { kind: 'active' };
const paused: DirectionState = { kind: 'paused' };
const away: DirectionState = { kind: 'retrying', error: 'unreachable' };

describe('the state the shell shows', () => {
  it('is the worst of the replications', () => {
    expect(combineSyncState([], 0)).toBe('off');
    expect(combineSyncState([pending, pending, pending], 0)).toBe('connecting');
    expect(combineSyncState([paused, pending, paused], 0)).toBe('connecting');
    expect(combineSyncState([active, paused, pending], 0)).toBe('syncing');
    expect(combineSyncState([paused, paused, paused], 0)).toBe('idle');
    expect(combineSyncState([paused, paused, paused], 2)).toBe('denied');
    expect(combineSyncState([active, paused, paused], 2)).toBe('syncing');
    expect(combineSyncState([away, active, paused], 0)).toBe('offline');
    expect(combineSyncState([{ kind: 'retrying', error: 'other' }, paused, paused], 0)).toBe('offline');
    // A missing database needs a person, though PouchDB keeps trying.
    expect(combineSyncState([{ kind: 'retrying', error: 'not_found' }, away, paused], 0)).toBe('error');
    expect(combineSyncState([{ kind: 'stopped', error: 'auth' }, active, paused], 5)).toBe('error');
  });

  it('shows 离线 only once the probe of the server found silence; a dropped request alone is reconnecting', () => {
    expect(combineSyncState([away, paused, paused], 0, false)).toBe('connecting');
    expect(combineSyncState([away, away, away], 0, false)).toBe('connecting');
    expect(combineSyncState([away, paused, paused], 0, true)).toBe('offline');
    // A server that answers with failures is there but not working: that is not a dropped connection.
    expect(combineSyncState([{ kind: 'retrying', error: 'other' }, paused, paused], 0, false)).toBe('offline');
    expect(combineSyncState([{ kind: 'retrying', error: 'forbidden' }, away, paused], 0, false)).toBe('error');
  });
});

describe('back-off', () => {
  it('starts at a second, doubles, and stops at a minute', () => {
    const waits: number[] = [];
    let w = 0;
    for (let i = 0; i < 9; i++) waits.push((w = nextBackOff(w)));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(nextBackOff(0, 100, 1_000)).toBe(100);
    expect(nextBackOff(800, 100, 1_000)).toBe(1_000);
  });
});

describe('what travels where', () => {
  it('clinic documents go both ways; design documents and reference documents do not', () => {
    expect(travelsWithClinic({ _id: 'visit:BJ:2026-11-27:x', clinic: 'BJ' })).toBe(true);
    expect(travelsWithClinic({ _id: 'conflict-archive:staff:BJ:x:1-a', clinic: 'BJ' })).toBe(true);
    expect(travelsWithClinic({ _id: 'staff:BJ:x' })).toBe(true); // a deletion stub carries no fields
    expect(travelsWithClinic({ _id: '_design/desk' })).toBe(false);
    expect(travelsWithClinic({ _id: '_design/validation' })).toBe(false);
    expect(travelsWithClinic({ _id: 'calendar:2026', clinic: '*' })).toBe(false);
    expect(travelsWithClinic({ _id: 'calendar:2027' })).toBe(false);
    expect(travelsWithClinic({ _id: 'template:x', clinic: '*' })).toBe(false);
    expect(isReferenceDoc({ _id: 'calendar:2026', clinic: '*' })).toBe(true);
    expect(isReferenceDoc({ _id: 'clinic:BJ', clinic: 'BJ' })).toBe(false);
    expect(clinicDbName('BJ')).toBe('clinic_bj');
  });
});

describe('errors in plain Chinese', () => {
  it('says what happened, and which record head office refused', () => {
    expect(syncErrorMessage('auth')).toBe('用户名或密码错误');
    expect(syncErrorMessage('forbidden')).toBe('该账号无权访问本院数据库');
    expect(syncErrorMessage('forbidden', { db: 'reference' })).toBe('该账号无权读取总部参考数据');
    expect(syncErrorMessage('unreachable')).toBe('无法连接总部服务器');
    expect(syncErrorMessage('not_found', { db: 'clinic_bj' })).toBe('总部服务器上没有数据库 clinic_bj（请总部先运行设置命令）');
    expect(syncErrorMessage('refused_doc', { docId: 'visit:BJ:2026-11-27:x', reason: 'intention: required for a visit' })).toBe('总部拒收了记录 visit:BJ:2026-11-27:x：intention: required for a visit');
    expect(syncErrorMessage('other', { reason: 'boom' })).toBe('同步出错：boom');
  });
});

describe('conflicting revisions', () => {
  it('name the fields that differ, not the update stamps, however keys are ordered', () => {
    const winner = { _id: 's', _rev: '2-b', name: '李', role: 'guide', updatedAt: '2026-11-27T02:00:00Z', updatedBy: 'staff:BJ:a', dept: { id: 'x', active: true } };
    const loser = { _id: 's', _rev: '2-a', name: '王', role: 'guide', updatedAt: '2026-11-27T03:00:00Z', updatedBy: 'staff:BJ:b', dept: { active: true, id: 'x' } };
    expect(differingFields(winner, [loser])).toEqual(['name']);
    expect(differingFields(winner, [{ ...loser, name: '李' }])).toEqual([]);
    expect(differingFields(winner, [loser, { ...winner, role: 'dean', extra: 1 }])).toEqual(['extra', 'name', 'role']);
    expect(differingFields({ _id: 's', a: null }, [{ _id: 's' }])).toEqual(['a']);
  });
});

describe('what went wrong, told apart', () => {
  it('a full disk on this PC is not head office unreachable (issue 16: "a clear message when the disk … runs short")', () => {
    // LevelDB's write error as PouchDB passes it on: no HTTP status.
    const full = Object.assign(new Error('IO error: /data/desk/store/000123.log: No space left on device'), { name: 'WriteError' });
    expect(classifyError(full)).toBe('diskFull');
    expect(classifyError({ reason: 'ENOSPC: no space left on device, write' })).toBe('diskFull');
    expect(syncErrorMessage('diskFull')).toBe('本机磁盘空间不足，从总部下载的记录存不下：请清理磁盘，同步会自动继续（已下载的不会丢失）');
    // Without a status and without those words it is still the network.
    expect(classifyError(Object.assign(new Error('fetch failed'), { name: 'TypeError' }))).toBe('unreachable');
    expect(classifyError({ status: 500, message: 'disk quota' })).toBe('other');
  });
});
