import type { appointmentsContract } from '../../shared/appointments/contract';
import type { Handlers } from '../api/types';

export const appointmentsHandlers: Pick<Handlers, keyof typeof appointmentsContract> = {};
