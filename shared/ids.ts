/**
 * Document ids say what they are (`visit:BJ:2026-11-27:…`), so that head office and integrators
 * can range-read them in CouchDB without an index. The random tail is time-ordered, so ids of one
 * prefix sort by creation.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

export function newIdTail(now: Date = new Date()): string {
  let time = now.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const random = new Uint8Array(8);
  crypto.getRandomValues(random);
  let tail = '';
  for (const byte of random) tail += ALPHABET[byte % 32];
  return head + tail;
}

export const docId = {
  clinic: (clinic: string) => `clinic:${clinic}`,
  staff: (clinic: string, tail: string) => `staff:${clinic}:${tail}`,
  customer: (clinic: string, tail: string) => `customer:${clinic}:${tail}`,
  visit: (clinic: string, date: string, tail: string) => `visit:${clinic}:${date}:${tail}`,
  /** One revision set aside when a person resolved a conflict: the same on every desk that resolves it. */
  conflictArchive: (id: string, rev: string) => `conflict-archive:${id}:${rev}`,
  /** All visits of one clinic day: an allDocs range, no index needed. */
  visitDayRange: (clinic: string, date: string) => ({
    startkey: `visit:${clinic}:${date}:`,
    endkey: `visit:${clinic}:${date}:\ufff0`,
  }),
};
