import type { z } from 'zod';
import { referenceContract } from './reference/contract';
import { deskContract } from './desk/contract';
import { appointmentsContract } from './appointments/contract';
import { visitsContract } from './visits/contract';
import { teaContract } from './tea/contract';
import { inspectionContract } from './inspection/contract';
import { complaintContract } from './complaints/contract';
import { syncContract } from './sync/contract';
import { headOfficeContract } from './headoffice/contract';
import { followupContract } from './followup/contract';
import { enquiriesContract } from './enquiries/contract';
import { fleetContract } from './fleet/contract';
import { staffContract } from './staff/contract';
import { customersContract } from './customers/contract';

export type { Auth } from './op';

/**
 * The one API the renderer has: every operation the UI can ask of the main process, with the
 * schema of its input and output. The main process parses every input with it (src-main/api);
 * the renderer reuses the same schemas for its forms. Both transports (Electron IPC and the
 * browser host) serve exactly this map. Each domain keeps its part in `shared/<domain>/contract.ts`.
 */
export const contract = {
  ...referenceContract,
  ...deskContract,
  ...appointmentsContract,
  ...visitsContract,
  ...teaContract,
  ...inspectionContract,
  ...complaintContract,
  ...syncContract,
  ...headOfficeContract,
  ...followupContract,
  ...enquiriesContract,
  ...fleetContract,
  ...staffContract,
  ...customersContract,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type Input<K extends OperationName> = z.input<Contract[K]['input']>;
export type Output<K extends OperationName> = z.output<Contract[K]['output']>;

/** The typed client both the renderer and the tests use. */
export type Api = { [K in OperationName]: (input: Input<K>) => Promise<Output<K>> };

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
