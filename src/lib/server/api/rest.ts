import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { AppError } from '../errors';
import { toErrorBody } from './middlewares/error-mapping';
import { createServerCaller } from './server-context';
import type { ApiCaller } from './root';

/** Answers a REST request with the procedure's result as JSON, or the DESIGN.md error shape with its HTTP status. */
export async function respondWithProcedure(run: (api: ApiCaller) => Promise<unknown>): Promise<Response> {
  try {
    return json(await run(await createServerCaller()));
  } catch (error) {
    const body = toErrorBody(error);
    const headers: Record<string, string> = {};
    if (body.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(body.retryAfterMs / 1000));
    return json(body, { status: body.code, headers });
  }
}

/** The JSON body of a request checked against a procedure's input schema, or a validation error that says what is wrong. */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema
): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError('validation', 'The request body is not valid JSON; send a JSON object.');
  }
  return schema.parse(body);
}
