import { createHash, randomUUID } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { describe, expect, it } from 'vitest';
import { startUpstashRestShim } from '../../scripts/upstash-rest-shim';
import { redisUnavailable, upstashTestConfig } from '../support/redis';

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const { url, token } = upstashTestConfig();
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body)
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const base64 = (text: string) => Buffer.from(text).toString('base64');
const uniqueKey = (label: string) => `shim-test:${randomUUID()}:${label}`;

describe.skipIf(redisUnavailable)(startUpstashRestShim.name, () => {
  it('should answer 401 to a wrong or missing bearer token', async () => {
    const wrong = await post('/', ['PING'], { authorization: 'Bearer not-the-token' });
    const { url } = upstashTestConfig();
    const missing = await fetch(url, { method: 'POST', body: '["PING"]' });

    expect(wrong).toStrictEqual({ status: 401, body: { error: 'Unauthorized' } });
    expect(missing.status).toBe(401);
  });

  it('should encode strings in base64 except OK when the client asks for it', async () => {
    const key = uniqueKey('encoding');

    const set = await post('/', ['SET', key, 'välue'], { 'upstash-encoding': 'base64' });
    const encoded = await post('/', ['GET', key], { 'upstash-encoding': 'base64' });
    const plain = await post('/', ['GET', key]);
    const pong = await post('/', ['PING'], { 'upstash-encoding': 'base64' });

    expect(set.body).toStrictEqual({ result: 'OK' });
    expect(encoded.body).toStrictEqual({ result: base64('välue') });
    expect(plain.body).toStrictEqual({ result: 'välue' });
    expect(pong.body).toStrictEqual({ result: base64('PONG') });
  });

  it('should answer a failing command with 400 and the Redis error', async () => {
    const failed = await post('/', ['INCR', uniqueKey('a'), 'extra']);

    expect(failed.status).toBe(400);
    expect(failed.body).toStrictEqual({ error: expect.stringMatching(/^ERR wrong number of arguments/) });
  });

  it('should answer each pipeline command with its own result or error', async () => {
    const key = uniqueKey('pipeline');

    const pipeline = await post('/pipeline', [
      ['SET', key, '1'],
      ['INCR', key],
      ['HGET', key, 'field']
    ]);

    expect(pipeline).toStrictEqual({
      status: 200,
      body: [{ result: 'OK' }, { result: 2 }, { error: expect.stringMatching(/^WRONGTYPE/) }]
    });
  });

  it('should run multi-exec commands as one transaction', async () => {
    const key = uniqueKey('transaction');

    const transaction = await post('/multi-exec', [
      ['INCR', key],
      ['INCRBY', key, 5],
      ['GET', key]
    ]);

    expect(transaction).toStrictEqual({ status: 200, body: [{ result: 1 }, { result: 6 }, { result: '6' }] });
  });

  it('should refuse commands that would change the state of the shared connection', async () => {
    const refused = await post('/pipeline', [['PING'], ['MULTI']]);

    expect(refused.status).toBe(400);
    expect(refused.body).toStrictEqual({ error: expect.stringContaining("'multi' is not supported") });
  });

  it('should run scripts with shebang flags Redis 7.0 does not know, by EVAL and by the original SHA', async () => {
    const redis = new Redis(upstashTestConfig());
    const script = "#!lua flags=allow-key-locking,no-cluster\nreturn redis.call('INCR', KEYS[1])";
    const sha = createHash('sha1').update(script).digest('hex');
    const key = uniqueKey('script');

    const evaluated = await redis.eval(script, [key], []);
    const bySha = await redis.evalsha(sha, [key], []);
    const loaded = await redis.scriptLoad(script);

    expect([evaluated, bySha]).toStrictEqual([1, 2]);
    expect(loaded).toBe(sha);
  });
});
