import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/app';
import { ENCRYPTED_CREDENTIALS_FILE, electronSecretStore } from '../../src-main/platform/secrets.electron';
import { CREDENTIALS_FILE, nodeSecretStore } from '../../src-main/platform/secrets.node';
import { SecretStoreUnavailableError } from '../../src-main/sync/secrets';

/**
 * Electron's safeStorage cannot run here: a fake that "encrypts" by reversing and tagging the
 * bytes stands in, so the test sees that only ciphertext reaches the disk and that the store
 * refuses when the OS offers no encryption.
 */
const fake = vi.hoisted(() => {
  const safeStorage = {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable: () => safeStorage.available,
    getSelectedStorageBackend: () => safeStorage.backend,
    encryptString: (text: string) => Buffer.from('ENC:' + [...Buffer.from(text, 'utf8').toString('base64')].reverse().join('')),
    decryptString: (data: Buffer) => {
      const text = data.toString('latin1');
      if (!text.startsWith('ENC:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from([...text.slice(4)].reverse().join(''), 'base64').toString('utf8');
    },
  };
  return { safeStorage };
});
vi.mock('electron', () => ({ safeStorage: fake.safeStorage, default: { safeStorage: fake.safeStorage } }));

const credentials = { url: 'https://couch.example.com', username: 'desk_bj', password: 'p@ss 密码' };
let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('daoyi-secrets-');
  fake.safeStorage.available = true;
  fake.safeStorage.backend = 'gnome_libsecret';
});
afterEach(() => dir.remove());

describe('the Electron credential store (safeStorage)', () => {
  it('round-trips through encryption, never writing the password in the clear', async () => {
    const store = electronSecretStore(dir.path);
    expect(await store.read()).toBeNull();
    await store.write(credentials);
    const file = join(dir.path, ENCRYPTED_CREDENTIALS_FILE);
    const raw = readFileSync(file);
    expect(raw.toString('latin1')).toMatch(/^ENC:/);
    expect(raw.toString('utf8')).not.toContain(credentials.password);
    expect(raw.toString('utf8')).not.toContain(credentials.username);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.read()).toEqual(credentials);
    await store.clear();
    expect(await store.read()).toBeNull();
    await store.clear(); // twice is fine
  });

  it('refuses to store when the OS offers no encryption, and keeps nothing', async () => {
    const store = electronSecretStore(dir.path);
    fake.safeStorage.available = false;
    await expect(store.write(credentials)).rejects.toBeInstanceOf(SecretStoreUnavailableError);
    await expect(store.write(credentials)).rejects.toThrow(/cannot encrypt/);
    expect(await store.read()).toBeNull();
  });

  it("refuses Linux's fallback key (basic_text), which is no secret", async () => {
    if (process.platform !== 'linux') return;
    fake.safeStorage.backend = 'basic_text';
    await expect(electronSecretStore(dir.path).write(credentials)).rejects.toBeInstanceOf(SecretStoreUnavailableError);
  });

  it('reads a file it cannot decrypt (another user, another machine) as no credentials', async () => {
    writeFileSync(join(dir.path, ENCRYPTED_CREDENTIALS_FILE), 'garbage');
    expect(await electronSecretStore(dir.path).read()).toBeNull();
  });
});

describe("the browser host's credential store (a file only the user can read)", () => {
  it('writes mode 0600, also over a file that was readable by others', async () => {
    const file = join(dir.path, CREDENTIALS_FILE);
    writeFileSync(file, '{}', { mode: 0o644 });
    const store = nodeSecretStore(dir.path);
    expect(await store.read()).toBeNull(); // not credentials
    await store.write(credentials);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.read()).toEqual(credentials);
    await store.clear();
    expect(await store.read()).toBeNull();
  });
});
