import { afterEach, describe, expect, it } from 'vitest';
import { getOrNull } from '../../src-main/store/get';
import type { Db } from '../../src-main/store/pouch';
import { startTestApp, type TestApp } from '../support/app';
import { setUpClinic } from '../support/factories';

let t: TestApp;
afterEach(async () => t?.close());

/** A store failure that is not "no such document" (a disk error, a server that refused). */
const diskError = Object.assign(new Error('IO error: read failed'), { status: 500, name: 'io_error' });

describe('repositories map only a 404 to "not found"', () => {
  it('getOrNull: null for a missing or deleted document, the document when there is one, any other failure thrown', async () => {
    t = await startTestApp();
    const db = t.app.store.db;
    expect(await getOrNull(db, 'nothing:here')).toBeNull();
    const { rev } = await db.put({ _id: 'probe:1', n: 1 });
    expect(await getOrNull<{ n: number }>(db, 'probe:1')).toMatchObject({ _id: 'probe:1', n: 1 });
    await db.remove('probe:1', rev);
    expect(await getOrNull(db, 'probe:1')).toBeNull();
    const failing = { get: () => Promise.reject(diskError) } as unknown as Db;
    await expect(getOrNull(failing, 'probe:1')).rejects.toBe(diskError);
    const refused = { get: () => Promise.reject(Object.assign(new Error('forbidden'), { status: 403 })) } as unknown as Db;
    await expect(getOrNull(refused, 'probe:1')).rejects.toMatchObject({ status: 403 });
  });

  it('an operation whose read fails answers internal (nothing saved), not "no such staff member"', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const db = t.app.store.db;
    const input = { id: f.consultant.id, name: '李咨询', sex: 'F', role: 'consultant', departmentId: 'plastic-surgery', active: true, pin: null };
    const realGet = db.get.bind(db);
    (db as { get: unknown }).get = (id: string, ...rest: unknown[]) => (id === f.consultant.id ? Promise.reject(diskError) : (realGet as (...a: unknown[]) => unknown)(id, ...rest));
    try {
      const failed = await t.app.dispatcher.invoke('staff.update', input, t.session());
      expect(failed).toEqual({ ok: false, error: { code: 'internal', message: 'internal error; nothing was saved' } });
    } finally {
      (db as { get: unknown }).get = realGet;
    }
    // The same operation on an id the store does not have is "not found", naming the field.
    const missing = await t.app.dispatcher.invoke('staff.update', { ...input, id: 'staff:BJ:nobody' }, t.session());
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect(await t.app.dispatcher.invoke('staff.update', input, t.session())).toMatchObject({ ok: true });
  });
});
