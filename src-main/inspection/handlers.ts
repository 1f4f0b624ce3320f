import type { inspectionContract } from '../../shared/inspection/contract';
import type { Handlers } from '../api/types';

export const inspectionHandlers: Pick<Handlers, keyof typeof inspectionContract> = {};
