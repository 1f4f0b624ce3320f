import type { Handlers } from './types';
import { referenceHandlers } from '../reference/handlers';
import { deskHandlers } from '../desk/handlers';
import { syncHandlers } from '../sync/handlers';

/** Every operation of the contract, by domain. A missing one fails the type-check. */
export const handlers: Handlers = { ...referenceHandlers, ...deskHandlers, ...syncHandlers };
