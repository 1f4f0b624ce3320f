import { z } from 'zod';
import { empty, ok, op } from '../op';
import { appStatus, clinicUpdateInput, clinicView, goLiveInput, goLiveView, joinInput, setupInput, signInInput, signInOutput, staffAddInput, staffUpdateInput, staffView } from './schemas';

/** The clinic, its roster, who is at the desk. */
export const referenceContract = {
  'app.status': op('none', empty, appStatus),
  'clinic.setup': op('none', setupInput, appStatus),
  'clinic.join': op('none', joinInput, appStatus),
  'clinic.cancelJoin': op('none', empty, appStatus),
  'clinic.update': op('admin', clinicUpdateInput, clinicView),
  'clinic.goLive': op('operator', empty, goLiveView, { dependsOn: ['clinic'] }),
  'clinic.setGoLive': op('admin', goLiveInput, goLiveView),
  'staff.list': op('none', z.strictObject({ includeInactive: z.boolean().default(false) }), z.array(staffView), { dependsOn: ['staff'] }),
  'staff.add': op('admin', staffAddInput, staffView),
  'staff.update': op('admin', staffUpdateInput, staffView),
  'operator.signIn': op('none', signInInput, signInOutput),
  'operator.signOut': op('none', empty, ok),
} as const;
