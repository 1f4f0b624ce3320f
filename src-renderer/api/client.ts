import type { Api, Input, OperationName, Output } from '../../shared/contract';
import { ApiError, type Envelope } from '../../shared/errors';
import type { DaoyiBridge } from '../../shared/bridge';
import { readEvents, reconnectDelay } from './sse';
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
  // Server-sent events over fetch (EventSource cannot send the secret header); reconnects.
  const stream = (() => {
    // Each start is a new generation: a loop of a stopped generation never retries (no second stream).
    let generation = 0;
    let running = false;
    let controller: AbortController | null = null;
    const loop = async (mine: number, attempt: number): Promise<void> => {
      if (!running || mine !== generation) return;
      controller = new AbortController();
      try {
        const res = await fetch('./api/events', { headers: { Authorization: `Bearer ${secret}` }, signal: controller.signal });
        // A refusal (503: the host's streams are all taken) waits longer each time, like a failure.
        if (!res.ok) throw new Error(`event stream: ${res.status}`);
        attempt = 0;
        await readEvents<ChangeEvent>(res, (event) => {
          for (const l of [...listeners]) l(event);
        });
      } catch {
        /* the host restarted or the tab slept: try again below */
      }
      if (running && mine === generation) setTimeout(() => void loop(mine, attempt + 1), reconnectDelay(attempt));
    };
    return {
      start() {
        running = true;
        void loop(++generation, 0);
      },
      stop() {
        running = false;
        generation += 1;
        controller?.abort();
      },
    };
  })();
  return {
    async invoke(operation, input, session) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` };
      if (session) headers['X-Daoyi-Session'] = session;
      const res = await fetch(`./api/${operation}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      return (await res.json()) as Envelope<unknown>;
    },
    subscribe(listener) {
      // One shared stream for every subscriber: a browser opens at most 6 connections to a host,
      // so a stream per screen query would leave later API calls queued behind them for ever.
      listeners.add(listener);
      if (listeners.size === 1) stream.start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stream.stop();
      };
    },
  };
}

function electronTransport(bridge: DaoyiBridge): Transport {
  return {
    invoke: (operation, input, session) => bridge[operation](input, session),
    subscribe: (listener) => bridge.onChange(listener),
  };
}

let transport: Transport | null = null;

/** Windows' folder dialog through the desktop app's bridge; null in a browser (the path is typed there). */
export function folderPicker(): (() => Promise<string | null>) | null {
  const bridge = window.daoyi;
  return bridge?.pickFolder ? () => bridge.pickFolder() : null;
}

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
  const sent = getSession();
  try {
    result = await transport.invoke(operation, input, sent);
  } catch {
    throw new ApiError({ code: 'internal', message: 'network', detail: { network: 'true' } });
  }
  if (!result.ok) {
    // Only the session this call carried is over: a call sent before 换人 (the switch closes the
    // old session) that answers after the new sign-in must not sign the new person out. It did,
    // now and then under load, and every later call (a lookup, a list) was then refused.
    if (result.error.code === 'not_signed_in' && getSession() === sent) setSession(null);
    throw new ApiError(result.error);
  }
  return result.data as Output<K>;
}

export const api = new Proxy({} as Api, { get: (_t, name) => (input: unknown) => call(name as OperationName, input as never) });

export function onChange(listener: (event: ChangeEvent) => void): () => void {
  return transport ? transport.subscribe(listener) : () => {};
}
