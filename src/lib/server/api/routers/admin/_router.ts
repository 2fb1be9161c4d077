import { adminProcedure, router } from '../../trpc';
import {
  auditLogHandler,
  createInviteHandler,
  decideReportHandler,
  getSettingsHandler,
  listUsersHandler,
  reportsHandler,
  updateSettingsHandler,
  updateUserHandler
} from './admin.handler';
import {
  ZAuditLogInput,
  ZCreateInviteInput,
  ZDecideReportInput,
  ZReportsInput,
  ZUpdateSettingsInput,
  ZUpdateUserInput
} from './admin.schema';

export const adminRouter = router({
  listUsers: adminProcedure.query(listUsersHandler),
  updateUser: adminProcedure.input(ZUpdateUserInput).mutation(updateUserHandler),
  getSettings: adminProcedure.query(getSettingsHandler),
  updateSettings: adminProcedure.input(ZUpdateSettingsInput).mutation(updateSettingsHandler),
  createInvite: adminProcedure.input(ZCreateInviteInput).mutation(createInviteHandler),
  auditLog: adminProcedure.input(ZAuditLogInput).query(auditLogHandler),
  /** The report queue: open reports first, with each image's thumbnail and reporter. */
  reports: adminProcedure.input(ZReportsInput).query(reportsHandler),
  /** Hides a reported image, dismisses a report or restores a hidden image; audited. */
  decideReport: adminProcedure.input(ZDecideReportInput).mutation(decideReportHandler)
});
