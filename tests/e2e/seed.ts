import { openStore } from '../../src-main/store/store';
import { hashPin } from '../../src-main/reference/pin';
import { docId, newIdTail } from '../../shared/ids';
import type { StaffDoc, StaffRole } from '../../shared/reference/schemas';
import type { DeskHost } from './fixtures';

export interface SeededPerson {
  name: string;
  role: StaffRole;
  sex?: 'F' | 'M';
  pin?: string;
  departmentId?: string;
  staffNumber?: string;
}

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
        const at = new Date();
        const id = docId.staff(clinic, newIdTail(at));
        const doc: StaffDoc = {
          _id: id,
          type: 'staff',
          schemaVersion: 2,
          clinic,
          createdAt: at.toISOString(),
          createdBy: id,
          updatedAt: at.toISOString(),
          updatedBy: id,
          name: p.name,
          sex: p.sex ?? 'F',
          role: p.role,
          departmentId: p.departmentId ?? null,
          active: true,
          pinHash: p.pin ? await hashPin(p.pin) : null,
          staffNumber: p.staffNumber ?? null,
          supervisorId: null,
          deptHeadId: null,
        };
        await store.db.put(doc);
      }
    } finally {
      await store.close();
    }
  });
}
