import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { ApiError } from '../../shared/errors';
import { useNow, useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText, labelled } from '../i18n/common';
import { clinicTime } from '../../shared/time';
import { adminRoles } from '../../shared/reference/schemas';
import { useShell } from '../shell/store';
import { Banner, Button, Panel } from '../ui/ui';
import { ServePanel } from './ServePanel';
import { PartyEditor } from './PartyEditor';
import { TeaFigures, TeaSettings } from './TeaSide';
import { teaText } from './i18n';

/**
 * 奉茶: a task per visitor in the clinic (new: seat, then serve; returning: ask first), parties
 * together in the order the guide set, refills due at the clinic's interval. Arrows move, Enter
 * serves (or refills), Space marks party members; focus comes back to the row after each step.
 */
export function TeaScreen() {
  const t = useText(teaText);
  const c = useText(commonText);
  const tasks = useQuery('tea.tasks', {});
  const template = useQuery('tea.template', {});
  const isLead = useShell((s) => (s.status?.operator ? adminRoles.includes(s.status.operator.role) : false));
  const now = useNow();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [marked, setMarked] = useState<string[]>([]);
  const [partyOpen, setPartyOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLLIElement>());
  const list = tasks.data ?? [];
  const current = list.find((x) => x.visitId === activeId) ?? list[0];

  const focusRow = (id: string | undefined) => {
    if (!id) return;
    flushSync(() => setActiveId(id));
    refs.current.get(id)?.focus();
  };
  const done = (id: string, text: string) => {
    setMessage(text);
    setError(null);
    flushSync(() => setOpenId(null));
    focusRow(id);
  };
  const refill = (id: string, name: string) =>
    api['tea.refill']({ visitId: id, drink: '' })
      .then(() => done(id, t.savedRefill(name)))
      .catch((e: unknown) => setError(e instanceof ApiError ? (c.error[e.code] ?? e.message) : c.error.internal));
  const open = (id: string) => {
    flushSync(() => {
      setActiveId(id);
      setOpenId(id);
    });
    refs.current.get(id)?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  };

  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel
        className="col-span-3"
        title={t.tasks}
        actions={
          marked.length >= 2 && !partyOpen ? (
            <Button variant="secondary" className="py-1 text-sm" onClick={() => setPartyOpen(true)}>
              {t.makeParty(marked.length)}
            </Button>
          ) : undefined
        }
      >
        {message && (
          <p role="status" className="mb-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900">
            {message}
          </p>
        )}
        {(error ?? tasks.error) && <Banner tone="error">{error ?? (tasks.error && (c.error[tasks.error.code] ?? tasks.error.message))}</Banner>}
        {partyOpen && (
          <PartyEditor
            members={list.filter((x) => marked.includes(x.visitId))}
            onClose={() => setPartyOpen(false)}
            onDone={(text) => {
              setPartyOpen(false);
              setMarked([]);
              setMessage(text);
              focusRow(current?.visitId);
            }}
          />
        )}
        {list.length === 0 && tasks.data && <p className="py-10 text-center text-slate-500">{t.empty}</p>}
        {list.length > 0 && <p className="mb-2 text-xs text-slate-500">{t.listHint}</p>}
        <ol
          className="space-y-2"
          aria-label={t.tasks}
          onKeyDown={(e) => {
            if (openId || !current || e.target !== refs.current.get(current.visitId)) return;
            const i = list.findIndex((x) => x.visitId === current.visitId);
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              focusRow(list[Math.max(0, Math.min(list.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.visitId);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              if (current.state === 'served') void refill(current.visitId, current.customerName);
              else open(current.visitId);
            } else if (e.key === ' ') {
              e.preventDefault();
              setMarked((m) => (m.includes(current.visitId) ? m.filter((x) => x !== current.visitId) : [...m, current.visitId]));
            }
          }}
        >
          {list.map((task) => {
            const due = task.refillDueAt !== null && new Date(task.refillDueAt).getTime() <= now.getTime();
            const look = task.state === 'pending' ? 'bg-amber-50 ring-amber-300' : due ? 'bg-orange-50 ring-orange-400' : 'bg-white ring-slate-200';
            const partyIndex = task.party ? task.party.indexOf(task.visitId) + 1 : 0;
            return (
              <li
                key={task.visitId}
                ref={(el) => {
                  if (el) refs.current.set(task.visitId, el);
                  else refs.current.delete(task.visitId);
                }}
                tabIndex={task.visitId === current?.visitId ? 0 : -1}
                aria-label={task.customerName}
                aria-selected={marked.includes(task.visitId)}
                onFocus={() => task.visitId !== activeId && setActiveId(task.visitId)}
                className={`rounded-lg p-3 ring-1 outline-none focus-visible:ring-3 focus-visible:ring-teal-600 ${look} ${marked.includes(task.visitId) ? 'outline-2 outline-violet-500' : ''}`}
                data-testid="tea-task"
                data-state={task.state}
              >
                <div className="flex flex-wrap items-baseline gap-2">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    aria-label={labelled(t.partyTitle, task.customerName)}
                    checked={marked.includes(task.visitId)}
                    onChange={() => setMarked((m) => (m.includes(task.visitId) ? m.filter((x) => x !== task.visitId) : [...m, task.visitId]))}
                  />
                  <span className="text-xl font-bold">{task.customerName}</span>
                  <span className={`rounded px-1.5 text-sm font-bold ${task.firstVisit ? 'bg-sky-100 text-sky-900' : 'bg-violet-100 text-violet-900'}`}>{task.firstVisit ? t.first : t.returning}</span>
                  {task.tier && <span className="rounded bg-amber-100 px-1.5 text-sm">{t.tier(task.tier)}</span>}
                  {task.party && (
                    <span className="rounded bg-violet-200 px-1.5 text-sm font-bold text-violet-950" data-testid="party-badge">
                      {t.party(task.party.length)} · {t.partyOrder(partyIndex)}
                    </span>
                  )}
                  <span className="text-slate-600">{task.departmentName}</span>
                  <span className="ml-auto text-sm font-medium">
                    {task.state === 'pending' && <span className="text-amber-900">{task.ask === 'askFirst' ? t.askFirst : t.serveAfterSeating}</span>}
                    {task.state === 'declined' && <span className="text-slate-500">{t.declined}</span>}
                    {task.state === 'served' && task.firstCupAt && (
                      <span className={due ? 'font-bold text-orange-800' : 'text-emerald-800'}>
                        {t.served(clinicTime(task.firstCupAt))} · {t.refills(task.refills)} · {!task.waiting ? t.handedOn : due ? t.refillDue : task.refillDueAt ? t.refillAt(clinicTime(task.refillDueAt)) : ''}
                      </span>
                    )}
                  </span>
                  {task.state === 'served' && (
                    <Button variant={due ? 'primary' : 'secondary'} className="py-1 text-sm" tabIndex={-1} onClick={() => void refill(task.visitId, task.customerName)}>
                      {t.refill}
                    </Button>
                  )}
                  {task.state !== 'served' && (
                    <Button variant="primary" className="py-1 text-sm" tabIndex={-1} onClick={() => open(task.visitId)}>
                      {t.openServe}
                    </Button>
                  )}
                </div>
                {openId === task.visitId && template.data && (
                  <ServePanel
                    task={task}
                    template={template.data}
                    party={(task.party ?? []).flatMap((id) => list.filter((x) => x.visitId === id && x.state !== 'served'))}
                    onDone={(text, wholeParty) => {
                      if (wholeParty) return done(task.visitId, text);
                      // A party is served from one panel: it moves on to the next member still waiting for her cup, in the kept order.
                      const order = task.party ?? [];
                      const at = order.indexOf(task.visitId);
                      const next = [...order.slice(at + 1), ...order.slice(0, Math.max(at, 0))].map((id) => list.find((x) => x.visitId === id)).find((x) => x && x.state === 'pending');
                      if (next) {
                        setMessage(`${text} · ${t.partyNext(next.customerName)}`);
                        setError(null);
                        open(next.visitId);
                      } else done(task.visitId, text);
                    }}
                    onClose={() => {
                      flushSync(() => setOpenId(null));
                      focusRow(task.visitId);
                    }}
                  />
                )}
              </li>
            );
          })}
        </ol>
      </Panel>
      <div className="col-span-2 flex min-h-0 flex-col gap-4 overflow-auto">
        <TeaFigures />
        {isLead && template.data && <TeaSettings template={template.data} />}
      </div>
    </div>
  );
}
