import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '../../shared/operations';
import type { Envelope } from '../../shared/errors';
import type { App } from '../app';
import { isAppUrl } from './protocol';

type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/**
 * The one IPC handler: every contract call arrives on `daoyi:invoke`. The sender is checked
 * first (security checklist 17): only frames showing the app's own pages may call. The
 * dispatcher then validates the operation and its input, as it does for the browser host.
 */
export function invokeHandler(app: Pick<App, 'dispatcher'>, onCall?: () => void) {
  return async (event: InvokeEvent, operation: unknown, input: unknown, session: unknown): Promise<Envelope<unknown>> => {
    onCall?.(); // the desk is in use: the updater does not install now (electron/updater.ts)
    if (!isAppUrl(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'calls are accepted only from the app’s own pages' } };
    }
    if (session !== null && typeof session !== 'string') {
      return { ok: false, error: { code: 'invalid_input', field: 'session', message: 'session must be a string or null' } };
    }
    return app.dispatcher.invoke(operation, input, session);
  };
}

/** Registers the handler; returns the function that removes it. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, app: Pick<App, 'dispatcher'>, onCall?: () => void): () => void {
  ipcMain.handle(ipcChannels.invoke, invokeHandler(app, onCall));
  return () => ipcMain.removeHandler(ipcChannels.invoke);
}
