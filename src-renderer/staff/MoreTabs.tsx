import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { addDays, clinicDate, clinicTime } from '../../shared/time';
import type { ShiftType } from '../../shared/staff/rules';
import type { AwayView, RecordEditsView, StaffSettingsView } from '../../shared/staff/schemas';
import { adminRoles } from '../../shared/reference/schemas';
import { FineSlip } from './FineSlip';
import { Button, Field, Panel, Select, TextArea, TextInput } from '../ui/ui';
import { useShell } from '../shell/store';
import { useFeedback } from './feedback';
import { staffText } from './i18n';
import { DateField } from '../ui/DateField';
import { TimeField } from '../ui/TimeField';

/** Breaks as the lead types them: `12:00-14:00，17:30-18:00` (any dash, any comma). */
export function parseBreaks(text: string): { from: string; to: string }[] {
  return text
    .split(/[,，、;；\s]+/)
    .filter(Boolean)
    .map((part) => {
      const [from = part, to = ''] = part.split(/[-–~～]/);
      return { from: from.trim(), to: to.trim() };
    });
}
const showBreaks = (b: { from: string; to: string }[]) => b.map((x) => `${x.from}-${x.to}`).join('，');

export type Row = { code: string; name: string; sFrom: string; sTo: string; sBreaks: string; wFrom: string; wTo: string; wBreaks: string };
export const toRow = (s: ShiftType): Row => ({
  code: s.code,
  name: s.name,
  sFrom: s.summer.from,
  sTo: s.summer.to,
  sBreaks: showBreaks(s.summer.breaks),
  wFrom: s.winter?.from ?? '',
  wTo: s.winter?.to ?? '',
  wBreaks: s.winter ? showBreaks(s.winter.breaks) : '',
});
export const fromRow = (r: Row): ShiftType => ({
  code: r.code.trim().toUpperCase(),
  name: r.name,
  summer: { from: r.sFrom, to: r.sTo, breaks: parseBreaks(r.sBreaks) },
  winter: r.wFrom || r.wTo ? { from: r.wFrom, to: r.wTo, breaks: parseBreaks(r.wBreaks) } : null,
});

/** 排班设置: the clinic's shift types (versioned; head office may roll its own out) and its fines and leave notice. */
export function SettingsTab({ lead }: { lead: boolean }) {
  const t = useText(staffText);
  // The outcome outlives the form, which starts afresh from each saved (or rolled-out) version.
  const f = useFeedback(t.settingsWhere);
  const settings = useQuery('rota.settings', {});
  if (!settings.data) return null;
  return <SettingsForm key={`${settings.data.updatedAt}${settings.data.shiftTypesVersion}`} lead={lead} settings={settings.data} f={f} />;
}

function SettingsForm({ lead, settings, f }: { lead: boolean; settings: StaffSettingsView; f: ReturnType<typeof useFeedback> }) {
  const t = useText(staffText);
  const [rows, setRows] = useState<Row[]>(settings.shiftTypes.map(toRow));
  const [nums, setNums] = useState({
    summerFrom: settings.summerFrom,
    winterFrom: settings.winterFrom,
    lateFineYuan: String(settings.lateFineYuan),
    lateRepeatFineYuan: String(settings.lateRepeatFineYuan),
    graceMinutes: String(settings.graceMinutes),
    personalLeaveNoticeHours: String(settings.personalLeaveNoticeHours),
    weeklyHoursLimit: settings.weeklyHoursLimit === null ? '' : String(settings.weeklyHoursLimit),
  });
  const bad = (prefix: string) => !!f.field && (f.field === prefix || f.field.startsWith(`${prefix}.`));
  const save = () => {
    const n = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
    api['rota.saveSettings']({
      shiftTypes: rows.map(fromRow),
      summerFrom: nums.summerFrom,
      winterFrom: nums.winterFrom,
      lateFineYuan: n(nums.lateFineYuan),
      lateRepeatFineYuan: n(nums.lateRepeatFineYuan),
      graceMinutes: n(nums.graceMinutes),
      personalLeaveNoticeHours: n(nums.personalLeaveNoticeHours),
      // Empty: no weekly hours warning.
      weeklyHoursLimit: nums.weeklyHoursLimit.trim() === '' ? null : n(nums.weeklyHoursLimit),
    })
      .then(() => f.ok(t.saved))
      .catch(f.fail);
  };
  return (
    <Panel
      className="h-full"
      title={t.settingsTitle}
      actions={
        <p className="text-sm text-slate-600" data-testid="shift-version">
          {t.shiftVersion(settings.shiftTypesVersion, settings.shiftTypesByHeadOffice)}
        </p>
      }
    >
      <form
        className="space-y-4"
        aria-label={t.settingsTitle}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <p className="text-sm text-slate-500">{lead ? t.settingsHint : t.leadOnly}</p>
        <ShiftTypesEditor rows={rows} onChange={setRows} editable={lead} bad={bad} />
        <div className="grid max-w-3xl grid-cols-3 gap-3">
          {(
            [
              ['summerFrom', t.seasonSummer],
              ['winterFrom', t.seasonWinter],
              ['graceMinutes', t.grace],
              ['lateFineYuan', t.lateFine],
              ['lateRepeatFineYuan', t.lateRepeatFine],
              ['personalLeaveNoticeHours', t.leaveNotice],
              ['weeklyHoursLimit', t.weeklyHoursLimit],
            ] as const
          ).map(([key, label]) => (
            <Field key={key} label={label}>
              {(id) => <TextInput id={id} disabled={!lead} invalid={f.field === key} value={nums[key]} onChange={(e) => setNums({ ...nums, [key]: e.target.value })} />}
            </Field>
          ))}
        </div>
        {lead && <Button type="submit">{t.saveSettings}</Button>}
        {f.view}
      </form>
    </Panel>
  );
}

