import type { Api, Input, OperationName, Output } from '../../shared/contract';
import { ApiError, type Envelope } from '../../shared/errors';
import type { DaoyiBridge } from '../../shared/bridge';
import type { ChangeEvent } from '../../shared/operations';

/**
 * The renderer's only door to the data: the typed contract, carried by Electron IPC (the preload's
 * `window.daoyi`) or, in a plain browser, by HTTP to the browser host with its per-run secret.
 */
interface Transport {
  invoke(operation: OperationName, input: unknown, session: string | null): Promise<Envelope<unknown>>;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

declare global {
  interface Window {
    daoyi?: DaoyiBridge;
  }
}

const SECRET_KEY = 'daoyi.secret';
const SESSION_KEY = 'daoyi.session';

/** The browser host hands the secret in the address (`#k=…`); it is kept for this tab only. */
export function takeSecretFromAddress(): string | null {
  const match = /[#&]k=([\w-]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(SECRET_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(SECRET_KEY);
}

function httpTransport(secret: string): Transport {
  const listeners = new Set<(event: ChangeEvent) => void>();
  // Each start gets its own generation, so a loop from before a stop never comes back to life.
  let generation = 0;
  let controller: AbortController | null = null;
  return {
    async invoke(operation, input, session) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` };
      if (session) headers['X-Daoyi-Session'] = session;
      const res = await fetch(`./api/${operation}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      return (await res.json()) as Envelope<unknown>;
    },
    subscribe(listener) {
      // One event stream for every listener: a browser keeps at most six connections to a host,
      // and a stream per screen part would leave none for the calls themselves.
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
  };

  function start() {
    // Server-sent events over fetch (EventSource cannot send the secret header); reconnects.
    const mine = ++generation;
    const loop = async (attempt: number): Promise<void> => {
      if (mine !== generation) return;
      controller = new AbortController();
      try {
        const res = await fetch('./api/events', { headers: { Authorization: `Bearer ${secret}` }, signal: controller.signal });
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        attempt = 0;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data) {
              const event = JSON.parse(data.slice(6)) as ChangeEvent;
              for (const l of [...listeners]) l(event);
            }
          }
        }
      } catch {
        /* the host restarted or the tab slept: try again below */
      }
      if (mine === generation) setTimeout(() => void loop(attempt + 1), Math.min(10_000, 500 * 2 ** attempt));
    };
    void loop(0);
  }

  function stop() {
    generation += 1;
    controller?.abort();
    controller = null;
  }
}

function electronTransport(bridge: DaoyiBridge): Transport {
  return {
    invoke: (operation, input, session) => bridge[operation](input, session),
    subscribe: (listener) => bridge.onChange(listener),
  };
}

let transport: Transport | null = null;

/** Picks the transport once at start; false when neither is available (no secret in a browser). */
export function connect(): boolean {
  if (window.daoyi) transport = electronTransport(window.daoyi);
  else {
    const secret = takeSecretFromAddress();
    if (secret) transport = httpTransport(secret);
  }
  return transport !== null;
}

export function getSession(): string | null {
  return sessionStorage.getItem(SESSION_KEY);
}

export function setSession(session: string | null) {
  if (session) sessionStorage.setItem(SESSION_KEY, session);
  else sessionStorage.removeItem(SESSION_KEY);
}

/** One typed call. Errors arrive as ApiError (code `network` when the host cannot be reached). */
export async function call<K extends OperationName>(operation: K, input: Input<K>): Promise<Output<K>> {
  if (!transport) throw new ApiError({ code: 'unauthorized', message: 'not connected' });
  let result: Envelope<unknown>;
  try {
    result = await transport.invoke(operation, input, getSession());
  } catch {
    throw new ApiError({ code: 'internal', message: 'network', detail: { network: 'true' } });
  }
  if (!result.ok) {
    if (result.error.code === 'not_signed_in') setSession(null);
    throw new ApiError(result.error);
  }
  return result.data as Output<K>;
}

export const api = new Proxy({} as Api, { get: (_t, name) => (input: unknown) => call(name as OperationName, input as never) });

export function onChange(listener: (event: ChangeEvent) => void): () => void {
  return transport ? transport.subscribe(listener) : () => {};
}
