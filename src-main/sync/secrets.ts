/**
 * Where the desk keeps its head-office credentials. Two platform files implement it
 * (`platform/secrets.node.ts`: a file only the user can read; `platform/secrets.electron.ts`:
 * encrypted with Electron's safeStorage), chosen at the composition root. The password never
 * leaves the main process: `sync.status` shows the server and the user name only.
 */
export interface SyncCredentials {
  /** Server address without credentials, e.g. http://127.0.0.1:5984 */
  url: string;
  username: string;
  password: string;
}

export interface SecretStore {
  read(): Promise<SyncCredentials | null>;
  write(credentials: SyncCredentials): Promise<void>;
  clear(): Promise<void>;
}

/** This computer cannot keep a secret safely (e.g. no OS keyring for safeStorage). */
export class SecretStoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreUnavailableError';
  }
}

/** Parses stored credentials; anything else (a damaged or foreign file) reads as "none". */
export function parseCredentials(text: string): SyncCredentials | null {
  try {
    const value = JSON.parse(text) as Partial<Record<keyof SyncCredentials, unknown>> | null;
    if (value && typeof value.url === 'string' && typeof value.username === 'string' && typeof value.password === 'string') {
      return { url: value.url, username: value.username, password: value.password };
    }
  } catch {
    // fall through
  }
  return null;
}

/** Keeps credentials in memory only: for tests and for a desk that must not store them. */
export function memorySecretStore(initial: SyncCredentials | null = null): SecretStore {
  let stored = initial;
  return {
    read: async () => stored,
    write: async (c) => void (stored = { ...c }),
    clear: async () => void (stored = null),
  };
}
