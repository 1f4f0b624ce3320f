import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { askBeforeClosing } from '../../src-main/electron/closeGuard';
import { startTestApp, type TestApp } from '../support/app';
import { setUpClinic, firstVisit } from '../support/factories';
import { waitFor } from '../support/wait';

/**
 * Closing the window with documents not yet uploaded (Electron's window and dialog faked, the
 * desk real: a store on disk whose sync points at a server nobody answers, so writes stay pending).
 */
class FakeWindow extends EventEmitter {
  closed = 0;
  close() {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('close', event);
    if (!event.defaultPrevented) this.closed += 1;
  }
  isDestroyed() {
    return this.closed > 0;
  }
}

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('closing the window', () => {
  it('closes at once when nothing waits; asks "还有 N 条记录未上传总部" when something does, and obeys the answer', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const dialog = { showMessageBox: vi.fn(async () => ({ response: 1, checkboxChecked: false })) };
    const quiet = new FakeWindow();
    askBeforeClosing(quiet as never, t.app, dialog as never);
    quiet.close();
    await waitFor(() => quiet.closed === 1 || null, 'the window closed');
    expect(dialog.showMessageBox).not.toHaveBeenCalled(); // sync is off: nothing waits to go up

    await t.api['sync.configure']({ url: 'http://127.0.0.1:9', username: 'desk_bj', password: 'x' });
    await t.api['desk.checkIn'](firstVisit());
    const pending = (await t.api['sync.status']({})).pendingUp;
    expect(pending).toBeGreaterThan(0);
    const win = new FakeWindow();
    askBeforeClosing(win as never, t.app, dialog as never);
    win.close();
    await waitFor(() => dialog.showMessageBox.mock.calls.length === 1 || null, 'the question');
    expect(dialog.showMessageBox).toHaveBeenCalledWith(win, expect.objectContaining({ message: `还有 ${pending} 条记录未上传总部`, buttons: ['仍然关闭', '返回'], cancelId: 1 }));
    // 返回: the window stays.
    await new Promise((r) => setImmediate(r));
    expect(win.closed).toBe(0);
    // 仍然关闭: it closes.
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    win.close();
    await waitFor(() => win.closed === 1 || null, 'the window closed after 仍然关闭');
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
  });
});
