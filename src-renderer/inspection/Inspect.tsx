import { useRef, useState } from 'react';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import type { InspectionView } from '../../shared/inspection/schemas';
import { inspectionText } from './i18n';
import { Camera } from './Camera';
import { InspectFooter, InspectItems } from './InspectItems';
import { InspectStaff } from './InspectStaff';
import { useInspect } from './useInspect';

/**
 * Doing an inspection: staff one by one, every item pre-set to pass so the inspector only marks
 * what is wrong; keys 1/2/3 mark the focused item, Enter saves and moves to the next person.
 * The state and keys are useInspect's; the columns are InspectStaff and InspectItems.
 */
export function Inspect({ view }: { view: InspectionView }) {
  const t = useText(inspectionText);
  const c = useText(commonText);
  const rootRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const staffRef = useRef<HTMLOListElement>(null);
  const s = useInspect(view, { root: rootRef, file: fileRef, list: listRef, staff: staffRef });
  const refocus = () => rootRef.current?.focus();
  const [camera, setCamera] = useState(false);
  const { person, count } = s;

  return (
    <div ref={rootRef} tabIndex={-1} onKeyDown={s.onKey} className="grid h-full grid-cols-[16rem_1fr] gap-4 outline-none" data-testid="inspect">
      <InspectStaff s={s} staffRef={staffRef} />
      <section className="flex min-h-0 flex-col rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        {!person && <p className="p-10 text-center text-slate-500">{t.nobody}</p>}
        {person && (
          <>
            <header className="flex items-center gap-3 border-b border-slate-200 px-5 py-3">
              <h2 className="text-2xl font-bold" data-testid="person">
                {person.name}
              </h2>
              <span className="text-slate-500">
                {person.sex === 'F' ? c.female : c.male}
                {person.staffNumber && ` · ${person.staffNumber}`}
              </span>
              <span className="ml-auto flex gap-3 text-lg font-bold tabular-nums" data-testid="tally">
                <span className="text-emerald-700">
                  {t.pass} {count.pass}
                </span>
                <span className="text-rose-700">
                  {t.fail} {count.fail}
                </span>
                <span className="text-slate-500">
                  {t.na} {count.na}
                </span>
              </span>
            </header>
            {s.draft.restored && s.dirty && <p className="bg-sky-50 px-5 py-1 text-sm text-sky-900">{t.restored}</p>}
            <InspectItems s={s} listRef={listRef} onEscape={refocus} />
            <InspectFooter s={s} fileRef={fileRef} onCamera={() => setCamera(true)} />
          </>
        )}
      </section>
      {camera && (
        <Camera
          onClose={() => {
            setCamera(false);
            refocus();
          }}
          onShot={(file) => {
            setCamera(false);
            void s.addPhoto(file);
          }}
        />
      )}
    </div>
  );
}
