import { adminProcedure, router } from '../../trpc';
import {
  auditLogHandler,
  createInviteHandler,
  getSettingsHandler,
  listUsersHandler,
  updateSettingsHandler,
  updateUserHandler
} from './admin.handler';
import { ZAuditLogInput, ZCreateInviteInput, ZUpdateSettingsInput, ZUpdateUserInput } from './admin.schema';

export const adminRouter = router({
  listUsers: adminProcedure.query(listUsersHandler),
  updateUser: adminProcedure.input(ZUpdateUserInput).mutation(updateUserHandler),
  getSettings: adminProcedure.query(getSettingsHandler),
  updateSettings: adminProcedure.input(ZUpdateSettingsInput).mutation(updateSettingsHandler),
  createInvite: adminProcedure.input(ZCreateInviteInput).mutation(createInviteHandler),
  auditLog: adminProcedure.input(ZAuditLogInput).query(auditLogHandler)
});
