import { randomBytes } from 'node:crypto';

/**
 * Who is signed in at each window. Sessions live in memory only: after a restart the guide enters
 * her PIN again. A session idle for longer than `idleMs` ends.
 */
export interface Sessions {
  open(staffId: string): string;
  staffOf(token: string | null): string | null;
  close(token: string | null): void;
  /** Records a wrong PIN; true when the staff member is now locked out. */
  failedPin(staffId: string): boolean;
  lockedUntil(staffId: string): number | null;
  clearFailures(staffId: string): void;
}

export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;

export function createSessions(now: () => Date, idleMs = 12 * 60 * 60_000): Sessions {
  const sessions = new Map<string, { staffId: string; lastSeen: number }>();
  const failures = new Map<string, { count: number; lockedUntil: number | null }>();

  return {
    open(staffId) {
      const token = randomBytes(24).toString('base64url');
      sessions.set(token, { staffId, lastSeen: now().getTime() });
      return token;
    },
    staffOf(token) {
      if (!token) return null;
      const s = sessions.get(token);
      if (!s) return null;
      const t = now().getTime();
      if (t - s.lastSeen > idleMs) {
        sessions.delete(token);
        return null;
      }
      s.lastSeen = t;
      return s.staffId;
    },
    close(token) {
      if (token) sessions.delete(token);
    },
    failedPin(staffId) {
      const f = failures.get(staffId) ?? { count: 0, lockedUntil: null };
      // A lock that has run out is over: the next wrong PIN is just wrong, the first of five again.
      if (f.lockedUntil !== null && f.lockedUntil <= now().getTime()) f.lockedUntil = null;
      f.count += 1;
      if (f.count >= MAX_PIN_FAILURES) {
        f.lockedUntil = now().getTime() + PIN_LOCK_MS;
        f.count = 0;
      }
      failures.set(staffId, f);
      return f.lockedUntil !== null;
    },
    lockedUntil(staffId) {
      const until = failures.get(staffId)?.lockedUntil ?? null;
      return until !== null && until > now().getTime() ? until : null;
    },
    clearFailures(staffId) {
      failures.delete(staffId);
    },
  };
}
