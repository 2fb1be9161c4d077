import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/built-server';

describe('built server start-up', () => {
  it('should refuse to start on an invalid setting, naming the variable', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-bad-config-'));
    const child = spawn(process.execPath, ['build'], {
      env: { ...process.env, PORT: String(await freePort()), DATA_DIR: dataDir, IMAGE_CDN_URL: 'cdn.example.com' },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });

    expect(exitCode).not.toBe(0);
    expect(output).toContain('IMAGE_CDN_URL: must be an absolute http(s) URL');
  });
});
