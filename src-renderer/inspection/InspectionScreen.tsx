import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { showDate } from '../ui/dateText';
import { commonText, labelled } from '../i18n/common';
import { kindRoles, kindsFor, roleNamesOf, type InspectionKind } from '../../shared/inspection/rules';
import { clinicDate, clinicTime } from '../../shared/time';
import { useShell } from '../shell/store';
import { Banner, Button, Choice, Field, Panel, Select, TabList } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { inspectionText } from './i18n';
import { Inspect } from './Inspect';
import { MonthView } from './MonthView';
import { Review } from './Review';
import { SetupView } from './SetupView';
import { useInspectionUi, type InspectionTab } from './store';

/** 仪容检查: start or continue an inspection, the month's summary, checklists and settings. */
export function InspectionScreen() {
  const t = useText(inspectionText);
  const { tab, setTab, openId } = useInspectionUi();
  const tabs: { key: InspectionTab; label: string }[] = [
    { key: 'inspect', label: t.tabInspect },
    { key: 'month', label: t.tabMonth },
    { key: 'setup', label: t.tabSetup },
  ];
  return (
    <div className="flex h-full flex-col gap-3">
      <TabList label={t.title} value={tab} onChange={setTab} tabs={tabs.map((x) => ({ value: x.key, label: x.label }))} />
      <div role="tabpanel" className="min-h-0 flex-1">
        {tab === 'inspect' && (openId ? <Opened id={openId} /> : <Home />)}
        {tab === 'month' && <MonthView />}
        {tab === 'setup' && <SetupView />}
      </div>
    </div>
  );
}

function Opened({ id }: { id: string }) {
  const c = useText(commonText);
  const t = useText(inspectionText);
  const view = useQuery('inspection.get', { inspectionId: id });
  const open = useInspectionUi((s) => s.open);
  const operator = useShell((s) => s.status?.operator);
  if (view.error) {
    return (
      <div className="space-y-2">
        <Banner tone="error">{c.error[view.error.code] ?? view.error.message}</Banner>
        <Button variant="secondary" onClick={() => open(null)}>
          {c.cancel}
        </Button>
      </div>
    );
  }
  if (!view.data) return <p className="text-slate-500">{c.loading}</p>;
  const may = operator ? kindRoles[view.data.kind].includes(operator.role) : false;
  if (view.data.discardedAt) {
    return (
      <div className="space-y-2">
        <Banner tone="info">{labelled(t.discarded, view.data.discardReason ?? '')}</Banner>
        <Button variant="secondary" onClick={() => open(null)}>
          {t.back}
        </Button>
      </div>
    );
  }
  if (view.data.signedAt) return <Review view={view.data} />;
  // An open inspection of a kind this role does not run: readable, nothing to mark, sign or set aside.
  if (!may) {
    return (
      <div className="space-y-2">
        <Banner tone="info">{t.notYours(t.kind[view.data.kind], roleNamesOf(kindRoles[view.data.kind]))}</Banner>
        <Button variant="secondary" onClick={() => open(null)}>
          {t.back}
        </Button>
      </div>
    );
  }
  return <Inspect key={view.data.id} view={view.data} />;
}

function StatusCard({ label, value, tone }: { label: string; value: string; tone: 'good' | 'warn' | 'bad' | 'plain' }) {
  const look = { good: 'bg-emerald-50 text-emerald-900 ring-emerald-300', warn: 'bg-amber-50 text-amber-900 ring-amber-300', bad: 'bg-rose-50 text-rose-900 ring-rose-300', plain: 'bg-slate-50 text-slate-700 ring-slate-300' }[tone];
  return (
    <div className={`rounded-xl px-5 py-3 ring-1 ${look}`} data-testid="status-card">
      <p className="text-sm">{label}</p>
      <p className="text-2xl font-bold">{value}</p>
    </div>
  );
}

