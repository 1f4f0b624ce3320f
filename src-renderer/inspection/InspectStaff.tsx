import { useState, type RefObject } from 'react';
import { api } from '../api/client';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { useShell } from '../shell/store';
import { Button, TextInput } from '../ui/ui';
import { inspectionText } from './i18n';
import { useInspectionUi } from './store';
import type { InspectState } from './useInspect';

/** The inspection's left column: what it is, how far it is, the staff one by one, and signing off or setting it aside. */
export function InspectStaff({ s, staffRef }: { s: InspectState; staffRef: RefObject<HTMLOListElement | null> }) {
  const t = useText(inspectionText);
  const c = useText(commonText);
  const { view, saved, staffId } = s;
  return (
    <section className="flex min-h-0 flex-col rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <header className="border-b border-slate-200 px-4 py-3">
        <p className="font-bold">
          {t.kind[view.kind]} · {view.date}
        </p>
        <p className="text-sm text-slate-500">
          {view.templateName} · {t.version(view.templateVersion)}
        </p>
        <p className="mt-1 text-lg font-bold text-teal-800" data-testid="progress">
          {t.progress(view.results.length, view.staff.length)}
        </p>
        <p className="text-sm text-rose-700">{t.failCount(s.failsSaved)}</p>
      </header>
      <ol ref={staffRef} aria-label={t.staffList} className="min-h-0 flex-1 overflow-auto p-2">
        {view.staff.map((p) => {
          const r = saved.get(p.id);
          const fails = r?.marks.filter((m) => m.mark === 'fail').length ?? 0;
          return (
            <li key={p.id}>
              <button
                type="button"
                aria-current={p.id === staffId ? 'true' : undefined}
                onClick={() => s.goTo(p.id)}
                className={`flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left ${p.id === staffId ? 'bg-teal-700 text-white' : 'hover:bg-slate-100'}`}
              >
                <span className="font-medium">{p.name}</span>
                <span className="text-xs opacity-70">{p.sex === 'F' ? c.female : c.male}</span>
                <span className={`ml-auto text-xs font-bold ${p.id === staffId ? '' : r ? (fails ? 'text-rose-700' : 'text-emerald-700') : 'opacity-60'}`}>{r ? (fails ? t.failCount(fails) : '✓') : t.notYet}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <div className="border-t border-slate-200 p-3">
        <SignOrDiscard s={s} />
      </div>
    </section>
  );
}

/** 签字完成 and 作废, each asked once more before it is done. */
function SignOrDiscard({ s }: { s: InspectState }) {
  const t = useText(inspectionText);
  const c = useText(commonText);
  const operator = useShell((st) => st.status?.operator);
  const open = useInspectionUi((st) => st.open);
  const [signing, setSigning] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [discardReason, setDiscardReason] = useState('');
  const { view } = s;

  if (signing)
    return (
      <div className="space-y-2">
        <p className="text-sm">{t.signConfirm(operator?.name ?? '')}</p>
        <div className="flex gap-2">
          <Button
            variant="danger"
            onClick={async () => {
              try {
                await api['inspection.signOff']({ inspectionId: view.id });
                s.draft.clear();
              } catch (err) {
                s.fail(err);
                setSigning(false);
              }
            }}
          >
            {t.confirmSign}
          </Button>
          <Button variant="ghost" onClick={() => setSigning(false)}>
            {c.cancel}
          </Button>
        </div>
      </div>
    );
  if (discarding)
    return (
      <div className="space-y-2">
        <TextInput aria-label={t.discardReason} placeholder={t.discardReason} value={discardReason} onChange={(e) => setDiscardReason(e.target.value)} />
        <div className="flex gap-2">
          <Button
            variant="danger"
            onClick={async () => {
              try {
                await api['inspection.discard']({ inspectionId: view.id, reason: discardReason });
                s.draft.clear();
                open(null);
              } catch (err) {
                s.fail(err);
              }
            }}
          >
            {t.confirmDiscard}
          </Button>
          <Button variant="ghost" onClick={() => setDiscarding(false)}>
            {c.cancel}
          </Button>
        </div>
      </div>
    );
  return (
    <div className="flex gap-2">
      <Button variant="ghost" onClick={() => open(null)}>
        {t.back}
      </Button>
      {/* Nobody signs or sets aside an inspection that inspected them. */}
      {!view.results.some((r) => r.staffId === operator?.id) && (
        <>
          <Button variant="ghost" className="text-rose-700" onClick={() => setDiscarding(true)}>
            {t.discard}
          </Button>
          <Button className="flex-1" disabled={!view.results.length} onClick={() => setSigning(true)}>
            {t.signOff}
          </Button>
        </>
      )}
    </div>
  );
}
