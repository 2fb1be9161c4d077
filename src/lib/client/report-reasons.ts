import type { ReportReason } from './trpc';

/** Every reason a report can give, in the order the report dialog offers them, with the words people read. */
export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  sexual: 'Sexual content',
  violence: 'Violence or gore',
  hate: 'Hate',
  harassment: 'Harassment',
  self_harm: 'Self-harm',
  illegal: 'Illegal content',
  spam: 'Spam',
  other: 'Something else'
};

/** What the server takes at most in a report's details (MAX_REPORT_DETAILS_LENGTH, which browser code cannot import). */
export const MAX_REPORT_DETAILS_LENGTH = 1000;
