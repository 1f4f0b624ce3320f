import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { bytes } from '../util/bytes';

/** PINs are stored as scrypt hashes, `scrypt$<salt>$<hash>`, never in the clear. */
const KEY_LENGTH = 32;

function derive(pin: string, salt: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, { N: 16384, r: 8, p: 1 }, (err, key) => (err ? reject(err) : resolve(bytes(key)))),
  );
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16).toString('base64');
  return `scrypt$${salt}$${Buffer.from(await derive(pin, salt)).toString('base64')}`;
}

export async function verifyPin(pin: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = bytes(Buffer.from(hash, 'base64'));
  const actual = await derive(pin, salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
