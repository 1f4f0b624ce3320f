import type { referenceContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const referenceNames = {
  'app.status': true,
  'clinic.setup': true,
  'clinic.join': true,
  'clinic.cancelJoin': true,
  'clinic.update': true,
  'clinic.goLive': true,
  'clinic.setGoLive': true,
  'staff.list': true,
  'staff.add': true,
  'staff.update': true,
  'operator.signIn': true,
  'operator.signOut': true,
} satisfies Record<keyof typeof referenceContract, true>;
