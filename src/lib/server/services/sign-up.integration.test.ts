import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createInvite, INVITE_TTL_MS, inviteRecipient } from './sign-up';

let now = new Date('2026-12-02T10:00:00Z');
let deps: TestDeps;
beforeEach(async () => {
  now = new Date('2026-12-02T10:00:00Z');
  deps = await createTestDeps({ now: () => now });
});
afterEach(async () => {
  await deps?.close();
});

describe.skipIf(postgresUnavailable)(inviteRecipient.name, () => {
  it('should name the address an invite is for, in lower case', async () => {
    const { code } = await createInvite(deps, deps.actor, { email: 'Bo@Example.com' });

    expect(await inviteRecipient(deps, code)).toStrictEqual({ email: 'bo@example.com' });
  });

  it('should answer null for an invite anyone with the link may use', async () => {
    const { code } = await createInvite(deps, deps.actor, {});

    expect(await inviteRecipient(deps, code)).toStrictEqual({ email: null });
  });

  it('should know no unknown or expired invite', async () => {
    const { code } = await createInvite(deps, deps.actor, { email: 'bo@example.com' });
    now = new Date(now.getTime() + INVITE_TTL_MS + 1);

    expect(await inviteRecipient(deps, code)).toBeUndefined();
    expect(await inviteRecipient(deps, 'not-an-invite')).toBeUndefined();
  });
});
