import { chmod, open, rename, rm, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCredentials, type SecretStore } from '../sync/secrets';

/**
 * The browser host's credential store: `sync-credentials.json` in the data directory, created
 * with mode 0600 so only the user can read it. (On Windows the mode bits mean little; the data
 * directory's own permissions protect it there. The Electron app encrypts instead.)
 */
export const CREDENTIALS_FILE = 'sync-credentials.json';

export function nodeSecretStore(dataDir: string): SecretStore {
  const path = join(dataDir, CREDENTIALS_FILE);
  return {
    async read() {
      const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      return text === null ? null : parseCredentials(text);
    },
    async write(credentials) {
      // A new file beside the old one, then a rename: a crash leaves the old or the new, never half.
      const temp = `${path}.${process.pid}.tmp`;
      const file = await open(temp, 'w', 0o600);
      try {
        await file.writeFile(JSON.stringify(credentials));
        await file.sync();
      } finally {
        await file.close();
      }
      await chmod(temp, 0o600); // the mode given to open() is masked by the umask; this is not
      await rename(temp, path);
      await chmod(path, 0o600);
    },
    async clear() {
      await rm(path, { force: true });
    },
  };
}
