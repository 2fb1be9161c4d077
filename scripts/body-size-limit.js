/**
 * The request body limit `npm start` gives adapter-node unless BODY_SIZE_LIMIT is set (adapter-node's own
 * default, 512K, stops every image upload). 40M takes an image of MAX_IMAGE_BYTES (25 MiB) as base64 in
 * JSON (~33.4 MiB, as REST, tRPC and MCP send it) with room for a mask and the other fields, and the same
 * image as multipart/form-data; bigger bodies still answer 413 too_large before they are read.
 */
const MIB = 1024 * 1024;
export const DEFAULT_BODY_SIZE_LIMIT_BYTES = 40 * MIB;
export const DEFAULT_BODY_SIZE_LIMIT = `${DEFAULT_BODY_SIZE_LIMIT_BYTES / MIB}M`;

/**
 * `env` with BODY_SIZE_LIMIT defaulted, for the process that runs `node build`.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function withDefaultBodySizeLimit(env) {
  return { ...env, BODY_SIZE_LIMIT: env.BODY_SIZE_LIMIT || DEFAULT_BODY_SIZE_LIMIT };
}
