import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, activeSpan } from '@waymark/telemetry';
import type { RequestContext } from '../context';

/**
 * Names the request's span (started around the whole GraphQL request in server.ts, so what a
 * resolver writes to an outbox carries its trace) after the operation, `mutation InviteMember`,
 * and records its type, the organisation it ran for and its error codes. Nothing a client typed
 * (variables, the query text) goes on the span. With tracing off there is no span and it does nothing.
 */
export function tracingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      const span = activeSpan();
      if (!span) return Promise.resolve();
      return Promise.resolve({
        didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? 'query';
          const name = operation?.name?.value ?? operationName ?? null;
          span.updateName(name ? `${type} ${name}` : type);
          span.setAttribute('graphql.operation.type', type);
          if (name) span.setAttribute('graphql.operation.name', name);
          return Promise.resolve();
        },
        willSendResponse({ contextValue, response }) {
          if (contextValue.organisationId) span.setAttribute('waymark.organisation.id', contextValue.organisationId);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (errors.length) {
            const codes = [...new Set(errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR')))];
            span.setAttribute('graphql.error.codes', codes);
            span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(' ') });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
