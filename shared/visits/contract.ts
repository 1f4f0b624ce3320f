import { z } from 'zod';
import { op } from '../op';
import {
  boardInput,
  boardRow,
  callInput,
  displaySettingsInput,
  displaySettingsView,
  cancelVisitInput,
  reopenVisitInput,
  dayView,
  dayViewInput,
  handOffInput,
  handoverAckInput,
  handoverListInput,
  handoverView,
  handoverWriteInput,
  setOutcomeInput,
  setStatusInput,
  visitEventView,
  visitEventsInput,
} from './schemas';

/** The visit after check-in: statuses, escort and hand-off, outcome, shift handover, the day view. */
export const visitsContract = {
  'visits.board': op('operator', boardInput, z.array(boardRow), { dependsOn: ['visit', 'visit-event', 'staff'] }),
  'visits.setStatus': op('operator', setStatusInput, boardRow),
  'visits.handOff': op('operator', handOffInput, boardRow),
  'visits.setOutcome': op('operator', setOutcomeInput, boardRow),
  'visits.events': op('operator', visitEventsInput, z.array(visitEventView), { dependsOn: ['visit-event'] }),
  'visits.dayView': op('admin', dayViewInput, dayView, { dependsOn: ['visit', 'visit-event', 'customer'] }),
  'handover.write': op('operator', handoverWriteInput, handoverView),
  'handover.ack': op('operator', handoverAckInput, handoverView),
  'handover.list': op('operator', handoverListInput, z.array(handoverView), { dependsOn: ['handover', 'handover-ack', 'staff'] }),
  'visits.cancel': op('admin', cancelVisitInput, boardRow),
  /** 叫号: calls a waiting visitor to her department on the waiting-room display (a visit-event of kind call). */
  'visits.call': op('operator', callInput, boardRow),
  'visits.displaySettings': op('operator', z.strictObject({}), displaySettingsView, { dependsOn: ['display-settings'] }),
  'visits.setDisplaySettings': op('admin', displaySettingsInput, displaySettingsView),
  /** A lead's correction of a 离院 (issue 21): a visit-event of kind reopen; the 离院 stays in the history. */
  'visits.reopen': op('admin', reopenVisitInput, boardRow),
} as const;
