import { json } from '@sveltejs/kit';
import { startServer } from '../app';
import { bodyTooLarge } from '../api/http-limits';
import { toErrorBody } from '../api/middlewares/error-mapping';
import { CLIENT_IP_HEADER } from '../services/auth';
import type { Deps } from '../services/deps';
import { clientIp, requestProtocol, withSecureCookies } from './client-request';
import { clientAddress, type HttpEvent } from './context';

/**
 * The request with its body read into memory (within the size limit), for handlers that would turn a
 * refused body into a bare 500 of their own (better-auth).
 */
async function withBufferedBody(request: Request): Promise<Request> {
  if (!request.body) return request;
  let bytes: ArrayBuffer;
  try {
    bytes = await request.arrayBuffer();
  } catch (error) {
    throw bodyTooLarge(error) ?? error;
  }
  return new Request(request, { body: bytes });
}

/**
 * One request to better-auth's endpoints (`/api/auth/*`), with the client's address in `CLIENT_IP_HEADER`
 * (a client cannot set it) and `Secure` cookies when the browser used https.
 */
export async function answerAuthRequest(
  deps: Pick<Deps, 'auth' | 'config'>,
  request: Request,
  connectionAddress: string | null
): Promise<Response> {
  // Read here first: better-auth answers a body over the size limit with an empty 500.
  let buffered: Request;
  try {
    buffered = await withBufferedBody(request);
  } catch (error) {
    const body = toErrorBody(error);
    return json(body, { status: body.code });
  }
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  const ip = clientIp(request, connectionAddress, deps.config.auth);
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  const response = await deps.auth.handler(new Request(buffered, { headers }));
  return requestProtocol(request, deps.config) === 'https:' ? withSecureCookies(response) : response;
}

export async function handleAuthRequest(event: HttpEvent): Promise<Response> {
  return answerAuthRequest(await startServer(), event.request, clientAddress(event));
}
