import { useText } from '../i18n/i18n';
import { Panel } from '../ui/ui';
import { CheckInForm } from './CheckInForm';
import { WaitingList } from './WaitingList';
import { deskText } from './i18n';

/** 导医台: check-in and triage on the left, today's waiting list on the right. */
export function DeskScreen() {
  const t = useText(deskText);
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel title={t.checkIn} className="col-span-3">
        <CheckInForm />
      </Panel>
      <WaitingList />
    </div>
  );
}
