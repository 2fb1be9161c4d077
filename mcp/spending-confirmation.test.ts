import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActorCaller } from '$lib/server/api';
import { budgetReservations, generatedImages } from '$lib/server/db/schema';
import { callTool, connectMcpClient, imagesOf, textOf } from '$tests/support/mcp-client';
import { createPaidTestProvider, PAID_PREMIUM_MODEL, type PaidTestProvider } from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';

/** 3 premium images at $0.08 = $0.24, above the $0.10 threshold; one standard image ($0.04) is under it. */
const COSTLY = { prompt: 'a paid harbour', provider: 'paid', model: PAID_PREMIUM_MODEL, count: 3 };

let provider: PaidTestProvider;
let deps: TestDeps;
let asking: Client;
let plain: Client;
let answer: ElicitResult['action'];
const asked: ElicitRequest['params'][] = [];

beforeAll(async () => {
  provider = createPaidTestProvider();
  deps = await createTestDeps({ providers: [provider], env: { CONFIRM_SPEND_ABOVE_USD: '0.1' } });
  const client = new Client({ name: 'eliciting', version: '0.0.0' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, (request) => {
    asked.push(request.params);
    return { action: answer };
  });
  asking = await connectMcpClient(deps, deps.actor, client);
  plain = await connectMcpClient(deps);
});

beforeEach(() => {
  provider.calls.length = 0;
  asked.length = 0;
});

afterAll(async () => {
  await asking?.close();
  await plain?.close();
  await deps?.close();
});

async function spent() {
  const [rows, reservations] = await Promise.all([
    deps.db.select().from(generatedImages),
    deps.db.select().from(budgetReservations)
  ]);
  return { rows: rows.length, reservations: reservations.length };
}

describe('spending confirmation', () => {
  it('should ask before a call above the threshold and make the images once accepted', async () => {
    answer = 'accept';

    const result = await callTool(asking, 'generate_image', COSTLY);

    expect(asked.map((params) => params.message)).toStrictEqual([
      `This will cost about $0.24 (3 × paid/${PAID_PREMIUM_MODEL}, 64x64). Continue?`
    ]);
    expect(imagesOf(result).map((image) => [image.status, image.costUsd])).toStrictEqual([
      ['completed', 0.08],
      ['completed', 0.08],
      ['completed', 0.08]
    ]);
    expect(provider.calls.length).toBe(1);
  });

  it.each(['decline', 'cancel'] as const)(
    'should make and spend nothing when the person answers %s',
    async (action) => {
      answer = action;
      const before = await spent();

      const result = await callTool(asking, 'generate_image', COSTLY);

      expect(asked.length).toBe(1);
      expect(imagesOf(result)).toStrictEqual([]);
      expect(textOf(result)).toMatch(
        /^Not run: the user (declined|dismissed) spending about \$0\.24 .*Nothing was made or charged\.$/
      );
      expect(provider.calls).toStrictEqual([]);
      expect(await spent()).toStrictEqual(before);
    }
  );

  it('should refuse a client without elicitation, naming the estimate and how to go ahead, and spend nothing', async () => {
    const before = await spent();

    const result = await callTool(plain, 'generate_image', COSTLY);

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^budget_exceeded: This call would cost about \$0\.24 .* the user's confirmation threshold of \$0\.1, /
    );
    expect(textOf(result)).toContain('confirmCostUsd: 0.24');
    expect(provider.calls).toStrictEqual([]);
    expect(await spent()).toStrictEqual(before);
  });

  it('should run without asking when confirmCostUsd covers the estimate, or the call is under the threshold', async () => {
    const confirmed = await callTool(plain, 'generate_image', { ...COSTLY, confirmCostUsd: 0.24 });
    const cheap = await callTool(asking, 'generate_image', { prompt: 'a cheap harbour', provider: 'paid' });

    expect(imagesOf(confirmed).length).toBe(3);
    expect(imagesOf(cheap).map((image) => image.costUsd)).toStrictEqual([0.04]);
    expect(asked).toStrictEqual([]);
  });

  it("should follow the user's own threshold when an admin set one, and the instance's again once cleared", async () => {
    const api = createActorCaller(deps, deps.actor);
    await api.admin.updateUser({ id: deps.actor.id, patch: { confirmSpendAboveUsd: 0.3 } });

    const allowed = await callTool(plain, 'generate_image', COSTLY);
    await api.admin.updateUser({ id: deps.actor.id, patch: { confirmSpendAboveUsd: null } });
    const refused = await callTool(plain, 'generate_image', COSTLY);

    expect(imagesOf(allowed).length).toBe(3);
    expect(textOf(refused)).toMatch(/^budget_exceeded: .* threshold of \$0\.1, /);
  });

  it('should guard the editing tools the same way', async () => {
    const [source] = imagesOf(await callTool(plain, 'generate_image', { prompt: 'a source', provider: 'paid' }));

    const result = await callTool(plain, 'edit_image', {
      editType: 'vary',
      image: source!.id,
      provider: 'paid',
      model: 'paid-editor',
      count: 4
    });

    expect(textOf(result)).toMatch(/^budget_exceeded: This call would cost about \$0\.16 /);
    expect(provider.editCalls).toStrictEqual([]);
  });
});
