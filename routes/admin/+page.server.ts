import { error, redirect } from '@sveltejs/kit';
import { MAX_IMAGES_PER_REQUEST } from '$lib/server/api';
import { createServerCaller } from '$lib/server/http/context';
import { AUDIT_PAGE_SIZE, REPORT_PAGE_SIZE } from '$lib/client/constants';
import { signInHref } from '$lib/client/return-path';
import type { PageServerLoad } from './$types';

/**
 * Instance settings, every account with its policy, the report queue, the newest audit entries, and
 * the configured providers and models an account may be limited to.
 */
export const load: PageServerLoad = async (event) => {
  const { account } = await event.parent();
  if (!account) redirect(303, signInHref(event.url));
  if (account.role !== 'admin')
    error(403, 'The admin page is for admins; ask one if you need a limit or role changed.');
  const api = await createServerCaller(event);
  const [settings, users, reports, audit, providers] = await Promise.all([
    api.admin.getSettings(),
    api.admin.listUsers(),
    api.admin.reports({ limit: REPORT_PAGE_SIZE }),
    api.admin.auditLog({ limit: AUDIT_PAGE_SIZE }),
    api.providers.list()
  ]);
  return {
    account,
    settings,
    users,
    reports,
    audit,
    maxImagesPerRequest: MAX_IMAGES_PER_REQUEST,
    providers: providers.map((provider) => ({
      id: provider.id,
      label: provider.label,
      models: provider.models.map((model) => ({ id: `${provider.id}/${model.id}`, label: model.label }))
    }))
  };
};
