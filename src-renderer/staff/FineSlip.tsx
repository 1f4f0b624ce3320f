import type { StaffView } from '../../shared/reference/schemas';
import type { AttendanceDay } from '../../shared/staff/schemas';
import type { FineKind } from '../../shared/staff/rules';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { useShell } from '../shell/store';
import { PenaltySlip, type SlipModel } from '../ui/PenaltySlip';
import { staffText } from './i18n';

type Row = AttendanceDay['rows'][number];
type Kind = FineKind;
/** The slip number's last letter per kind (离岗: W, away). */
const letter: Record<Kind, string> = { late: 'L', early: 'E', absent: 'A', away: 'W' };
type Text = (typeof staffText)['zh-CN'];

/**
 * The printed 员工过失处罚单 for a confirmed lateness, early leave, absence or unagreed 离岗: the one
 * shared slip (src-renderer/ui/PenaltySlip.tsx, A5 landscape), its source the attendance record and
 * the lead who confirmed the fine, its fault the kind with its minutes, the measure 按本院规定罚款
 * (离岗: 按旷工半日处理).
 */
export function FineSlip({ date, row, kind, onClose }: { date: string; row: Row; kind: Kind; onClose(): void }) {
  const t = useText(staffText);
  const clinic = useShell((s) => s.status?.clinic);
  const staff = useQuery('staff.list', { includeInactive: true });
  const person = (staff.data ?? []).find((s) => s.id === row.staffId);
  if (!person || !clinic) return null;
  const slip = fineSlip(date, row, kind, person, { name: clinic.name, code: clinic.code, departments: clinic.departments }, t);
  return slip && <PenaltySlip slips={[slip]} onClose={onClose} />;
}

/** The slip of one confirmed fine (a pure function, for the unit test); null if it is not confirmed. */
export function fineSlip(date: string, row: Row, kind: Kind, person: StaffView, clinic: { name: string; code: string; departments: { id: string; name: string }[] }, t: Text): SlipModel | null {
  const fine = row.fines.find((f) => f.kind === kind);
  if (!fine || fine.status !== 'confirmed') return null;
  const dept = clinic.departments.find((d) => d.id === person.departmentId)?.name ?? '—';
  return {
    number: `${clinic.code}-KQ-${date.replaceAll('-', '')}-${person.staffNumber ?? person.id.split(':').at(-1)!.slice(0, 4).toUpperCase()}-${letter[kind]}`,
    clinicName: clinic.name,
    date,
    source: [
      { label: t.slipSource, value: t.slipAttendance },
      { label: t.slipConfirmedBy, value: fine.decidedBy ?? '—' },
    ],
    faults: [{ what: t.slipFault(t.fineKind[kind] ?? kind, fine.minutes, date), occurrence: t.slipOccurrence(fine.occurrence), earlier: fine.earlier }],
    persons: [{ role: 'self', name: person.name, staffNumber: person.staffNumber, department: dept, measure: kind === 'away' ? t.slipMeasureAway : t.slipMeasure, amount: fine.amountYuan ?? 0 }],
    note: fine.note,
  };
}
