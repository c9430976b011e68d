// Where a request's session context is kept while the request runs: a WeakMap per audience rather than a
// Fastify request decorator, so that each audience's context has its own type and no `declare module`.

import type { FastifyRequest } from 'fastify';

export interface SessionSlot<C> {
  set(request: FastifyRequest, state: { readonly context: C | null; readonly expired: boolean }): void;
  /** The request's session context, or null when it has none. */
  of(request: FastifyRequest): C | null;
  /** Whether the request's cookie named a session that just ended for idleness. */
  expired(request: FastifyRequest): boolean;
  /** For a handler behind the guard: the context, or a thrown error (a route registered without the guard). */
  require(request: FastifyRequest): C;
}

export function createSessionSlot<C>(audienceName: string): SessionSlot<C> {
  const states = new WeakMap<FastifyRequest, { readonly context: C | null; readonly expired: boolean }>();
  return {
    set: (request, state) => {
      states.set(request, state);
    },
    of: (request) => states.get(request)?.context ?? null,
    expired: (request) => states.get(request)?.expired ?? false,
    require(request) {
      const context = states.get(request)?.context ?? null;
      if (context === null) throw new Error(`a ${audienceName} route ran without its session guard`);
      return context;
    },
  };
}
