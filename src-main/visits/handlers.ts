import type { visitsContract } from '../../shared/visits/contract';
import type { Handlers } from '../api/types';

export const visitsHandlers: Pick<Handlers, keyof typeof visitsContract> = {};
