import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/fakes/provider-test-kit';
import { ProviderError } from '../errors';
import { failureUnder, startDeadline, underDeadline } from './deadline';

const VENDOR = { providerId: 'vendor', label: 'Vendor' };

/** Settles when `signal` aborts, with its reason. */
function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));
}

/** Work that never ends by itself: it rejects with the reason its signal aborts with. */
const endless = (signal: AbortSignal) => aborted(signal).then((reason) => Promise.reject(reason));

describe(startDeadline.name, () => {
  it('should end a call that runs out of time with the timeout error, which may have been billed', async () => {
    const caller = new AbortController();
    const sut = startDeadline(20, caller.signal);

    const error = await rejectionOf(underDeadline(sut, VENDOR, endless));

    expect(sut.cause).toStrictEqual({ kind: 'timeout', timeoutMs: 20 });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'provider_unavailable', providerId: 'vendor', beforePaidWork: false });
    expect((error as Error).message).toBe('Vendor did not answer within 0 s; try again, or raise the timeout.');
  });

  it("should pass the caller's abort on unchanged, never as a timeout", async () => {
    const caller = new AbortController();
    const sut = startDeadline(60_000, caller.signal);
    const left = new DOMException('The user left.', 'AbortError');

    const pending = rejectionOf(underDeadline(sut, VENDOR, endless));
    caller.abort(left);

    expect(await pending).toBe(left);
    expect(sut.cause).toStrictEqual({ kind: 'aborted', reason: left });
  });

  it('should start aborted when the caller already gave up', () => {
    const caller = new AbortController();
    caller.abort('gone');

    const sut = startDeadline(60_000, caller.signal);

    expect([sut.signal.aborted, sut.cause]).toStrictEqual([true, { kind: 'aborted', reason: 'gone' }]);
  });

  it('should time out an inner limit on its own time, leaving the call running', async () => {
    const call = startDeadline(60_000);
    const sut = call.within(20);

    const error = await rejectionOf(underDeadline(sut, VENDOR, endless));

    expect((error as Error).message).toBe('Vendor did not answer within 0 s; try again, or raise the timeout.');
    expect([call.signal.aborted, call.cause]).toStrictEqual([false, undefined]);
  });

  it("should end an inner limit with the call's own cause: the caller's abort, or the call's timeout", async () => {
    const caller = new AbortController();
    const abortedInner = startDeadline(60_000, caller.signal).within(60_000);
    const timedOutInner = startDeadline(20).within(60_000);

    caller.abort('gone');
    await aborted(timedOutInner.signal);

    expect(abortedInner.cause).toStrictEqual({ kind: 'aborted', reason: 'gone' });
    expect(timedOutInner.cause).toStrictEqual({ kind: 'timeout', timeoutMs: 20 });
  });
});

describe(failureUnder.name, () => {
  it("should keep the vendor's own answer even when the deadline ended afterwards", async () => {
    const sut = startDeadline(20);
    const refusal = new ProviderError('provider_error', 'Vendor refused the request.', {
      providerId: 'vendor',
      beforePaidWork: true
    });
    await aborted(sut.signal);

    expect(failureUnder(sut, VENDOR, refusal)).toBe(refusal);
  });

  it("should leave an error the deadline did not cause to the adapter's own mapping", () => {
    const sut = startDeadline(60_000);
    const reset = new Error('socket hang up');

    expect(failureUnder(sut, VENDOR, reset, (error) => ({ mapped: error }))).toStrictEqual({ mapped: reset });
  });
});
