import type { MonthSummary } from '../../shared/inspection/schemas';
import { passRates, repeatOffenders, starCandidates, type MarkRow } from '../../shared/inspection/rules';
import type { Db } from '../store/pouch';
import { listStaff } from '../reference/repo';
import { effectiveMark, monthRecords } from './repo';


/** One clinic's month (also read by head office for every clinic). */
export async function clinicMonthSummary(db: Db, clinic: string, month: string): Promise<MonthSummary> {
  const [records, staff] = await Promise.all([monthRecords(db, clinic, month), listStaff(db, clinic)]);
  // The month counts what was signed: half-done or set-aside inspections are not "done".
  const { penalties, corrections, star } = records;
  const inspections = records.inspections.filter((i) => i.signedAt);
  const results = records.results.filter((r) => r.signedAt);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  const rows: MarkRow[] = [];
  const labels = new Map<string, string>();
  const departments = new Map<string | null, { departmentId: string | null; inspected: number; pass: number; fail: number }>();
  for (const r of results) {
    const dept = departments.get(r.departmentId) ?? { departmentId: r.departmentId, inspected: 0, pass: 0, fail: 0 };
    dept.inspected += 1;
    for (const m of r.marks) {
      const mark = effectiveMark(r, m.itemId, m.mark, corrections);
      rows.push({ staffId: r.staffId, itemId: m.itemId, mark });
      labels.set(m.itemId, m.label);
      if (mark === 'pass') dept.pass += 1;
      if (mark === 'fail') dept.fail += 1;
    }
    departments.set(r.departmentId, dept);
  }
  const byKind: Record<string, number> = {};
  for (const i of inspections) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
  const rates = passRates(rows);
  return {
    month,
    inspections: { total: inspections.length, byKind },
    departments: [...departments.values()],
    items: [...rates.entries()].map(([itemId, r]) => ({ itemId, label: labels.get(itemId) ?? itemId, ...r })).sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.itemId.localeCompare(b.itemId)),
    repeatOffenders: repeatOffenders(rows).map((o) => ({ ...o, name: names.get(o.staffId) ?? o.staffId })),
    penalties: { count: penalties.length, total: penalties.reduce((sum, p) => sum + p.amount + p.supervisorAmount + p.deptHeadAmount, 0) },
    candidates: starCandidates(rows).map((c) => ({ ...c, name: names.get(c.staffId) ?? c.staffId })),
    star: star ? { staffId: star.staffId, name: star.staffName, reason: star.reason, chosenBy: names.get(star.createdBy) ?? star.createdBy, chosenAt: star.createdAt } : null,
  };
}
