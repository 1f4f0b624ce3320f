import { randomBytes } from 'node:crypto';

/**
 * Who is signed in at each window. Sessions live in memory only: after a restart the guide enters
 * her PIN again. A session idle for longer than `idleMs` ends. Wrong PINs and lock-outs are kept
 * in the store (src-main/reference/pinGuard.ts), so a restart does not forget them.
 */
export interface Sessions {
  open(staffId: string): string;
  staffOf(token: string | null): string | null;
  close(token: string | null): void;
  /** Ends every session of one person (a lock-out, a deactivation). */
  closeAllOf(staffId: string): void;
  /**
   * Takes one of `limit` uses per `windowMs` of a thing one person may do only so often (phone
   * searches by a role that sees masked phones); false when none is left.
   */
  take(staffId: string, what: string, limit: number, windowMs: number): boolean;
}

export function createSessions(now: () => Date, idleMs = 12 * 60 * 60_000): Sessions {
  const sessions = new Map<string, { staffId: string; lastSeen: number }>();
  const uses = new Map<string, number[]>();

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
    closeAllOf(staffId) {
      for (const [token, s] of sessions) if (s.staffId === staffId) sessions.delete(token);
    },
    take(staffId, what, limit, windowMs) {
      const key = `${what}\u0000${staffId}`;
      const t = now().getTime();
      const recent = (uses.get(key) ?? []).filter((at) => at > t - windowMs);
      if (recent.length >= limit) {
        uses.set(key, recent);
        return false;
      }
      recent.push(t);
      uses.set(key, recent);
      return true;
    },
  };
}
