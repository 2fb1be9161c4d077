import Root from './auth-form.svelte';
import PasswordField from './password-field.svelte';

export { Root, PasswordField, Root as AuthForm };
export type { AuthFormMode, AuthFormProps } from './auth-form.svelte';
export type { PasswordFieldProps } from './password-field.svelte';
