import {
  getInstanceSettings,
  listAuditLog,
  listUsers,
  updateInstanceSettings,
  updateUser
} from '../../../services/admin';
import type { Deps } from '../../../services/deps';
import { decideImageReport, listReportQueue } from '../../../services/reports';
import { createInvite } from '../../../services/sign-up';
import type { Actor } from '../../../services/users';
import type { AuthMethod } from '../../context';
import type {
  TAuditLogInput,
  TCreateInviteInput,
  TDecideReportInput,
  TReportsInput,
  TUpdateSettingsInput,
  TUpdateUserInput
} from './admin.schema';

type Ctx = { deps: Deps; user: Actor; authMethod: AuthMethod | null };

export function listUsersHandler({ ctx }: { ctx: Ctx }) {
  return listUsers(ctx.deps);
}

export function updateUserHandler({ ctx, input }: { ctx: Ctx; input: TUpdateUserInput }) {
  return updateUser(ctx.deps, ctx.user, input.id, input.patch, { viaApiKey: ctx.authMethod === 'api_key' });
}

export function getSettingsHandler({ ctx }: { ctx: Ctx }) {
  return getInstanceSettings(ctx.deps);
}

export function updateSettingsHandler({ ctx, input }: { ctx: Ctx; input: TUpdateSettingsInput }) {
  return updateInstanceSettings(ctx.deps, ctx.user, input);
}

export function createInviteHandler({ ctx, input }: { ctx: Ctx; input: TCreateInviteInput }) {
  return createInvite(ctx.deps, ctx.user, input);
}

export function auditLogHandler({ ctx, input }: { ctx: Ctx; input: TAuditLogInput }) {
  return listAuditLog(ctx.deps, input);
}

export function reportsHandler({ ctx, input }: { ctx: Ctx; input: TReportsInput }) {
  return listReportQueue(ctx.deps, input);
}

export function decideReportHandler({ ctx, input }: { ctx: Ctx; input: TDecideReportInput }) {
  return decideImageReport(ctx.deps, ctx.user, input);
}
