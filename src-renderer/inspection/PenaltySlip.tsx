import { useText } from '../i18n/i18n';
import { aside } from '../i18n/common';
import type { InspectionView } from '../../shared/inspection/schemas';
import { useShell } from '../shell/store';
import { PenaltySlip as Slip, type SlipModel, type SlipPerson } from '../ui/PenaltySlip';
import { inspectionText } from './i18n';

type Text = (typeof inspectionText)['zh-CN'];

/**
 * The 员工过失处罚单 of one person's faults found in one inspection: the shared slip
 * (src-renderer/ui/PenaltySlip.tsx), with the inspection's kind and inspector as its source, the
 * earlier failures the ladder counted, and the person with the superiors fined with her.
 */
export function PenaltySlip({ view, staffId, onClose }: { view: InspectionView; staffId: string; onClose(): void }) {
  const t = useText(inspectionText);
  const clinic = useShell((s) => s.status?.clinic);
  const slip = inspectionSlip(view, staffId, { name: clinic?.name ?? '', code: clinic?.code ?? '', departments: clinic?.departments ?? [] }, t);
  return <Slip slips={[slip]} onClose={onClose} />;
}

/** The slip's content from an inspection's view (a pure function, for the unit test). */
export function inspectionSlip(view: InspectionView, staffId: string, clinic: { name: string; code: string; departments: { id: string; name: string }[] }, t: Text): SlipModel {
  const person = view.staff.find((s) => s.id === staffId);
  const lines = view.penalties.filter((p) => p.staffId === staffId);
  // The decision as it counts: a lead's latest correction, else the decision (issue 21).
  const counted = (l: (typeof lines)[number]) => l.corrections.at(-1) ?? l.decided ?? null;
  const sum = (f: (d: NonNullable<ReturnType<typeof counted>>) => number) => lines.reduce((n, l) => n + (counted(l) ? f(counted(l)!) : 0), 0);
  const decided = lines.every((l) => counted(l));
  const dept = clinic.departments.find((d) => d.id === person?.departmentId)?.name ?? '—';
  const measures = [...new Set(lines.map((l) => t.measure[(counted(l) ?? l.proposed).measure]))].join(t.slipList) + (decided ? '' : t.slipPending);
  const superior = (role: SlipPerson['role'], name: string | null, staffNumber: string | null, amount: number): SlipPerson[] =>
    amount > 0 ? [{ role, name: name ?? '—', staffNumber, department: dept, measure: t.measure.fine, amount }] : [];
  const reasons = lines.map((l) => counted(l)?.reason).filter(Boolean);
  const marks = view.results.find((r) => r.staffId === staffId);
  const notes = [marks?.note, ...(marks?.marks.filter((m) => m.note && lines.some((l) => l.itemId === m.itemId)).map((m) => `${m.label}${aside(m.note, m.label)}`) ?? []), ...reasons].filter(Boolean);
  return {
    number: `${clinic.code}-JC-${view.date.replaceAll('-', '')}-${view.id.split(':').at(-1)!.slice(0, 4).toUpperCase()}-${person?.staffNumber ?? staffId.split(':').at(-1)!.slice(0, 4).toUpperCase()}`,
    clinicName: clinic.name,
    date: view.date,
    source: [
      { label: t.slipKind, value: `${t.kind[view.kind]} · ${view.templateName}` },
      { label: t.slipInspector, value: view.signedByName ?? view.inspectorName },
    ],
    faults: lines.map((l) => ({
      what: l.itemLabel,
      occurrence: t.occurrence(l.occurrence),
      earlier: l.earlier.map((e) => (e.sameItem ? `${e.date}${aside(t.slipSameItem, e.date)}` : e.date)),
    })),
    persons: [
      { role: 'self', name: person?.name ?? '—', staffNumber: person?.staffNumber ?? null, department: dept, measure: measures, amount: decided ? sum((d) => d.amount) : null },
      ...superior('supervisor', person?.supervisorName ?? null, person?.supervisorStaffNumber ?? null, sum((d) => d.supervisorAmount)),
      ...superior('deptHead', person?.deptHeadName ?? null, person?.deptHeadStaffNumber ?? null, sum((d) => d.deptHeadAmount)),
    ],
    note: [lines.some((l) => l.proposed.informSuperiors) ? t.slipInformed(person?.supervisorName ?? '—', person?.deptHeadName ?? '—') : '', ...notes].filter(Boolean).join(t.slipSep),
  };
}
