import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { useFeedback } from './feedback';
import { ActiveStaffOptions, AwayTab, CleaningTab, MeetingsTab, SettingsTab, TrainingTab } from './MoreTabs';
import { FineSlip } from './FineSlip';
import { useStaffTab } from './store';
import { commonText } from '../i18n/common';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate, clinicTime } from '../../shared/time';
import { leaveKinds, REST, OFF, weekStartOf, type FineKind, type LeaveKind } from '../../shared/staff/rules';
import { adminRoles } from '../../shared/reference/schemas';
import type { WeekView } from '../../shared/staff/schemas';
import { Banner, Button, Field, Panel, Select, TabList, TextInput } from '../ui/ui';
import { useShell } from '../shell/store';
import { staffText } from './i18n';
import '../ui/print.css';
import './print.css';
import { saveFile } from '../ui/saveFile';
import { DateField } from '../ui/DateField';
import { DateTimeField } from '../ui/DateTimeField';

const more = ['settings', 'away', 'meetings', 'training', 'cleaning'] as const;

/** 排班: sign-in at the desk, the week's rota, leave. Leads edit the rota, decide leave and confirm fines. */
export function StaffScreen() {
  const t = useText(staffText);
  const { tab, setTab } = useStaffTab();
  const role = useShell((s) => s.status?.operator?.role);
  const lead = !!role && adminRoles.includes(role);
  return (
    <div className="flex h-full flex-col gap-3">
      <div className="no-print">
        <TabList label={t.tabsLabel} tabs={[...(['sign', 'rota', 'leave', 'file'] as const).map((v) => ({ value: v, label: t.tabs[v]! })), ...more.map((v) => ({ value: v, label: t.moreTabs[v]! }))]} value={tab} onChange={setTab} />
      </div>
      <div className="min-h-0 flex-1">
        {tab === 'sign' && <SignTab lead={lead} />}
        {tab === 'rota' && <RotaTab lead={lead} />}
        {tab === 'leave' && <LeaveTab lead={lead} />}
        {tab === 'file' && <FileTab lead={lead} />}
        {tab === 'settings' && <SettingsTab lead={lead} />}
        {tab === 'away' && <AwayTab lead={lead} />}
        {tab === 'meetings' && <MeetingsTab lead={lead} />}
        {tab === 'training' && <TrainingTab lead={lead} />}
        {tab === 'cleaning' && <CleaningTab lead={lead} />}
      </div>
    </div>
  );
}

