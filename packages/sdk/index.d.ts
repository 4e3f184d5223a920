import type { AgentDefinition, PackManifest, OutputValidator } from './types.js';
export * from './types.js';
/** Declare an agent with full typing; returns its argument unchanged. */
export declare function defineAgent<VM, A extends AgentDefinition<VM> = AgentDefinition<VM>>(agent: A): A;
/** Declare a pack manifest with full typing; returns its argument unchanged. */
export declare function definePack<M extends PackManifest>(manifest: M): M;
/** Declare an output validator with full typing; returns its argument unchanged. */
export declare function defineValidator<V extends OutputValidator>(validator: V): V;
