import { openStore } from '../../src-main/store/store';
import { seededStaffDoc, type SeededPerson } from '../support/staffDoc';
import type { DeskHost } from './fixtures';

/**
 * People a clinic's lead may not add herself (leadership, head office's people: see
 * shared/reference/grants.ts) reach a desk's roster from head office by replication. The test
 * stands in for it: the host stops, they are written into its store as replication writes them,
 * and it starts again (a new address: open it and sign in again).
 */
export async function seedFromHeadOffice(host: DeskHost, people: SeededPerson[], clinic = 'BJ') {
  await host.restart(async () => {
    const store = await openStore(host.dataDir);
    try {
      for (const p of people) {
        const doc = await seededStaffDoc(clinic, host.now(), p);
        await store.db.put(doc);
      }
    } finally {
      await store.close();
    }
  });
}
