import type { teaContract } from '../../shared/tea/contract';
import type { Handlers } from '../api/types';

export const teaHandlers: Pick<Handlers, keyof typeof teaContract> = {};
