import { describe, expect, it } from 'vitest';
import { createJobNotifier } from './jobs';

describe(createJobNotifier.name, () => {
  it('should hand a delivery to the request waiting for that job only', async () => {
    const sut = createJobNotifier();
    const waiting = sut.waitFor('job-1');
    expect(sut.deliver('job-2', { id: 'job-2' })).toBe(false);
    expect(sut.deliver('job-1', { id: 'job-1' })).toBe(true);
    await expect(waiting).resolves.toStrictEqual({ id: 'job-1' });
    expect(sut.deliver('job-1', { id: 'job-1' })).toBe(false);
  });

  it('should stop waiting when the signal aborts', async () => {
    const sut = createJobNotifier();
    const controller = new AbortController();
    const waiting = sut.waitFor('job-1', controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(sut.deliver('job-1', {})).toBe(false);
  });
});
