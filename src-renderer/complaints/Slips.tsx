import { penaltyFines, type PenaltyLevel } from '../../shared/complaints/rules';
import type { ComplaintView } from '../../shared/complaints/schemas';
import type { StaffView } from '../../shared/reference/schemas';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { useShell } from '../shell/store';
import { PenaltySlip, type SlipModel } from '../ui/PenaltySlip';
import { clinicDate } from '../../shared/time';
import { complaintText } from './i18n';
import { useCaseSource } from './source';

type Text = (typeof complaintText)['zh-CN'];
type Person = { staffId: string | null; name: string; level: PenaltyLevel };

/**
 * The 员工过失处罚单 of a complaint's step-10 penalty: the one shared slip
 * (src-renderer/ui/PenaltySlip.tsx), one for each person penalised, with the complaint number as
 * its source and the person, her supervisor and the clinic leadership fined by the level (制度 003
 * 第十步：行政院长出具《员工过失处罚单》).
 */
export function ComplaintSlips({ view, onClose }: { view: ComplaintView; onClose(): void }) {
  const t = useText(complaintText);
  const clinic = useShell((s) => s.status?.clinic);
  const clinicSide = useCaseSource() === 'clinic';
  // At head office the case's clinic's roster, read online as the step form reads it: its 行政院长
  // is the slip's 院领导 (as on the clinic's own slips), and the people carry their 工号.
  const staff = useQuery((clinicSide ? 'staff.list' : 'headoffice.staff') as 'staff.list', (clinicSide ? { includeInactive: true } : { clinic: view.id.split(':')[1] ?? '', includeInactive: true }) as { includeInactive: boolean });
  const people = staff.data ?? [];
  // Head office's own departments are not the clinic's: a department is then the case's (complaintSlips' fallback).
  const slips = complaintSlips(view, people, { name: ('clinicName' in view && typeof view.clinicName === 'string' ? view.clinicName : clinic?.name) ?? '', departments: clinicSide ? (clinic?.departments ?? []) : [] }, t);
  return <PenaltySlip slips={slips} onClose={onClose} />;
}

/** The slips of the penalty in force (the last one recorded): a pure function, for the unit test. */
export function complaintSlips(view: ComplaintView, people: StaffView[], clinic: { name: string; departments: { id: string; name: string }[] }, t: Text): SlipModel[] {
  const event = [...view.events].reverse().find((e) => e.kind === 'penalty' && !e.ignored);
  if (!event) return [];
  const persons = (event.data.persons as Person[] | undefined) ?? [];
  const byId = (id: string | null) => (id ? people.find((s) => s.id === id) : undefined);
  const dept = (s: StaffView | undefined) => clinic.departments.find((d) => d.id === s?.departmentId)?.name ?? view.departmentName ?? '—';
  const number = view.number ?? t.numberPending;
  // The clinic leadership fined jointly is its 行政院长: the one who decided the penalty when a dean did, else the roster's.
  const deans = people.filter((s) => s.role === 'dean' && s.active);
  const leader = deans.find((s) => s.id === event.by) ?? deans[0];
  return persons.map((p, i) => {
    const s = byId(p.staffId);
    const sup = byId(s?.supervisorId ?? null);
    const f = penaltyFines[p.level];
    return {
      number: `${number}-CF${i + 1}`,
      clinicName: clinic.name,
      date: clinicDate(event.at),
      source: [
        { label: t.number, value: number },
        { label: t.slipDecidedBy, value: event.byName },
      ],
      faults: [{ what: view.what, occurrence: t.levelName[p.level], earlier: [] }],
      persons: [
        { role: 'self', name: p.name, staffNumber: s?.staffNumber ?? null, department: dept(s), measure: t.levelName[p.level], amount: f.person },
        { role: 'supervisor', name: sup?.name ?? '', staffNumber: sup?.staffNumber ?? null, department: dept(sup ?? s), measure: t.slipJointly, amount: f.supervisor },
        { role: 'leadership', name: leader?.name ?? '', staffNumber: leader?.staffNumber ?? null, department: leader ? dept(leader) : '', measure: t.slipJointly, amount: f.leadership },
      ],
      note: (event.data.note as string | undefined) ?? '',
    };
  });
}
