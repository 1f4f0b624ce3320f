import { Panel } from '../ui/ui';
import { DeskTabBar, DeskTabPanel } from './DeskTabs';
import { Reminders } from './Reminders';
import { WaitingList } from './WaitingList';

/** 导医台: reminders on top; check-in, today's appointments, booking, calls and roster on the left; the waiting list on the right. */
export function DeskScreen() {
  return (
    <div className="grid h-full grid-cols-5 grid-rows-[auto_minmax(0,1fr)] gap-4">
      <Reminders />
      <Panel title={<DeskTabBar />} className="col-span-3 row-start-2">
        <DeskTabPanel />
      </Panel>
      <div className="col-span-2 row-start-2 flex min-h-0 flex-col [&>section]:flex-1">
        <WaitingList />
      </div>
    </div>
  );
}
