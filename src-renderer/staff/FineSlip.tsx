import type { InspectionView } from '../../shared/inspection/schemas';
import type { StaffView } from '../../shared/reference/schemas';
import type { AttendanceDay } from '../../shared/staff/schemas';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { PenaltySlip } from '../inspection/PenaltySlip';
import { staffText } from './i18n';

type Row = AttendanceDay['rows'][number];

/**
 * The printed 员工过失处罚单 for a confirmed lateness, early leave or absence: the inspections' own
 * slip (src-renderer/inspection/PenaltySlip.tsx, A5 landscape), called with the fine as its one
 * penalty line. The slip reads an inspection, so the fine is given to it as one: the kind is
 * 班前检查 (a sign-in is the pre-shift check of being at the post), the "inspector" is the lead who
 * confirmed the fine, the line is the fault with its minutes, the measure 按本院规定罚款.
 */
export function FineSlip({ date, row, kind, onClose }: { date: string; row: Row; kind: 'late' | 'early' | 'absent'; onClose(): void }) {
  const t = useText(staffText);
  const staff = useQuery('staff.list', { includeInactive: true });
  const fine = row.fines.find((f) => f.kind === kind);
  const people = staff.data ?? [];
  const person = people.find((s) => s.id === row.staffId);
  if (!fine || fine.status !== 'confirmed' || !person) return null;
  const view = slipView(date, row, person, people, fine.decidedBy ?? '', fine.amountYuan ?? 0, fine.occurrence, t.slipFault(t.fineKind[kind] ?? kind, fine.minutes, date), fine.note);
  return <PenaltySlip view={view} staffId={row.staffId} onClose={onClose} />;
}

/** The one-line "inspection" the slip prints for a fine (exported for the unit test). */
export function slipView(date: string, row: Row, person: StaffView, people: StaffView[], leadName: string, amount: number, occurrence: number, fault: string, note: string): InspectionView {
  const nameOf = (id: string | null) => (id ? (people.find((s) => s.id === id)?.name ?? null) : null);
  return {
    id: `staff-fine:${date}:${row.staffId}`,
    kind: 'preShift',
    date,
    departmentId: person.departmentId,
    templateKey: 'attendance',
    templateVersion: 0,
    templateName: fault,
    items: [{ id: 'attendance', label: fault, sex: null }],
    inspectorId: '',
    inspectorName: leadName,
    startedAt: date,
    signedAt: date,
    signedByName: leadName,
    discardedAt: null,
    discardReason: null,
    staff: [{ id: person.id, name: person.name, sex: person.sex, departmentId: person.departmentId, staffNumber: person.staffNumber, supervisorName: nameOf(person.supervisorId), deptHeadName: nameOf(person.deptHeadId) }],
    results: [],
    penalties: [
      {
        staffId: person.id,
        staffName: person.name,
        itemId: 'attendance',
        itemLabel: fault,
        occurrence,
        ladder: 'flat',
        proposed: { measure: 'flatFine', amount, amountMax: amount, supervisorAmount: 0, deptHeadAmount: 0, informSuperiors: false },
        decided: { measure: 'flatFine', amount, supervisorAmount: 0, deptHeadAmount: 0, reason: note, by: '', byName: leadName, at: date },
        corrections: [],
      },
    ],
    corrections: [],
  };
}