function Home() {
  const t = useText(inspectionText);
  const locale = useLocale((s) => s.locale);
  const c = useText(commonText);
  const clinic = useShell((s) => s.status?.clinic);
  const role = useShell((s) => s.status?.operator?.role);
  const open = useInspectionUi((s) => s.open);
  // Only the kinds this role runs and signs (shared/inspection/rules.ts kindRoles).
  const allowed = role ? kindsFor(role) : [];
  const status = useQuery('inspection.status', {});
  const templates = useQuery('inspection.templates', {});
  const month = clinicDate(new Date()).slice(0, 7);
  const list = useQuery('inspection.list', { month });
  const [chosen, setKind] = useState<InspectionKind | null>(null);
  const kind = chosen && allowed.includes(chosen) ? chosen : (allowed[0] ?? 'weekly');
  const [scope, setScope] = useState('');
  const [templateKey, setTemplateKey] = useState('grooming');
  const { errors, general, busy, send } = useSubmit();

  const start = () =>
    send(async () => {
      const v = await api['inspection.start']({ kind, departmentId: scope || null, templateKey });
      open(v.id);
    });

  const s = status.data;
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel title={t.start} className="col-span-3">
        <div className="mb-5 flex gap-3">
          {s && (
            <>
              <StatusCard label={`${t.weekSelf} ${s.week.from.slice(5)}–${s.week.to.slice(5)}`} value={t.weekStatus[s.week.status]!} tone={s.week.status === 'done' ? 'good' : s.week.status === 'notOwed' ? 'plain' : s.week.status === 'due' ? 'warn' : 'bad'} />
              <StatusCard label={`${t.monthVisit} ${s.month.month}`} value={t.visitStatus[s.month.headOfficeVisit]!} tone={s.month.headOfficeVisit === 'done' ? 'good' : s.month.headOfficeVisit === 'notOwed' ? 'plain' : 'warn'} />
              <StatusCard label={`${t.yearRounds} ${s.year.year}`} value={t.visitStatus[s.year.rounds]!} tone={s.year.rounds === 'done' ? 'good' : 'warn'} />
            </>
          )}
        </div>
        {/* The go-live day (上线日期) head office or an admin set, which the cards count from as head office does. */}
        {s && (
          <p className="-mt-3 mb-5 text-sm text-slate-600" data-testid="status-counts-from">
            {t.countsFrom(showDate(s.countsFrom, locale), s.goLive !== null)}
          </p>
        )}
        {allowed.length === 0 ? (
          <Banner tone="info">{t.noKinds}</Banner>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              void start();
            }}
          >
            {general && <Banner tone="error">{general}</Banner>}
            <div>
              <p className="mb-1 text-sm font-medium text-slate-700">{t.kindLabel}</p>
              <Choice name="inspection-kind" label={t.kindLabel} value={kind} onChange={setKind} options={allowed.map((k) => ({ value: k, label: t.kind[k] }))} />
            </div>
            <div className="grid grid-cols-2 gap-3">
              <Field label={t.scope} error={errors.departmentId}>
                {(id) => (
                  <Select id={id} value={scope} onChange={(e) => setScope(e.target.value)}>
                    <option value="">{t.wholeClinic}</option>
                    {clinic?.departments
                      .filter((d) => d.active)
                      .map((d) => (
                        <option key={d.id} value={d.id}>
                          {d.name}
                        </option>
                      ))}
                  </Select>
                )}
              </Field>
              <Field label={t.checklist} error={errors.templateKey}>
                {(id) => (
                  <Select id={id} value={templateKey} onChange={(e) => setTemplateKey(e.target.value)}>
                    {templates.data?.map((x) => (
                      <option key={x.key} value={x.key}>
                        {x.name} · {t.version(x.version)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            <Button type="submit" disabled={busy} className="px-8 py-3 text-lg">
              {t.start}
            </Button>
          </form>
        )}
      </Panel>
      <Panel title={t.thisMonth} className="col-span-2">
        {s && s.unsigned.length > 0 && (
          <>
            <h3 className="mb-2 font-bold text-amber-800">{t.unsigned}</h3>
            <ul className="mb-4 space-y-2">
              {s.unsigned.map((i) => (
                <li key={i.id} className="flex items-center gap-2 rounded-lg bg-amber-50 p-2 ring-1 ring-amber-200">
                  <span className="font-medium">{t.kind[i.kind]}</span>
                  <span className="text-sm text-slate-600">
                    {i.date} · {i.inspectorName}
                  </span>
                  <Button variant="secondary" className="ml-auto px-3 py-1" onClick={() => open(i.id)}>
                    {t.continue}
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
        {list.data?.length === 0 && <p className="text-slate-500">{t.none}</p>}
        <ul className="space-y-2">
          {list.data
            ?.filter((i) => i.signedAt)
            .map((i) => (
              <li key={i.id} className="flex items-center gap-2 rounded-lg p-2 ring-1 ring-slate-200">
                <div>
                  <p className="font-medium">
                    {t.kind[i.kind]} · {i.date}
                  </p>
                  <p className="text-sm text-slate-500">{t.signedBy(i.inspectorName, clinicTime(i.signedAt!))}</p>
                </div>
                <Button variant="ghost" className="ml-auto px-3 py-1" onClick={() => open(i.id)}>
                  {t.open}
                </Button>
              </li>
            ))}
        </ul>
        {list.error && <Banner tone="error">{c.error[list.error.code] ?? list.error.message}</Banner>}
      </Panel>
    </div>
  );
}
