import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { bytes } from '../util/bytes';
import { parseCredentials, SecretStoreUnavailableError, type SecretStore } from '../sync/secrets';

/**
 * The desktop app's credential store: `sync-credentials.bin` in the data directory, encrypted
 * with Electron's safeStorage (DPAPI on Windows, the keychain on macOS, the secret service on
 * Linux). Without a real OS key store it refuses to keep the password rather than keep it in
 * the clear (on Linux without a keyring safeStorage falls back to a fixed, public key).
 */
export const ENCRYPTED_CREDENTIALS_FILE = 'sync-credentials.bin';

function requireEncryption() {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
    throw new SecretStoreUnavailableError('this computer cannot encrypt the head-office password (no OS key store for safeStorage); it was not saved');
  }
}

export function electronSecretStore(dataDir: string): SecretStore {
  const path = join(dataDir, ENCRYPTED_CREDENTIALS_FILE);
  return {
    async read() {
      const data = await readFile(path).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      if (data === null || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return parseCredentials(safeStorage.decryptString(data));
      } catch {
        // Encrypted by another user or machine (a copied data folder): as if none were stored.
        return null;
      }
    },
    async write(credentials) {
      requireEncryption();
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, bytes(safeStorage.encryptString(JSON.stringify(credentials))), { mode: 0o600 });
      await rename(temp, path);
      await chmod(path, 0o600);
    },
    async clear() {
      await rm(path, { force: true });
    },
  };
}
