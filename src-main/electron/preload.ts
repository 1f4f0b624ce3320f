import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, operationNames, type ChangeEvent } from '../../shared/operations';
import type { DaoyiBridge } from '../../shared/bridge';
import type { OperationName } from '../../shared/contract';

/**
 * The sandboxed preload: exposes `window.daoyi`, one named function per operation plus a change
 * feed. It never hands out `ipcRenderer` or an IPC event object (Electron security checklist:
 * a page that got hold of either could send on any channel). Imports only 'electron' and the
 * schema-free operation list, so esbuild bundles it into one small file.
 */
type Call = DaoyiBridge[OperationName];

const call =
  (name: OperationName): Call =>
  (input, session) =>
    ipcRenderer.invoke(ipcChannels.invoke, name, input, session);

// operations.ts ties `operationNames` to the contract with `satisfies`; the cast only restates it.
const calls = Object.fromEntries(operationNames.map((name) => [name, call(name)])) as Record<OperationName, Call>;

const bridge = {
  ...calls,
  onChange(listener: (e: ChangeEvent) => void): () => void {
    // The renderer sees the payload only, never the IpcRendererEvent (it holds `sender`).
    const relay = (_event: IpcRendererEvent, change: ChangeEvent) => listener(change);
    ipcRenderer.on(ipcChannels.changes, relay);
    return () => {
      ipcRenderer.removeListener(ipcChannels.changes, relay);
    };
  },
  pickFolder: (): Promise<string | null> => ipcRenderer.invoke(ipcChannels.pickFolder) as Promise<string | null>,
} satisfies DaoyiBridge;

contextBridge.exposeInMainWorld('daoyi', bridge);