/** The shift types as rows of inputs (code, name, summer and winter hours and breaks), 添加班次 / 删除; a refused row turns red. */
export function ShiftTypesEditor({ rows, onChange, editable, bad }: { rows: Row[]; onChange(rows: Row[]): void; editable: boolean; bad(prefix: string): boolean }) {
  const t = useText(staffText);
  const setRows = onChange;
  const lead = editable;
  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cell = (i: number, key: keyof Row, label: string, field: string, width = 'w-20') => (
    <td className="px-1 py-1 align-top">
      {key === 'sBreaks' || key === 'wBreaks' ? (
        // Breaks wrap (one a line as they grow) instead of being cut; Enter still saves, as in the other inputs.
        <TextArea
          aria-label={`${t.shiftN(i + 1)} ${label}`}
          className={`${width} min-w-32 resize-none py-1 leading-snug [field-sizing:content] [overflow-wrap:normal]`}
          rows={Math.max(1, parseBreaks(rows[i]![key]).length)}
          disabled={!lead}
          invalid={bad(`shiftTypes.${i}.${field}`)}
          value={rows[i]![key]}
          onChange={(e) => setRow(i, { [key]: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      ) : (
        <TextInput aria-label={`${t.shiftN(i + 1)} ${label}`} className={`${width} py-1`} disabled={!lead} invalid={bad(`shiftTypes.${i}.${field}`)} value={rows[i]![key]} onChange={(e) => setRow(i, { [key]: e.target.value })} />
      )}
    </td>
  );
  return (
    <>
      <table className="text-left text-sm" aria-label={t.shiftTypes}>
        <thead>
          <tr className="text-slate-500">
            <th className="px-1">{t.shiftCode}</th>
            <th className="px-1">{t.shiftName}</th>
            <th className="px-1">{t.summerHours}</th>
            <th className="px-1" />
            <th className="px-1">{t.breaks}</th>
            <th className="px-1">{t.winterHoursHead}</th>
            <th className="px-1" />
            <th className="px-1">{t.breaks}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((_, i) => (
            <tr key={i} data-testid="shift-row" className={bad(`shiftTypes.${i}`) ? 'bg-rose-50' : ''}>
              {cell(i, 'code', t.shiftCode, 'code', 'w-14')}
              {cell(i, 'name', t.shiftName, 'name', 'w-24')}
              {cell(i, 'sFrom', t.summerFrom, 'summer.from')}
              {cell(i, 'sTo', t.summerTo, 'summer.to')}
              {cell(i, 'sBreaks', t.summerBreaks, 'summer.breaks', 'w-44')}
              {cell(i, 'wFrom', t.winterFromL, 'winter.from')}
              {cell(i, 'wTo', t.winterToL, 'winter.to')}
              {cell(i, 'wBreaks', t.winterBreaks, 'winter.breaks', 'w-44')}
              <td>
                {lead && rows.length > 1 && (
                  <Button variant="ghost" className="whitespace-nowrap px-2 py-1 text-sm" onClick={() => setRows(rows.filter((__, j) => j !== i))}>
                    {t.removeShift(i + 1)}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {lead && (
        <Button variant="secondary" onClick={() => setRows([...rows, { code: '', name: '', sFrom: '', sTo: '', sBreaks: '', wFrom: '', wTo: '', wBreaks: '' }])}>
          {t.addShift}
        </Button>
      )}
    </>
  );
}

/**
 * 离岗: more than 10 minutes away from the post, logged by a lead or the person herself; a lead
 * records the department head's agreement (who, when: before leaving). Without it the time away
 * counts as half a day's absence and its fine is proposed: leads confirm (entering the amount) or
 * waive it here, and print the 员工过失处罚单 of a confirmed one.
 */
export function AwayTab({ lead }: { lead: boolean }) {
  const t = useText(staffText);
  const f = useFeedback(t.fieldWhere);
  const me = useShell((s) => s.status?.operator);
  const staff = useQuery('staff.list', {});
  const today = clinicDate(new Date());
  const list = useQuery('away.list', { from: addDays(today, -30), to: today });
  const [form, setForm] = useState({ staffId: '', date: today, from: '', to: '', reason: '', agreed: false, agreedBy: '', agreedAt: '' });
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [slip, setSlip] = useState<{ date: string; staffId: string } | null>(null);
  const who = form.staffId || me?.id || '';
  const leads = (staff.data ?? []).filter((s) => s.active && adminRoles.includes(s.role) && s.id !== who);
  const agreedBy = form.agreedBy || (leads.some((s) => s.id === me?.id) ? (me?.id ?? '') : (leads[0]?.id ?? ''));
  const submit = () => {
    const at = (time: string) => (time ? `${form.date}T${time}:00+08:00` : time);
    const agreement = lead && form.agreed ? { agreedBy: agreedBy || null, agreedAt: form.agreedAt ? at(form.agreedAt) : null } : {};
    api['away.log']({ staffId: who, from: at(form.from), to: at(form.to), reason: form.reason, ...agreement })
      .then((r) => {
        setForm({ ...form, from: '', to: '', reason: '', agreed: false, agreedAt: '' });
        f.ok(r.halfDayAbsence ? t.awaySavedHalfDay(r.name, r.minutes) : t.awaySaved(r.name, r.minutes));
      })
      .catch(f.fail);
  };
  const decide = (a: AwayView, confirm: boolean) => {
    const raw = amounts[a.id];
    api['attendance.decideFine']({ date: clinicDate(a.from), staffId: a.staffId, kind: 'away', confirm, amountYuan: raw ? Number(raw) : null, note: '' })
      .then(() => f.ok(t.saved))
      .catch(f.fail);
  };
  // One fine a day: its controls on the day's first unagreed time away.
  const firstOfDay = new Set<string>();
  const seen = new Set<string>();
  for (const a of list.data ?? []) {
    const key = `${a.staffId}|${clinicDate(a.from)}`;
    if (a.halfDayAbsence && !seen.has(key)) {
      seen.add(key);
      firstOfDay.add(a.id);
    }
  }
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel className="col-span-2" title={t.awayTitle}>
        <form
          className="space-y-3"
          aria-label={t.awayTitle}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <p className="text-sm text-slate-500">{t.awayHint}</p>
          {lead ? (
            <Field label={t.person}>
              {(id) => (
                <Select id={id} value={who} onChange={(e) => setForm({ ...form, staffId: e.target.value })}>
                  <ActiveStaffOptions staff={staff.data} />
                </Select>
              )}
            </Field>
          ) : (
            <p>{t.awaySelf(me?.name ?? '')}</p>
          )}
          {/* The day's column as wide as its widest day (2026年12月28日 and the calendar button): a third of the panel cut it. */}
          <div className="grid grid-cols-[minmax(12.5rem,1fr)_minmax(0,1fr)_minmax(0,1fr)] gap-2">
            <Field label={t.date}>{(id) => <DateField id={id} value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />}</Field>
            <Field label={t.awayFrom}>{(id) => <TimeField id={id} invalid={f.field === 'from'} value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />}</Field>
            <Field label={t.awayTo}>{(id) => <TimeField id={id} invalid={f.field === 'to'} value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />}</Field>
          </div>
          <Field label={t.awayReason}>{(id) => <TextInput id={id} invalid={f.field === 'reason'} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />}</Field>
          {lead && (
            <fieldset className="space-y-2 rounded border border-slate-200 p-2">
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={form.agreed} onChange={(e) => setForm({ ...form, agreed: e.target.checked })} />
                {t.awayAgreed}
              </label>
              {form.agreed && (
                <div className="grid grid-cols-2 gap-2">
                  <Field label={t.awayAgreedBy}>
                    {(id) => (
                      <Select id={id} invalid={f.field === 'agreedBy'} value={agreedBy} onChange={(e) => setForm({ ...form, agreedBy: e.target.value })}>
                        {leads.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                      </Select>
                    )}
                  </Field>
                  <Field label={t.awayAgreedAt}>{(id) => <TimeField id={id} invalid={f.field === 'agreedAt'} value={form.agreedAt} onChange={(e) => setForm({ ...form, agreedAt: e.target.value })} />}</Field>
                </div>
              )}
            </fieldset>
          )}
          <Button type="submit">{t.awayLog}</Button>
          {f.view}
        </form>
      </Panel>
      <Panel className="col-span-3" title={t.awayList}>
        {list.data?.length === 0 && <p className="p-6 text-center text-slate-500">{t.awayNone}</p>}
        <table className="w-full text-left text-sm" aria-label={t.awayList}>
          <tbody>
            {(list.data ?? []).map((a) => (
              <tr key={a.id} className="border-b align-top" data-testid="away-row">
                <td className="whitespace-nowrap py-2 pr-2 font-medium">{a.name}</td>
                <td className="whitespace-nowrap pr-2">
                  {clinicDate(a.from)} {clinicTime(a.from)}–{clinicTime(a.to)}
                  <div>{t.minutes(a.minutes)}</div>
                </td>
                <td className="pr-2">
                  {a.reason}
                  <div className="text-slate-500">{t.loggedBy(a.loggedBy)}</div>
                </td>
                <td className="space-y-1">
                  {a.agreedBy && a.agreedAt ? (
                    <div className="text-emerald-800">{t.awayAgreedNote(a.agreedBy, clinicTime(a.agreedAt))}</div>
                  ) : (
                    <div className="text-rose-800">{t.awayHalfDay}</div>
                  )}
                  {a.fine && firstOfDay.has(a.id) && (
                    <div data-testid="away-fine">
                      {a.fine.status === 'proposed' && (
                        <div className="space-y-1">
                          <div>{t.proposed(t.fineKind.away ?? 'away', null)}</div>
                          {lead && a.staffId !== me?.id && (
                            <div className="flex items-center gap-1">
                              <TextInput aria-label={t.amount} className="w-20 py-1" inputMode="numeric" invalid={f.field === 'amountYuan'} value={amounts[a.id] ?? ''} onChange={(e) => setAmounts({ ...amounts, [a.id]: e.target.value })} />
                              <Button className="px-2 py-1 text-sm" onClick={() => decide(a, true)}>
                                {t.confirm}
                              </Button>
                              <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => decide(a, false)}>
                                {t.waive}
                              </Button>
                            </div>
                          )}
                        </div>
                      )}
                      {a.fine.status === 'confirmed' && (
                        <div className="text-rose-800">
                          {t.confirmed(t.fineKind.away ?? 'away', a.fine.amountYuan, a.fine.decidedBy)}
                          <Button variant="ghost" className="ml-1 px-2 py-0.5 text-sm" onClick={() => setSlip({ date: clinicDate(a.from), staffId: a.staffId })}>
                            {t.printSlip}
                          </Button>
                        </div>
                      )}
                      {a.fine.status === 'waived' && <div className="text-slate-600">{t.waived(t.fineKind.away ?? 'away', a.fine.decidedBy)}</div>}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      {slip && <AwaySlip date={slip.date} staffId={slip.staffId} onClose={() => setSlip(null)} />}
    </div>
  );
}

/** The 员工过失处罚单 of a day's confirmed `away` fine, from that day's attendance (the same slip as lateness). */
function AwaySlip({ date, staffId, onClose }: { date: string; staffId: string; onClose(): void }) {
  const day = useQuery('attendance.day', { date });
  const row = day.data?.rows.find((r) => r.staffId === staffId);
  return row ? <FineSlip date={date} row={row} kind="away" onClose={onClose} /> : null;
}

/** A record's corrections under it, oldest first: when, who, and each changed field's old and new value (meetings, training, cleaning checks). */
/** The clinic's people still at work, as a select's options. */
export function ActiveStaffOptions({ staff }: { staff: readonly { id: string; name: string; active: boolean }[] | undefined }) {
  return (staff ?? [])
    .filter((s) => s.active)
    .map((s) => (
      <option key={s.id} value={s.id}>
        {s.name}
      </option>
    ));
}

/** A record form's save, and while a saved record is being corrected, 保存修改 and 取消修改. */
function SaveOrCancel({ editing, save, onCancel }: { editing: boolean; save: string; onCancel: () => void }) {
  const t = useText(staffText);
  return (
    <div className="flex gap-2">
      <Button type="submit">{editing ? t.saveEdit : save}</Button>
      {editing && (
        <Button variant="secondary" onClick={onCancel}>
          {t.cancelEdit}
        </Button>
      )}
    </div>
  );
}

export function EditHistory({ edits, fields, testId }: { edits: RecordEditsView; fields: Record<string, string>; testId: string }) {
  const t = useText(staffText);
  return (
    <>
      {edits.map((e) => (
        <div key={e.at} className="mt-1 border-l-2 border-amber-300 pl-2 text-slate-600" data-testid={testId}>
          {t.editedBy(`${clinicDate(e.at)} ${clinicTime(e.at)}`, e.by)}
          {e.notKept && <span className="ml-1 text-rose-800">{t.editNotKept}</span>}
          {e.changes.map((c) => (
            <div key={c.field} className="whitespace-pre-line">
              {t.editChange(fields[c.field] ?? c.field, c.from, c.to)}
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

/** 每周例会 / 服务质量分析会: who came, the issues, actions with owner and due date; the open actions of earlier meetings are followed up. */
export function MeetingsTab({ lead }: { lead: boolean }) {
  const t = useText(staffText);
  const f = useFeedback(t.fieldWhere);
  const [kind, setKind] = useState<'weekly' | 'quality'>('weekly');
  const staff = useQuery('staff.list', {});
  const list = useQuery('meeting.list', { kind });
  const today = clinicDate(new Date());
  const people = (staff.data ?? []).filter((s) => s.active);
  const empty = { date: today, attendees: [] as string[], issues: '', actions: [] as { what: string; ownerId: string; due: string }[], follow: {} as Record<string, { done: boolean; note: string }> };
  const [form, setForm] = useState(empty);
  const [editing, setEditing] = useState<{ id: string; rev: string } | null>(null);
  const save = () => {
    const minutes = {
      attendees: form.attendees,
      issues: form.issues
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
      actions: form.actions,
      followUps: Object.entries(form.follow)
        .filter(([, v]) => v.done || v.note.trim())
        .map(([actionId, v]) => ({ actionId, done: v.done, note: v.note })),
    };
    (editing ? api['meeting.edit']({ ...editing, ...minutes }) : api['meeting.save']({ kind, date: form.date, ...minutes }))
      .then(() => {
        setForm(empty);
        setEditing(null);
        f.ok(t.saved);
      })
      .catch(f.fail);
  };
  const editedMeeting = editing ? list.data?.meetings.find((m) => m.id === editing.id) : undefined;
  const open = list.data?.open ?? [];
  // While editing, the follow-ups offered are the edited meeting's own.
  const followable = editedMeeting ? editedMeeting.followUps.map((x) => ({ id: x.actionId, what: x.what, ownerName: '', due: '' })) : open;
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel
        className="col-span-3"
        title={t.meetingTitle}
        actions={
          <Select aria-label={t.meetingKindLabel} className="w-56" value={kind} onChange={(e) => setKind(e.target.value as 'weekly' | 'quality')}>
            <option value="weekly">{t.meetingKind.weekly}</option>
            <option value="quality">{t.meetingKind.quality}</option>
          </Select>
        }
      >
        {!lead && <p className="text-sm text-slate-500">{t.leadOnly}</p>}
        {lead && (
          <form
            className="space-y-3"
            aria-label={t.meetingTitle}
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <p className="text-sm text-slate-500">{t.meetingHint}</p>
            <Field label={t.date} className="max-w-xs">
              {(id) => <DateField id={id} disabled={!!editing} invalid={f.field === 'date'} value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />}
            </Field>
            <fieldset className="rounded-lg p-2 ring-1 ring-slate-200">
              <legend className="px-1 text-sm font-medium">{t.attendees}</legend>
              <div className="flex flex-wrap gap-3">
                {people.map((s) => (
                  <label key={s.id} className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={form.attendees.includes(s.id)}
                      onChange={(e) => setForm({ ...form, attendees: e.target.checked ? [...form.attendees, s.id] : form.attendees.filter((x) => x !== s.id) })}
                    />
                    {s.name}
                  </label>
                ))}
              </div>
            </fieldset>
            {followable.length > 0 && (
              <fieldset className="rounded-lg p-2 ring-1 ring-amber-300">
                <legend className="px-1 text-sm font-medium">{t.followUp}</legend>
                {followable.map((a) => {
                  const v = form.follow[a.id] ?? { done: false, note: '' };
                  const put = (patch: Partial<typeof v>) => setForm({ ...form, follow: { ...form.follow, [a.id]: { ...v, ...patch } } });
                  return (
                    <div key={a.id} className="flex items-center gap-2 py-1" data-testid="follow-up">
                      <label className="flex w-80 items-center gap-1">
                        <input type="checkbox" checked={v.done} onChange={(e) => put({ done: e.target.checked })} />
                        {a.due ? t.actionLine(a.what, a.ownerName, a.due) : a.what}
                      </label>
                      <TextInput aria-label={t.followNote(a.what)} className="flex-1 py-1" value={v.note} onChange={(e) => put({ note: e.target.value })} />
                    </div>
                  );
                })}
              </fieldset>
            )}
            <Field label={t.issues}>{(id) => <TextArea id={id} rows={3} invalid={!!f.field?.startsWith('issues')} value={form.issues} onChange={(e) => setForm({ ...form, issues: e.target.value })} />}</Field>
            <div className="space-y-1">
              <p className="text-sm font-medium">{t.actions}</p>
              {form.actions.map((a, i) => {
                const put = (patch: Partial<typeof a>) => setForm({ ...form, actions: form.actions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                return (
                  <div key={i} className="flex gap-2" data-testid="action-row">
                    <TextInput aria-label={t.actionWhat(i + 1)} className="flex-1 py-1" invalid={f.field === `actions.${i}.what`} value={a.what} onChange={(e) => put({ what: e.target.value })} />
                    <Select aria-label={t.actionOwner(i + 1)} value={a.ownerId} onChange={(e) => put({ ownerId: e.target.value })}>
                      <option value="" />
                      {people.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </Select>
                    <DateField aria-label={t.actionDue(i + 1)} className="py-1" invalid={f.field === `actions.${i}.due`} value={a.due} onChange={(e) => put({ due: e.target.value })} />
                  </div>
                );
              })}
              <Button variant="secondary" onClick={() => setForm({ ...form, actions: [...form.actions, { what: '', ownerId: '', due: addDays(form.date, 7) }] })}>
                {t.addAction}
              </Button>
            </div>
            <SaveOrCancel
              editing={editing !== null}
              save={t.saveMeeting}
              onCancel={() => {
                setEditing(null);
                setForm(empty);
              }}
            />
            {f.view}
          </form>
        )}
      </Panel>
      <Panel className="col-span-2" title={t.openActions(open.length)}>
        <ul className="space-y-1 text-sm" aria-label={t.openActions(open.length)}>
          {open.map((a) => (
            <li key={a.id} data-testid="open-action" className={a.due < today ? 'text-rose-800' : ''}>
              {t.actionLine(a.what, a.ownerName, a.due)}
              {a.notes.map((n) => (
                <div key={n} className="pl-3 text-slate-500">
                  {n}
                </div>
              ))}
            </li>
          ))}
        </ul>
        <h3 className="mt-4 font-bold">{t.pastMeetings}</h3>
        <ol className="space-y-3 text-sm">
          {(list.data?.meetings ?? []).map((m) => (
            <li key={m.id} className="rounded-lg p-2 ring-1 ring-slate-200" data-testid="meeting">
              <b>{t.meetingOf(m.date, m.by)}</b>
              <div>{t.cameList(m.attendees.map((a) => a.name).join(t.listSep))}</div>
              {m.issues.length > 0 && <div>{t.issuesList(m.issues.join(t.listSep))}</div>}
              {m.actions.map((a) => (
                <div key={a.id}>· {t.actionLine(a.what, a.ownerName, a.due)}</div>
              ))}
              {m.followUps.map((x) => (
                <div key={x.actionId} className="text-slate-600">
                  ✓ {t.followed(x.what, x.done, x.note)}
                </div>
              ))}
              <EditHistory edits={m.edits} fields={t.meetingField} testId="meeting-edit" />
              {lead && (
                <Button
                  variant="secondary"
                  className="mt-1"
                  aria-label={t.editMeeting(m.date)}
                  onClick={() => {
                    setEditing({ id: m.id, rev: m.rev });
                    setForm({
                      date: m.date,
                      attendees: m.attendees.map((a) => a.staffId),
                      issues: m.issues.join('\n'),
                      actions: m.actions.map((a) => ({ what: a.what, ownerId: a.ownerId, due: a.due })),
                      follow: Object.fromEntries(m.followUps.map((x) => [x.actionId, { done: x.done, note: x.note }])),
                    });
                  }}
                >
                  {t.edit}
                </Button>
              )}
            </li>
          ))}
        </ol>
      </Panel>
    </div>
  );
}

/** 培训与考核: a session (topic, trainer), who came and their scores against the pass mark. */
export function TrainingTab({ lead }: { lead: boolean }) {
  const t = useText(staffText);
  const f = useFeedback(t.fieldWhere);
  const staff = useQuery('staff.list', {});
  const today = clinicDate(new Date());
  const list = useQuery('training.list', { from: addDays(today, -365), to: today });
  const people = (staff.data ?? []).filter((s) => s.active);
  const empty = { date: today, topic: '', trainer: '', passMark: '', scores: {} as Record<string, string> };
  const [form, setForm] = useState(empty);
  // A lead's correction of a saved session (training.edit): the version read; the date stays.
  const [editing, setEditing] = useState<{ id: string; rev: string } | null>(null);
  const save = () => {
    const session = {
      topic: form.topic,
      trainer: form.trainer,
      passMark: form.passMark.trim() === '' ? null : Number(form.passMark),
      attendees: Object.entries(form.scores).map(([staffId, score]) => ({ staffId, score: score.trim() === '' ? null : Number(score) })),
    };
    (editing ? api['training.edit']({ ...editing, ...session }) : api['training.save']({ date: form.date, ...session }))
      .then(() => {
        setForm(empty);
        setEditing(null);
        f.ok(t.saved);
      })
      .catch(f.fail);
  };
  const edited = editing ? list.data?.find((x) => x.id === editing.id) : undefined;
  // While editing, someone who came then and has left since stays on the list (her score is part of the record).
  const shown = [...people.map((s) => ({ id: s.id, name: s.name })), ...(edited?.attendees ?? []).filter((a) => !people.some((s) => s.id === a.staffId)).map((a) => ({ id: a.staffId, name: a.name }))];
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel className="col-span-2" title={t.trainingTitle}>
        {!lead && <p className="text-sm text-slate-500">{t.leadOnly}</p>}
        {lead && (
          <form
            className="space-y-3"
            aria-label={t.trainingTitle}
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <div className="grid grid-cols-2 gap-2">
              <Field label={t.date}>{(id) => <DateField id={id} disabled={!!editing} invalid={f.field === 'date'} value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />}</Field>
              <Field label={t.passMark}>{(id) => <TextInput id={id} inputMode="numeric" invalid={f.field === 'passMark'} value={form.passMark} onChange={(e) => setForm({ ...form, passMark: e.target.value })} />}</Field>
            </div>
            <Field label={t.topic}>{(id) => <TextInput id={id} invalid={f.field === 'topic'} value={form.topic} onChange={(e) => setForm({ ...form, topic: e.target.value })} />}</Field>
            <Field label={t.trainer}>{(id) => <TextInput id={id} invalid={f.field === 'trainer'} value={form.trainer} onChange={(e) => setForm({ ...form, trainer: e.target.value })} />}</Field>
            <fieldset className={`rounded-lg p-2 ring-1 ${f.field?.startsWith('attendees') ? 'ring-rose-400' : 'ring-slate-200'}`}>
              <legend className="px-1 text-sm font-medium">{t.attendeesScores}</legend>
              {shown.map((s) => {
                const came = s.id in form.scores;
                return (
                  <div key={s.id} className="flex items-center gap-2 py-0.5">
                    <label className="flex w-40 items-center gap-1">
                      <input
                        type="checkbox"
                        checked={came}
                        onChange={(e) => {
                          const scores = { ...form.scores };
                          if (e.target.checked) scores[s.id] = '';
                          else delete scores[s.id];
                          setForm({ ...form, scores });
                        }}
                      />
                      {s.name}
                    </label>
                    {came && <TextInput aria-label={t.scoreOf(s.name)} inputMode="decimal" className="w-20 py-1" value={form.scores[s.id]} onChange={(e) => setForm({ ...form, scores: { ...form.scores, [s.id]: e.target.value } })} />}
                  </div>
                );
              })}
            </fieldset>
            <SaveOrCancel
              editing={editing !== null}
              save={t.saveTraining}
              onCancel={() => {
                setEditing(null);
                setForm(empty);
              }}
            />
            {f.view}
          </form>
        )}
      </Panel>
      <Panel className="col-span-3" title={t.trainings}>
        {list.data?.length === 0 && <p className="p-6 text-center text-slate-500">{t.noTrainings}</p>}
        <ol className="space-y-3 text-sm">
          {(list.data ?? []).map((x) => (
            <li key={x.id} className={`rounded-lg p-2 ring-1 ${editing?.id === x.id ? 'ring-amber-400' : 'ring-slate-200'}`} data-testid="training">
              <b>
                {x.date} {x.topic}
              </b>{' '}
              <span className="text-slate-600">{t.trainerBy(x.trainer, x.passMark)}</span>
              <div className="mt-1 flex flex-wrap gap-x-4">
                {x.attendees.map((a) => (
                  <span key={a.staffId} className={a.passed === false ? 'text-rose-800' : ''}>
                    {t.scoreLine(a.name, a.score, a.passed)}
                  </span>
                ))}
              </div>
              <EditHistory edits={x.edits} fields={t.trainingField} testId="training-edit" />
              {lead && (
                <Button
                  variant="secondary"
                  className="mt-1"
                  aria-label={t.editTraining(x.date, x.topic)}
                  onClick={() => {
                    setEditing({ id: x.id, rev: x.rev });
                    setForm({
                      date: x.date,
                      topic: x.topic,
                      trainer: x.trainer,
                      passMark: x.passMark === null ? '' : String(x.passMark),
                      scores: Object.fromEntries(x.attendees.map((a) => [a.staffId, a.score === null ? '' : String(a.score)])),
                    });
                  }}
                >
                  {t.edit}
                </Button>
              )}
            </li>
          ))}
        </ol>
      </Panel>
    </div>
  );
}

/** 卫生值日: the plan (who cleans which area each weekday) and today's checks, ticked like the tea service's checklist. */
export function CleaningTab({ lead }: { lead: boolean }) {
  const t = useText(staffText);
  const f = useFeedback(t.fieldWhere);
  const plan = useQuery('cleaning.plan', {});
  const day = useQuery('cleaning.day', {});
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel className="col-span-3" title={t.cleaningPlan}>
        {plan.data && <CleaningPlanForm key={plan.data.updatedAt ?? ''} lead={lead} plan={plan.data} f={f} />}
      </Panel>
      <Panel className="col-span-2" title={t.cleaningToday(day.data?.date ?? '')}>
        {day.data && <CleaningChecks key={day.data.checks.length} lead={lead} day={day.data} f={f} />}
        {f.view}
      </Panel>
    </div>
  );
}

type PlanView = NonNullable<ReturnType<typeof useQuery<'cleaning.plan'>>['data']>;
function CleaningPlanForm({ lead, plan, f }: { lead: boolean; plan: PlanView; f: ReturnType<typeof useFeedback> }) {
  const t = useText(staffText);
  const staff = useQuery('staff.list', {});
  const people = (staff.data ?? []).filter((s) => s.active);
  const [areas, setAreas] = useState(plan.areas.map((a) => ({ id: a.id as string | null, name: a.name, byWeekday: a.byWeekday.map((d) => d.staffId ?? '') })));
  const put = (i: number, patch: Partial<(typeof areas)[number]>) => setAreas(areas.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <form
      className="space-y-3"
      aria-label={t.cleaningPlan}
      onSubmit={(e) => {
        e.preventDefault();
        api['cleaning.savePlan']({ areas: areas.map((a) => ({ id: a.id, name: a.name, byWeekday: a.byWeekday.map((x) => x || null) })) })
          .then(() => f.ok(t.saved))
          .catch(f.fail);
      }}
    >
      <p className="text-sm text-slate-500">{t.cleaningHint}</p>
      <table className="w-full text-left text-sm" aria-label={t.cleaningPlan}>
        <thead>
          <tr className="text-slate-500">
            <th className="px-1">{t.area}</th>
            {[0, 1, 2, 3, 4, 5, 6].map((d) => (
              <th key={d} className="px-1">
                {t.weekdays[String(d)]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {areas.map((a, i) => (
            <tr key={i} data-testid="cleaning-area">
              <td className="px-1 py-1">
                <TextInput aria-label={t.areaN(i + 1)} className="w-28 py-1" disabled={!lead} invalid={!!f.field?.startsWith(`areas.${i}`)} value={a.name} onChange={(e) => put(i, { name: e.target.value })} />
              </td>
              {a.byWeekday.map((who, d) => (
                <td key={d} className="px-1">
                  <Select aria-label={t.areaDay(a.name || t.areaN(i + 1), t.weekdays[String(d)]!)} className="w-full min-w-20 px-1 py-1" disabled={!lead} value={who} onChange={(e) => put(i, { byWeekday: a.byWeekday.map((x, k) => (k === d ? e.target.value : x)) })}>
                    <option value="" />
                    {people.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </Select>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {lead && (
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setAreas([...areas, { id: null, name: '', byWeekday: ['', '', '', '', '', '', ''] }])}>
            {t.addArea}
          </Button>
          <Button type="submit">{t.savePlan}</Button>
        </div>
      )}
    </form>
  );
}

type DayView = NonNullable<ReturnType<typeof useQuery<'cleaning.day'>>['data']>;
type Check = DayView['checks'][number];
function CleaningChecks({ lead, day, f }: { lead: boolean; day: DayView; f: ReturnType<typeof useFeedback> }) {
  const t = useText(staffText);
  const kinds = day.saturday ? (['opening', 'saturday'] as const) : (['opening'] as const);
  // By default every area done, as the tea checklist: the lead unticks what is not, and notes why.
  const [items, setItems] = useState<Record<string, { done: boolean; note: string }>>({});
  // The check being corrected (cleaning.edit), its items filled in from the saved ones.
  const [editing, setEditing] = useState<{ kind: string; rev: string } | null>(null);
  const [recheckNotes, setRecheckNotes] = useState<Record<string, string>>({});
  const item = (kind: string, areaId: string) => items[`${kind}|${areaId}`] ?? { done: true, note: '' };
  const today = clinicDate(new Date()) === day.date;
  const checklist = (kind: 'opening' | 'saturday', areas: { areaId: string; name: string }[], submit: () => void, label: string) => (
    <div className="space-y-1 text-sm">
      {areas.map((d) => {
        const v = item(kind, d.areaId);
        const set = (patch: Partial<typeof v>) => setItems({ ...items, [`${kind}|${d.areaId}`]: { ...v, ...patch } });
        return (
          <div key={d.areaId} className="flex items-center gap-2">
            <label className="flex w-32 items-center gap-1">
              <input type="checkbox" checked={v.done} onChange={(e) => set({ done: e.target.checked })} />
              {d.name}
            </label>
            <TextInput aria-label={t.areaNote(t.checkKind[kind]!, d.name)} className="flex-1 py-1" value={v.note} onChange={(e) => set({ note: e.target.value })} />
          </div>
        );
      })}
      <div className="flex gap-2">
        <Button onClick={submit}>{label}</Button>
        {editing && (
          <Button variant="secondary" onClick={() => setEditing(null)}>
            {t.cancelEdit}
          </Button>
        )}
      </div>
    </div>
  );
  const recheck = (done: Check, areaId: string, passed: boolean) =>
    api['cleaning.recheck']({ date: day.date, kind: done.kind, areaId, done: passed, note: recheckNotes[`${done.kind}|${areaId}`] ?? '' })
      .then(() => {
        setRecheckNotes({ ...recheckNotes, [`${done.kind}|${areaId}`]: '' });
        f.ok(passed ? t.recheckedPassed : t.saved);
      })
      .catch(f.fail);
  return (
    <div className="space-y-4">
      <ul className="text-sm" aria-label={t.cleaningDuty}>
        {day.duty.map((d) => (
          <li key={d.areaId} data-testid="cleaning-duty">
            {t.dutyLine(d.name, d.staffName)}
          </li>
        ))}
      </ul>
      {day.duty.length === 0 && <p className="text-sm text-slate-500">{t.noAreasYet}</p>}
      {kinds.map((kind) => {
        const done = day.checks.find((c) => c.kind === kind);
        return (
          <section key={kind} aria-label={t.checkKind[kind]} className="rounded-lg p-2 ring-1 ring-slate-200" data-testid={`cleaning-${kind}`}>
            <h3 className="font-bold">{kind === 'opening' ? t.openingCheck(clinicTime(day.dueAt)) : t.checkKind.saturday}</h3>
            {done && editing?.kind === kind ? (
              checklist(
                kind,
                done.items,
                () =>
                  api['cleaning.edit']({ date: day.date, kind, rev: editing.rev, items: done.items.map((d) => ({ areaId: d.areaId, ...item(kind, d.areaId) })) })
                    .then(() => {
                      setEditing(null);
                      f.ok(t.saved);
                    })
                    .catch(f.fail),
                t.saveEdit,
              )
            ) : done ? (
              <div className="space-y-1 text-sm">
                <p className={done.afterDeadline ? 'text-rose-800' : 'text-emerald-800'}>{t.checkedBy(done.checkedBy, clinicTime(done.checkedAt), done.afterDeadline)}</p>
                {done.items.map((i) => (
                  <div key={i.areaId}>
                    <div className={i.passed ? '' : 'text-rose-800'} data-testid="cleaning-item">
                      {i.done ? '✓' : '✗'} {i.name}
                      {i.note && t.noteAside(i.note)}
                      {i.rechecks.map((r) => (
                        <span key={r.at} className={r.done ? 'text-emerald-800' : 'text-rose-800'}>
                          {' '}
                          {t.recheckLine(clinicTime(r.at), r.by, r.done, r.note)}
                        </span>
                      ))}
                    </div>
                    {lead && today && !i.passed && (
                      <div className="flex items-center gap-1 pl-4">
                        <TextInput aria-label={t.recheckNote(i.name)} className="flex-1 py-0.5" value={recheckNotes[`${kind}|${i.areaId}`] ?? ''} onChange={(e) => setRecheckNotes({ ...recheckNotes, [`${kind}|${i.areaId}`]: e.target.value })} />
                        <Button className="px-2 py-0.5 text-sm" onClick={() => recheck(done, i.areaId, true)}>
                          {t.recheckPass(i.name)}
                        </Button>
                        <Button variant="ghost" className="px-2 py-0.5 text-sm" onClick={() => recheck(done, i.areaId, false)}>
                          {t.recheckFail}
                        </Button>
                      </div>
                    )}
                  </div>
                ))}
                <EditHistory edits={done.edits} fields={t.cleaningField} testId="cleaning-edit" />
                {lead && (
                  <Button
                    variant="secondary"
                    className="mt-1"
                    aria-label={t.editCheck(t.checkKind[kind]!)}
                    onClick={() => {
                      setItems({ ...items, ...Object.fromEntries(done.items.map((i) => [`${kind}|${i.areaId}`, { done: i.done, note: i.note }])) });
                      setEditing({ kind, rev: done.rev });
                    }}
                  >
                    {t.edit}
                  </Button>
                )}
              </div>
            ) : lead && day.duty.length > 0 ? (
              checklist(
                kind,
                day.duty,
                () =>
                  api['cleaning.check']({ date: day.date, kind, items: day.duty.map((d) => ({ areaId: d.areaId, ...item(kind, d.areaId) })) })
                    .then(() => f.ok(t.saved))
                    .catch(f.fail),
                t.submitCheck(t.checkKind[kind]!),
              )
            ) : (
              <p className="text-sm text-slate-500">{t.notChecked}</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
