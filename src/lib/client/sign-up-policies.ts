import type { SignUpPolicy } from './trpc';

/** The sign-up policies as the Admin page and the first-run form offer them: the recommended one first. */
export const SIGN_UP_POLICIES: Array<{ value: SignUpPolicy; label: string; note: string }> = [
  { value: 'invite', label: 'Invite only', note: 'Only people with an invite link can create an account.' },
  { value: 'open', label: 'Open', note: 'Anyone who can reach this Atelier can create an account.' },
  { value: 'closed', label: 'Closed', note: 'No one can sign up; existing accounts keep working.' }
];

/** What a new instance recommends: people join through the admin's invite links. */
export const RECOMMENDED_SIGN_UP_POLICY: SignUpPolicy = 'invite';
