import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { FiguresView, FollowupGroupKind, FollowupRecordGroup, HoFollowupFigure } from '../../shared/followup/schemas';
import { ratingLevels } from '../../shared/followup/rules';
import { clinicDate } from '../../shared/time';
import { DateField } from '../ui/DateField';
import { Banner, Button, Field, Panel, Select } from '../ui/ui';
import { Failed, Tile } from '../headoffice/figures';
import { RecordTable } from '../headoffice/RecordTable';
import { followupText } from './i18n';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** What the records beside the figures list: one figure, of every task or of one group's row. */
interface Open {
  title: string;
  figure: HoFollowupFigure;
  group: FollowupRecordGroup;
}

/**
 * 回访 → 统计 (the CS director's figures, `followup.figures`): the week's (Saturday to Friday) or the
 * month's satisfaction against the 90 % target (seed 001), the success rate, reached of due and
 * overdue; then satisfaction per department, consultant and doctor, the answers per question and the
 * comments. Every figure opens the tasks it counts beside it (`followup.records`); Esc or 关闭 closes them.
 */
export function FiguresPanel() {
  const t = useText(followupText);
  const [span, setSpan] = useState<'week' | 'month'>('week');
  const [day, setDay] = useState(clinicDate(new Date()));
  const q = useQuery('followup.figures', { date: day, period: span });
  const [open, setOpen] = useState<Open | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const f = q.data;
  const drill = (figure: HoFollowupFigure, n: number, group: FollowupRecordGroup = null, label = t.figAll) =>
    n > 0
      ? () => {
          flushSync(() => setOpen({ title: `${label} · ${t.hoFigure[figure]}`, figure, group }));
          heading.current?.focus();
        }
      : undefined;
  return (
    <div className="flex h-full min-h-0 gap-4">
      <Panel className="min-w-0 flex-1" title={f ? t.reportTitleOf(span, f.from, f.to, clinicDate(new Date())) : t.figTitle}>
        <div className="mb-3 flex flex-wrap items-end gap-3">
          <Field label={t.reportSpan} className="w-36">
            {(id) => (
              <Select id={id} value={span} onChange={(e) => setSpan(e.target.value as 'week' | 'month')} data-testid="figures-span">
                <option value="week">{t.reportWeek}</option>
                <option value="month">{t.reportMonth}</option>
              </Select>
            )}
          </Field>
          <Field label={t.figDay} className="w-44">
            {(id) => <DateField id={id} value={day} onChange={(e) => /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && setDay(e.target.value)} data-testid="figures-day" />}
          </Field>
          <p className="pb-2 text-sm text-slate-500">{t.hoNoDrill}</p>
        </div>
        <Failed error={q.error} />
        {f && (
          <>
            <div className="grid grid-cols-4 gap-3">
              <Tile label={`${t.reportSatisfaction}${f.total.met === null ? '' : ` · ${f.total.met ? t.met : t.missed}`}`} value={pct(f.total.share)} testId="figures-satisfaction" tone={f.total.met === false ? 'alert' : 'plain'} onOpen={drill('answered', f.total.answers)} />
              <Tile label={t.reportSuccess} value={pct(f.successRate)} testId="figures-success" onOpen={drill('due', f.due)} />
              <Tile label={t.hoReachedOfDue} value={`${f.reached} / ${f.due}`} testId="figures-reached" onOpen={drill('reached', f.reached)} />
              <Tile label={t.overdue} value={String(f.overdue)} testId="figures-overdue" tone={f.overdue ? 'alert' : 'plain'} onOpen={drill('overdue', f.overdue)} />
            </div>
            {f.due === 0 && f.total.answers === 0 && (
              <div className="mt-3">
                <Banner tone="info">{t.figNone}</Banner>
              </div>
            )}
            {/* Side by side; stacked while the records take the right of the screen (1366 px in English). */}
            <div className={`mt-3 grid gap-3 ${open ? 'grid-cols-1' : 'grid-cols-3'}`}>
              <Groups f={f} kind="department" label={t.reportByDepartment} drill={drill} />
              <Groups f={f} kind="consultant" label={t.reportByConsultant} drill={drill} />
              <Groups f={f} kind="doctor" label={t.reportByDoctor} drill={drill} />
            </div>
            <Questions f={f} />
            {f.comments.length > 0 && (
              <>
                <h3 className="mt-3 font-bold">{t.reportComments}</h3>
                <ul className="mt-1 space-y-0.5 text-sm" aria-label={t.reportComments}>
                  {f.comments.map((x) => (
                    <li key={`${x.taskId}:${x.at}`}>{t.figComment(x.customerName, x.feedback ? t.feedbackClass[x.feedback] : null, x.comments)}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Panel>
      {open && f && <FigureRecords open={open} date={day} span={span} from={f.from} to={f.to} headingRef={heading} onClose={() => setOpen(null)} />}
    </div>
  );
}

const groupField = { department: 'byDepartment', consultant: 'byConsultant', doctor: 'byDoctor' } as const satisfies Record<FollowupGroupKind, keyof FiguresView>;

/** One group's satisfaction table: 答题数 and 满意度 open the surveys of that row. */
function Groups({ f, kind, label, drill }: { f: FiguresView; kind: FollowupGroupKind; label: string; drill(figure: HoFollowupFigure, n: number, group: FollowupRecordGroup, label: string): (() => void) | undefined }) {
  const t = useText(followupText);
  const rows = f[groupField[kind]];
  return (
    <table className="w-full self-start text-sm" aria-label={label} data-testid={`figures-${kind}`}>
      <thead>
        <tr className="text-left text-slate-500">
          <th className="py-1 font-medium">{label}</th>
          <th className="py-1 pl-2 text-right font-medium">{t.reportAnswers}</th>
          <th className="py-1 pl-2 text-right font-medium">{t.reportSatisfaction}</th>
          <th className="py-1 pl-2 text-right font-medium">{t.reportTargetShort}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => {
          const name = g.name || t.reportUnnamed;
          const openIt = drill('answered', g.answers, { kind, key: g.key }, name);
          const link = (v: string | number, i: number) =>
            openIt ? (
              <button type="button" className="rounded px-1 text-teal-800 underline-offset-2 hover:underline focus:ring-2 focus:ring-teal-600 focus:outline-none" onClick={openIt} data-testid={`figures-${kind}-${g.key || 'none'}-${i}`}>
                {v}
              </button>
            ) : (
              v
            );
          return (
            <tr key={g.key} className="border-t border-slate-100">
              <td className="py-1">{name}</td>
              <td className="py-1 pl-2 text-right tabular-nums">{link(g.answers, 0)}</td>
              <td className="py-1 pl-2 text-right tabular-nums">{link(pct(g.share), 1)}</td>
              <td className={`py-1 pl-2 text-right whitespace-nowrap ${g.met === false ? 'text-rose-700' : ''}`}>{g.met === null ? '—' : g.met ? t.met : t.missed}</td>
            </tr>
          );
        })}
        {rows.length === 0 && (
          <tr className="border-t border-slate-100">
            <td colSpan={4} className="py-1 text-slate-500">
              {t.reportNoAnswers}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The answers per question (seed 003's four), by level. */
function Questions({ f }: { f: FiguresView }) {
  const t = useText(followupText);
  const key = { verySatisfied: 'verySatisfied', satisfied: 'satisfied', fair: 'fair', poor: 'poor' } as const;
  return (
    <table className="mt-3 w-full max-w-xl text-sm" aria-label={t.figQuestions} data-testid="figures-questions">
      <thead>
        <tr className="text-left text-slate-500">
          <th className="py-1 font-medium">{t.figQuestions}</th>
          {ratingLevels.map((l) => (
            <th key={l} className="py-1 text-right font-medium">
              {t.level[l]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {f.byQuestion.map((r) => (
          <tr key={r.question} className="border-t border-slate-100">
            <td className="py-1">{t.question[r.question as keyof typeof t.question]}</td>
            {ratingLevels.map((l) => (
              <td key={l} className="py-1 text-right tabular-nums">
                {r[key[l]]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const cell = 'py-1 pr-2 align-top';

/** The tasks one figure counts, beside the figures (`followup.records`); Esc or 关闭 closes it. */
function FigureRecords({ open, date, span, from, to, headingRef, onClose }: { open: Open; date: string; span: 'week' | 'month'; from: string; to: string; headingRef: React.RefObject<HTMLHeadingElement | null>; onClose(): void }) {
  const t = useText(followupText);
  const q = useQuery('followup.records', { date, period: span, figure: open.figure, group: open.group });
  return (
    <aside
      className="flex w-[34rem] shrink-0 flex-col rounded-xl bg-white shadow-lg ring-1 ring-slate-300"
      aria-label={t.figRecords}
      data-testid="figures-records"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-bold outline-none">
          {open.title}
        </h2>
        <Button variant="ghost" onClick={onClose}>
          {t.figClose}
        </Button>
      </header>
      <p className="px-4 pt-2 text-sm text-slate-500">{t.hoRange(from, to)}</p>
      <RecordTable
        error={q.error}
        count={q.data?.length}
        head={[t.recDue, t.recCustomer, t.recPlan, t.figServed, t.recState]}
        rows={q.data?.map((r) => (
          <tr key={r.id} className={`border-t border-slate-100 ${r.overdue ? 'bg-rose-50' : ''}`} data-testid="figures-record">
            <td className={`${cell} tabular-nums whitespace-nowrap`}>{r.dueDate}</td>
            <td className={`${cell} whitespace-nowrap`}>{r.customerName}</td>
            <td className={cell}>{t.plan[r.planId]}</td>
            <td className={cell}>{[r.departmentName, r.consultantName, r.doctorName].filter(Boolean).join(' · ') || '—'}</td>
            <td className={cell}>
              {t.taskState[r.state]}
              {r.overdue && <span className="ml-1 rounded bg-rose-100 px-1 text-xs text-rose-800">{t.overdue}</span>}
              {r.satisfied !== null && (
                <span className="block text-xs text-slate-500">
                  {t.recSatisfied(r.satisfied)}
                  {r.feedback ? ` · ${t.feedbackClass[r.feedback]}` : ''}
                </span>
              )}
            </td>
          </tr>
        ))}
      />
    </aside>
  );
}
