import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { customerIndex, snapshotPath } from '../../src-main/desk/customerIndex';
import { ruleMessage } from '../../src-renderer/i18n/ruleMessages';
import { refusal, startTestApp, tempDir, type TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';

const apps: TestApp[] = [];
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
  for (const d of dirs.splice(0)) d.remove();
});

/**
 * Issue 16: a start does not wait for the lookup index. The index's snapshot is put back while the
 * door already answers; a lookup asked before it is complete says so (`unavailable`, 客户档案正在载入)
 * instead of holding the keystroke or answering 没有找到 from half an index. To hold the index at
 * its start for as long as the test needs, its snapshot file is a named pipe (a disk that has not
 * answered yet): reading it waits until the test writes into it.
 */
describe('the lookup while the customer index loads at a start', () => {
  it('the door answers, the lookup says the records are still loading (nothing written), then finds her once they are loaded', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await startTestApp({ dir: dir.path });
    const f = await setUpClinic(first);
    const visit = await first.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13912345678' }));
    const pipe = snapshotPath(first.app.store.db)!;
    await first.close();

    rmSync(pipe, { force: true });
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const t = await startTestApp({ dir: dir.path });
    apps.push(t);
    try {
      await t.signIn(f.lead.id, LEAD_PIN);
      // The door: the waiting list answers while the index waits for its snapshot.
      expect((await t.api['desk.waitingList']({})).map((v) => v.id)).toEqual([visit.id]);
      const e = await refusal(t, 'customer.search', { query: '张晓梅' });
      expect({ code: e.code, field: e.field, rule: e.rule }).toEqual({ code: 'unavailable', field: 'query', rule: 'customers.indexLoading' });
      expect(ruleMessage(e.rule, e.params, 'zh-CN')).toMatch(/^客户档案正在载入（\d+%），请稍候/);
      expect(ruleMessage(e.rule, e.params, 'en')).toMatch(/^Loading the customer records \(\d+%\)/);
      // The client call rejects the same way (what the desk's lookup box sees and retries on).
      await expect(t.api['customer.search']({ query: '13912345678' })).rejects.toBeInstanceOf(ApiError);
    } finally {
      // The disk answers: with no snapshot the index is built from the store.
      await writeFile(pipe, 'not a snapshot\n');
    }
    await customerIndex(t.app.store.db).current();
    expect(customerIndex(t.app.store.db).startedFrom).toBe('store');
    expect((await t.api['customer.search']({ query: '张晓梅' })).map((h) => [h.id, h.visitCount])).toEqual([[visit.customerId, 1]]);
  });
});