function SignTab({ lead }: { lead: boolean }) {
  const t = useText(staffText);
  const c = useText(commonText);
  const f = useFeedback();
  const staff = useQuery('staff.list', {});
  const day = useQuery('attendance.day', {});
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [slip, setSlip] = useState<{ staffId: string; kind: FineKind } | null>(null);
  const slipRow = slip && day.data?.rows.find((r) => r.staffId === slip.staffId);
  const people = (staff.data ?? []).filter((s) => s.active && s.canSignIn);
  const sign = (kind: 'in' | 'out') => {
    api['attendance.sign']({ staffId, pin, kind })
      .then((r) => {
        setPin('');
        f.ok(kind === 'in' ? t.signedIn(r.name, r.lateMinutes) : t.signedOut(r.name));
      })
      .catch(f.fail);
  };
  const decide = (date: string, who: string, kind: FineKind, confirm: boolean) => {
    const raw = amounts[`${who}|${kind}`];
    api['attendance.decideFine']({ date, staffId: who, kind, confirm, amountYuan: raw ? Number(raw) : null, note: '' }).then(() => f.ok(t.saved)).catch(f.fail);
  };
  return (
    <div className="grid h-full grid-cols-3 gap-4">
      <Panel title={t.signTitle}>
        <form
          className="space-y-3"
          aria-label={t.signTitle}
          onSubmit={(e) => {
            e.preventDefault();
            sign('in');
          }}
        >
          <p className="text-sm text-slate-500">{t.signHint}</p>
          <Field label={t.person}>
            {(id) => (
              <Select id={id} value={staffId} onChange={(e) => setStaffId(e.target.value)}>
                <option value="" />
                {people.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} · {c.role[s.role]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t.pin}>{(id) => <TextInput id={id} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />}</Field>
          <div className="flex gap-2">
            <Button type="submit">{t.signIn}</Button>
            <Button variant="secondary" onClick={() => sign('out')}>
              {t.signOut}
            </Button>
          </div>
          {f.view}
        </form>
      </Panel>
      <Panel className="col-span-2" title={t.todayOf(day.data?.date ?? '')}>
        {day.data && day.data.rows.length === 0 && <p className="p-6 text-center text-slate-500">{t.noneToday}</p>}
        <table className="w-full text-left text-sm" aria-label={t.today}>
          <thead>
            <tr className="border-b text-slate-500">
              <th className="py-1">{t.name}</th>
              <th>{t.shift}</th>
              <th>{t.hours}</th>
              <th>{t.signs}</th>
              <th>{t.fines}</th>
            </tr>
          </thead>
          <tbody>
            {(day.data?.rows ?? []).map((r) => (
              <tr key={r.staffId} className="border-b align-top" data-testid="attendance-row">
                <td className="py-2 font-medium">{r.name}</td>
                <td>{t.code[r.code] ?? r.code}</td>
                <td>
                  {r.start && r.end ? `${clinicTime(r.start)}–${clinicTime(r.end)}` : ''}
                  <div className="text-slate-600">
                    {t.state[r.state]}
                    {r.lateMinutes > 0 && `${t.sep}${t.lateMin(r.lateMinutes)}`}
                    {r.earlyMinutes > 0 && `${t.sep}${t.earlyMin(r.earlyMinutes)}`}
                  </div>
                  {r.away.map((a) => (
                    <div key={a.id} className={a.halfDayAbsence ? 'text-rose-800' : 'text-slate-600'} data-testid="attendance-away">
                      {t.moreTabs.away} {clinicTime(a.from)}–{clinicTime(a.to)}
                      {t.sep}
                      {a.agreedBy ? t.awayAgreedByName(a.agreedBy) : t.awayHalfDay}
                    </div>
                  ))}
                </td>
                <td>
                  {r.signs.map((s) => (
                    <div key={s.at}>
                      {s.kind === 'in' ? t.signIn : t.signOut} {clinicTime(s.at)} · {t.desk} {s.deskId.slice(-6)}
                    </div>
                  ))}
                </td>
                <td className="space-y-1">
                  {r.fines.map((x) => (
                    <div key={x.kind}>
                      {x.status === 'proposed' && (
                        <div className="space-y-1">
                          <div>{t.proposed(t.fineKind[x.kind] ?? x.kind, x.proposedYuan)}</div>
                          {lead && (
                            <div className="flex items-center gap-1">
                              {x.proposedYuan === null && (
                                <TextInput aria-label={t.amount} className="w-20 py-1" inputMode="numeric" value={amounts[`${r.staffId}|${x.kind}`] ?? ''} onChange={(e) => setAmounts({ ...amounts, [`${r.staffId}|${x.kind}`]: e.target.value })} />
                              )}
                              <Button className="px-2 py-1 text-sm" onClick={() => decide(day.data!.date, r.staffId, x.kind, true)}>
                                {t.confirm}
                              </Button>
                              <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => decide(day.data!.date, r.staffId, x.kind, false)}>
                                {t.waive}
                              </Button>
                            </div>
                          )}
                        </div>
                      )}
                      {x.status === 'confirmed' && (
                        <div className="text-rose-800">
                          {t.confirmed(t.fineKind[x.kind] ?? x.kind, x.amountYuan, x.decidedBy)}
                          <Button variant="ghost" className="ml-1 px-2 py-0.5 text-sm" onClick={() => setSlip({ staffId: r.staffId, kind: x.kind })}>
                            {t.printSlip}
                          </Button>
                        </div>
                      )}
                      {x.status === 'waived' && <div className="text-slate-600">{t.waived(t.fineKind[x.kind] ?? x.kind, x.decidedBy)}</div>}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      {slip && slipRow && day.data && <FineSlip date={day.data.date} row={slipRow} kind={slip.kind} onClose={() => setSlip(null)} />}
    </div>
  );
}

/** The week's grid: a roving focus over the cells; typing a shift code sets it, 0 the rest day, Delete clears. */
function RotaTab({ lead }: { lead: boolean }) {
  const t = useText(staffText);
  const c = useText(commonText);
  const f = useFeedback();
  const [monday, setMonday] = useState(() => weekStartOf(clinicDate(new Date())));
  const week = useQuery('rota.week', { weekStart: monday });
  const settings = useQuery('rota.settings', {});
  const [pos, setPos] = useState<[number, number]>([0, 0]);
  const [buffer, setBuffer] = useState('');
  const [reason, setReason] = useState('');
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const codes = (settings.data?.shiftTypes ?? []).map((s) => s.code);
  const w: WeekView | null = week.data ?? null;

  const focus = (r: number, d: number) => {
    flushSync(() => setPos([r, d]));
    cells.current.get(`${r}:${d}`)?.focus();
  };
  const set = (r: number, d: number, code: string) => {
    const person = w?.staff[r];
    if (!person || !w) return;
    api['rota.set']({ date: w.dates[d]!, staffId: person.staffId, code, ...(w.published && reason ? { reason } : {}) })
      .then(() => f.ok(t.saved))
      .catch(f.fail);
  };
  const onKey = (e: React.KeyboardEvent, r: number, d: number) => {
    const rows = w?.staff.length ?? 0;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      setBuffer('');
      focus(Math.min(rows - 1, Math.max(0, r + m[0])), Math.min(6, Math.max(0, d + m[1])));
      return;
    }
    if (!lead || e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      setBuffer('');
      set(r, d, OFF);
    } else if (e.key === '0') {
      e.preventDefault();
      setBuffer('');
      set(r, d, REST);
      if (d < 6) focus(r, d + 1);
    } else if (/^[a-zA-Z0-9]$/.test(e.key)) {
      e.preventDefault();
      const next = buffer + e.key.toUpperCase();
      const exact = codes.includes(next);
      const longer = codes.some((x) => x !== next && x.startsWith(next));
      if (exact && !longer) {
        setBuffer('');
        set(r, d, next);
        if (d < 6) focus(r, d + 1);
      } else if (longer) setBuffer(next);
      else setBuffer('');
    } else if (e.key === 'Enter' && codes.includes(buffer)) {
      e.preventDefault();
      set(r, d, buffer);
      setBuffer('');
    }
  };

  const sunday = addDays(monday, 6);
  return (
    <Panel
      className="print-alone staff-rota h-full"
      title={t.rotaTitle(monday)}
      actions={
        <div className="no-print flex items-center gap-2">
          <Button variant="ghost" onClick={() => setMonday(addDays(monday, -7))}>
            {t.prevWeek}
          </Button>
          <span className="text-sm">{t.week(monday, sunday)}</span>
          <Button variant="ghost" onClick={() => setMonday(addDays(monday, 7))}>
            {t.nextWeek}
          </Button>
          {lead && (
            <>
              <Button variant="secondary" onClick={() => api['rota.copyWeek']({ from: addDays(monday, -7), to: monday }).then(() => f.ok(t.copied)).catch(f.fail)}>
                {t.copyLast}
              </Button>
              <Button disabled={!!w?.published} onClick={() => api['rota.publish']({ weekStart: monday }).then(() => f.ok(t.publishedOk)).catch(f.fail)}>
                {t.publish}
              </Button>
            </>
          )}
          <Button variant="secondary" onClick={() => window.print()}>
            {t.print}
          </Button>
        </div>
      }
    >
      <div className="no-print mb-2 space-y-2">
        <p className="text-sm text-slate-500">{lead ? t.gridHint : t.leadOnly}</p>
        {f.view}
        {lead && w?.published && (
          <Field label={t.reason} className="max-w-md">
            {(id) => <TextInput id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        )}
      </div>
      <p className="mb-2 text-sm">
        {w?.published ? t.published(w.published.by, `${clinicDate(w.published.at)} ${clinicTime(w.published.at)}`) : t.draft} ·{' '}
        {t.legend((settings.data?.shiftTypes ?? []).map((s) => `${s.code} ${s.name} ${s.summer.from}–${s.summer.to}${s.winter ? t.winterHours(s.winter.from, s.winter.to) : ''}`).join(t.sep))}
      </p>
      <table role="grid" aria-label={t.rotaTitle(monday)} className="w-full border-collapse text-center text-sm">
        <thead>
          <tr>
            <th className="border border-slate-300 px-2 py-1 text-left">{t.name}</th>
            {(w?.dates ?? []).map((d, i) => (
              <th key={d} className="border border-slate-300 px-2 py-1">
                {t.weekdays[String(i)]}
                <div className="font-normal text-slate-500">{d.slice(5)}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(w?.staff ?? []).map((s, r) => (
            <tr key={s.staffId} data-testid="rota-row">
              <th scope="row" className="border border-slate-300 px-2 py-1 text-left font-medium">
                {s.name}
                <span className="ml-1 text-xs text-slate-500">{c.role[s.role]}</span>
                <div className="text-xs font-normal text-slate-500" data-testid="rota-hours">
                  {t.weekHours(s.minutes)}
                </div>
              </th>
              {s.cells.map((cell, d) => {
                const active = pos[0] === r && pos[1] === d;
                const label = cell.leave ? `${t.leave[cell.leave]}` : (t.code[cell.code] ?? cell.code);
                return (
                  <td
                    key={cell.date}
                    ref={(el) => {
                      if (el) cells.current.set(`${r}:${d}`, el);
                      else cells.current.delete(`${r}:${d}`);
                    }}
                    role="gridcell"
                    aria-label={`${s.name} ${cell.date} ${label}`}
                    aria-selected={active}
                    tabIndex={active ? 0 : -1}
                    onFocus={() => setPos([r, d])}
                    onKeyDown={(e) => onKey(e, r, d)}
                    className={`border border-slate-300 px-2 py-1 font-mono text-base outline-teal-600 focus:outline-3 ${cell.code === REST ? 'bg-amber-50' : ''} ${cell.leave ? 'bg-sky-50 text-sky-900' : ''}`}
                  >
                    {active && buffer ? `${buffer}…` : label}
                    {cell.leave && cell.code !== OFF && <div className="text-xs text-slate-500">{t.code[cell.code] ?? cell.code}</div>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {!!w?.problems.length && (
        <div className="no-print mt-3">
          <h3 className="font-bold text-rose-800">{t.problems}</h3>
          <ul className="list-disc pl-5 text-sm text-rose-800">
            {w.problems.map((p) => (
              <li key={`${p.staffId}${p.date}${p.problem}`}>{t.problem(w.staff.find((s) => s.staffId === p.staffId)?.name ?? p.staffId, p.problem, p.date)}</li>
            ))}
          </ul>
        </div>
      )}
      {!!w?.warnings.length && (
        <div className="no-print mt-3" data-testid="rota-warnings">
          <h3 className="font-bold text-amber-800">{t.warnings}</h3>
          <ul className="list-disc pl-5 text-sm text-amber-900">
            {w.warnings.map((x) => {
              const name = w.staff.find((s) => s.staffId === x.staffId)?.name ?? x.staffId;
              return <li key={`${x.staffId}${x.warning}${x.warning === 'monthRest' ? x.month : ''}`}>{x.warning === 'weeklyHours' ? t.warnWeeklyHours(name, x.minutes, x.limitHours) : t.warnMonthRest(name, x.month, x.rest, x.owed, x.onRota)}</li>;
            })}
          </ul>
        </div>
      )}
      {!!w?.changes.length && (
        <div className="mt-3">
          <h3 className="font-bold">{t.changes}</h3>
          <ul className="list-disc pl-5 text-sm">
            {w.changes.map((x) => (
              <li key={x.at + x.staffId}>{t.change(x.name, x.date, t.code[x.fromCode] ?? x.fromCode, t.code[x.toCode] ?? x.toCode, x.by, x.reason)}</li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}

function LeaveTab({ lead }: { lead: boolean }) {
  const t = useText(staffText);
  const f = useFeedback();
  const me = useShell((s) => s.status?.operator);
  const staff = useQuery('staff.list', {});
  const today = clinicDate(new Date());
  const list = useQuery('leave.list', { from: addDays(today, -30), to: addDays(today, 90) });
  const [form, setForm] = useState({ staffId: '', kind: 'personal' as LeaveKind, from: '', to: '', reason: '', emergency: false });
  const submit = () => {
    const iso = (v: string) => (v ? `${v}:00+08:00` : v);
    api['leave.request']({ ...form, staffId: form.staffId || me?.id || '', from: iso(form.from), to: iso(form.to) })
      .then(() => f.ok(t.requested))
      .catch(f.fail);
  };
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel className="col-span-2" title={t.leaveTitle}>
        <form
          className="space-y-3"
          aria-label={t.leaveTitle}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {/* Person and kind side by side: the whole form, its button too, on a 768 px screen in English (layout.spec.ts). */}
          <div className={lead ? 'grid grid-cols-2 gap-3' : ''}>
            {lead && (
              <Field label={t.person}>
                {(id) => (
                  <Select id={id} value={form.staffId || me?.id || ''} onChange={(e) => setForm({ ...form, staffId: e.target.value })}>
                    <ActiveStaffOptions staff={staff.data} />
                  </Select>
                )}
              </Field>
            )}
            <Field label={t.leaveKind}>
              {(id) => (
                <Select id={id} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as LeaveKind })}>
                  {leaveKinds.map((k) => (
                    <option key={k} value={k}>
                      {t.leave[k]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <div className="grid grid-cols-1 gap-3 2xl:grid-cols-2 2xl:gap-2">
            <Field label={t.from}>{(id) => <DateTimeField id={id} value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />}</Field>
            <Field label={t.to}>{(id) => <DateTimeField id={id} value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />}</Field>
          </div>
          <Field label={t.leaveReason}>{(id) => <TextInput id={id} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />}</Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={form.emergency} onChange={(e) => setForm({ ...form, emergency: e.target.checked })} />
            {t.emergency}
          </label>
          <Button type="submit">{t.request}</Button>
          {f.view}
        </form>
      </Panel>
      <Panel className="col-span-3" title={t.leaves}>
        {list.data && list.data.length === 0 && <p className="p-6 text-center text-slate-500">{t.noLeaves}</p>}
        <ul className="divide-y divide-slate-200">
          {(list.data ?? []).map((l) => (
            <li key={l.id} className="flex items-center justify-between gap-2 py-2" data-testid="leave-row">
              <div>
                <div className="font-medium">
                  {l.name} · {t.leave[l.kind]} · {t.status[l.status]}
                </div>
                <div className="text-sm text-slate-600">
                  {clinicDate(l.from)} {clinicTime(l.from)} – {clinicDate(l.to)} {clinicTime(l.to)} {l.reason}
                  {l.emergency && t.emergencyMark}
                </div>
              </div>
              {lead && l.status === 'requested' && l.staffId !== me?.id && (
                <div className="flex gap-1">
                  <Button className="px-2 py-1 text-sm" onClick={() => api['leave.decide']({ leaveId: l.id, approve: true, note: '' }).then(() => f.ok(t.saved)).catch(f.fail)}>
                    {t.approve}
                  </Button>
                  <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => api['leave.decide']({ leaveId: l.id, approve: false, note: '' }).then(() => f.ok(t.saved)).catch(f.fail)}>
                    {t.refuse}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}

/** 员工档案: a lead picks anyone, everyone else sees her own. */
function FileTab({ lead }: { lead: boolean }) {
  const t = useText(staffText);
  const me = useShell((s) => s.status?.operator);
  const staff = useQuery('staff.list', {});
  const today = clinicDate(new Date());
  const [pick, setPick] = useState('');
  const [from, setFrom] = useState(addDays(today, -364));
  const [to, setTo] = useState(today);
  const staffId = lead ? pick || me?.id || '' : me?.id || '';
  const exported = useFeedback();
  return (
    <div className="flex h-full flex-col gap-3">
      <form className="flex items-end gap-3" aria-label={t.fileTitle} onSubmit={(e) => e.preventDefault()}>
        {lead && (
          <Field label={t.person}>
            {(id) => (
              <Select id={id} value={staffId} onChange={(e) => setPick(e.target.value)}>
                <ActiveStaffOptions staff={staff.data} />
              </Select>
            )}
          </Field>
        )}
        <Field label={t.from}>{(id) => <DateField id={id} value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
        <Field label={t.to}>{(id) => <DateField id={id} value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
        {!lead && <p className="pb-2 text-sm text-slate-600">{t.fileOwn}</p>}
        <Button variant="secondary" onClick={() => window.print()}>
          {t.printFile}
        </Button>
        <Button
          variant="secondary"
          disabled={!staffId}
          onClick={() =>
            api['staffFile.xlsx']({ staffId, from, to })
              .then(saveFile)
              .catch(exported.fail)
          }
        >
          {t.exportFile}
        </Button>
      </form>
      {exported.view}
      {staffId && from && to && <StaffFileView staffId={staffId} from={from} to={to} />}
    </div>
  );
}

function StaffFileView({ staffId, from, to }: { staffId: string; from: string; to: string }) {
  const t = useText(staffText);
  const c = useText(commonText);
  const file = useQuery('staffFile.get', { staffId, from, to });
  if (file.error) return <Banner tone="error">{`${c.error[file.error.code] ?? file.error.message}（${file.error.message}）`}</Banner>;
  const v = file.data;
  if (!v) return null;
  const none = <p className="text-sm text-slate-500">{t.fileNone}</p>;
  const a = v.attendance;
  return (
    <div className="print-alone staff-file grid min-h-0 flex-1 grid-cols-2 gap-3 overflow-auto" aria-label={t.fileOf(v.name)} role="region" tabIndex={0}>
      <h1 className="print-only col-span-2 text-xl font-bold">{t.filePrintTitle(v.name, v.from, v.to)}</h1>
      <Panel title={t.fileSections.attendance}>
        <p className="text-sm" data-testid="file-attendance">{t.fileAttendance(a.rostered, a.late, a.lateMinutes, a.early, a.absent, a.finedYuan)}</p>
        <ul className="mt-1 text-sm text-slate-600">
          {a.fines.map((f) => (
            <li key={`${f.date}${f.kind}`}>
              {f.date} {t.fineKind[f.kind]} {f.minutes > 0 ? t.minutes(f.minutes) : ''} · {f.status === 'confirmed' ? t.fineConfirmed(f.amountYuan) : t.fineWaived}
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title={t.fileSections.inspections}>
        {v.inspections.length === 0 ? none : (
          <ul className="text-sm">
            {v.inspections.map((i) => (
              <li key={i.inspectionId}>
                {i.date} {t.inspectionKind[i.kind] ?? i.kind}：{t.inspectionResult(i.passed, i.failed)}
                {!i.signed && t.unsigned}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title={t.fileSections.penalties}>
        {v.penalties.length === 0 ? none : (
          <ul className="text-sm">
            {v.penalties.map((p) => (
              <li key={`${p.ref}${p.what}${p.date}`}>
                {p.date} {t.penaltySource[p.source]}：{p.what} · {t.measure[p.measure] ?? p.measure}
                {p.amountYuan ? ` · ¥${p.amountYuan}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title={t.fileSections.complaints}>
        {v.complaints.length === 0 ? none : (
          <ul className="text-sm">
            {v.complaints.map((x) => (
              <li key={x.complaintId}>
                {clinicDate(x.receivedAt)} {x.what}（{x.staffInvolved}）{x.penalised && t.penalised}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title={t.fileSections.stars}>{v.stars.length === 0 ? none : <ul className="text-sm">{v.stars.map((x) => <li key={x.month}>{x.month}：{x.reason}</li>)}</ul>}</Panel>
      <Panel title={t.fileSections.leave}>
        {v.leave.length === 0 ? none : (
          <ul className="text-sm">
            {v.leave.map((l) => (
              <li key={l.from}>
                {t.leave[l.kind]} {clinicDate(l.from)} {clinicTime(l.from)} – {clinicDate(l.to)} {clinicTime(l.to)} · {t.status[l.status]}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title={t.fileSections.training}>
        {v.training.length === 0 ? none : (
          <ul className="text-sm" data-testid="file-training">
            {v.training.map((x) => (
              <li key={x.date + x.topic}>{t.fileTraining(x.date, x.topic, x.score, x.passed)}</li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title={t.fileSections.meetings}>
        {v.meetings.length === 0 ? none : (
          <ul className="text-sm" data-testid="file-meetings">
            {v.meetings.map((m) => (
              <li key={m.date + m.kind}>{t.fileMeeting(m.date, t.meetingKind[m.kind] ?? m.kind, m.attended, m.actions.map((a) => a.what).join(t.listSep))}</li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title={t.fileSections.away}>
        {v.away.length === 0 ? none : (
          <ul className="text-sm" data-testid="file-away">
            {v.away.map((a) => (
              <li key={a.from}>{t.fileAway(clinicDate(a.from), clinicTime(a.from), clinicTime(a.to), a.minutes, a.reason)}</li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
