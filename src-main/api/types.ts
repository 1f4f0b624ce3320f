import type { z } from 'zod';
import type { Contract, OperationName, Output } from '../../shared/contract';
import type { HandlerContext, OperatorContext } from './context';

type Ctx<K extends OperationName> = Contract[K]['auth'] extends 'none' ? HandlerContext : OperatorContext;

/** A handler gets the parsed input (defaults applied) and returns the contract's output. */
export type Handler<K extends OperationName> = (ctx: Ctx<K>, input: z.output<Contract[K]['input']>) => Promise<Output<K>>;

export type Handlers = { [K in OperationName]: Handler<K> };
