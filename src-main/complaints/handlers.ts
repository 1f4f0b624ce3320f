import type { complaintContract } from '../../shared/complaints/contract';
import type { Handlers } from '../api/types';

export const complaintHandlers: Pick<Handlers, keyof typeof complaintContract> = {};
