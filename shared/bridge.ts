import type { Envelope } from './errors';
import type { ChangeEvent } from './operations';
import type { OperationName } from './contract';

/**
 * What the Electron preload exposes as `window.daoyi`: one function per operation of the
 * contract, plus a change feed. Nothing else crosses the bridge — never `ipcRenderer` itself.
 * The main process validates every input, so the bridge carries `unknown` and answers envelopes.
 */
export type DaoyiBridge = { [K in OperationName]: (input: unknown, session: string | null) => Promise<Envelope<unknown>> } & {
  /** Subscribes to change events; returns the unsubscribe function. */
  onChange(listener: (e: ChangeEvent) => void): () => void;
  /** Windows' folder dialog (the backup folder): the path chosen, or null. Electron only. */
  pickFolder(): Promise<string | null>;
};
