import type http from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import type { RequestContext } from '../context';
import { QUERY_LIMITS, tooManyTokens } from '../graphql/limits';
import type { RequestTrace } from './observe';

export const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(Object.assign(new Error('body too large'), { status: 413 }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A JSON error for a request that never reached GraphQL (bad JSON, too large). */
export function sendRequestError(res: http.ServerResponse, status: number, message: string, code: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * GraphQL over HTTP straight on node:http: Apollo's own request handling (`executeHTTPGraphQLRequest`)
 * with the body read here, without express's per-request work (routing, an ETag hash of every
 * answer). The express app serves everything else.
 */
export function graphqlHandler(
  apollo: ApolloServer<RequestContext>,
  context: (req: http.IncomingMessage, trace: RequestTrace) => Promise<RequestContext>,
): (req: http.IncomingMessage, res: http.ServerResponse, search: string, trace: RequestTrace) => Promise<void> {
  return async (req, res, search, trace) => {
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req);
      } catch (error) {
        const status = (error as { status?: number }).status ?? 400;
        sendRequestError(res, status, status === 413 ? `The request body is larger than ${MAX_BODY_BYTES} bytes` : 'The request body could not be read', 'BAD_REQUEST');
        return;
      }
      const type = String(req.headers['content-type'] ?? '');
      if (type.includes('application/json')) {
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          sendRequestError(res, 400, 'The request body is not valid JSON', 'BAD_REQUEST');
          return;
        }
      } else {
        body = text;
      }
    }
    const query = (body as { query?: unknown } | undefined)?.query ?? new URLSearchParams(search).get('query');
    if (tooManyTokens(query)) {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ errors: [{ message: `Token limit of ${QUERY_LIMITS.tokens} exceeded.`, extensions: { code: 'BAD_USER_INPUT', limit: 'tokens', max: QUERY_LIMITS.tokens } }] }));
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body },
      context: () => context(req, trace),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
