import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { useText } from '../i18n/i18n';
import { buttonLook, type ButtonVariant } from './ui';
import { fileText } from './i18n';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className' | 'children'> & {
  /** The button's words; 选择文件…… / Choose files… when not given. */
  label?: ReactNode;
  variant?: ButtonVariant;
  className?: string;
  inputRef?: Ref<HTMLInputElement>;
};

/**
 * A file picker that looks like the app's buttons, never the browser's "Choose Files" (which
 * Chromium writes in the system's language): a label worn as a button around a visually hidden
 * input. The input keeps its `id` (a Field's label still names it), Tab reaches it, Enter or
 * Space opens the picker, and the focus ring shows on the label.
 */
export function FileButton({ label, variant = 'secondary', className = '', inputRef, disabled, ...input }: Props) {
  const t = useText(fileText);
  return (
    <label className={`inline-flex cursor-pointer items-center gap-2 has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-teal-500 ${disabled ? 'pointer-events-none opacity-50' : ''} ${buttonLook(variant)} ${className}`}>
      <input ref={inputRef} type="file" className="sr-only" disabled={disabled} {...input} />
      {label ?? t.choose}
    </label>
  );
}
