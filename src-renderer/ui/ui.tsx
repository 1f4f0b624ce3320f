import type { ButtonHTMLAttributes, ComponentProps, ReactNode } from 'react';
import { useId } from 'react';

/** The few building blocks every screen uses: large, high-contrast, keyboard-friendly. */

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

/** The classes of a button of `variant` (also worn by FileButton's label). */
export function buttonLook(variant: ButtonVariant): string {
  const look = {
    primary: 'bg-teal-700 text-white hover:bg-teal-800 disabled:bg-slate-400',
    secondary: 'bg-white text-teal-800 border border-teal-700 hover:bg-teal-50',
    ghost: 'text-slate-700 hover:bg-slate-200',
    danger: 'bg-rose-700 text-white hover:bg-rose-800',
  }[variant];
  return `whitespace-nowrap rounded-lg px-4 py-2 font-medium transition-colors disabled:cursor-not-allowed ${look}`;
}

export function Button({ variant = 'primary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type="button" className={`${buttonLook(variant)} ${className}`} {...props} />;
}

interface FieldProps {
  label: string;
  required?: boolean;
  error?: string | undefined;
  hint?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  className?: string;
  /** A field the form's "first empty field" focus considers (src-renderer/desk/CheckInForm.tsx). */
  'data-fill'?: boolean;
}

export function Field({ label, required, error, hint, children, className = '', 'data-fill': fill }: FieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`} data-fill={fill || undefined}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
        {required && (
          <span aria-hidden className="ml-1 text-rose-700">
            *
          </span>
        )}
      </label>
      {children(id, describedBy)}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

const inputLook = 'w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base focus:border-teal-600 aria-[invalid=true]:border-rose-600 aria-[invalid=true]:bg-rose-50';

export function TextInput({ invalid, className = '', ...props }: ComponentProps<'input'> & { invalid?: boolean }) {
  return <input className={`${inputLook} ${className}`} aria-invalid={invalid || undefined} {...props} />;
}

export function TextArea({ invalid, className = '', ...props }: ComponentProps<'textarea'> & { invalid?: boolean }) {
  return <textarea rows={2} className={`${inputLook} ${className}`} aria-invalid={invalid || undefined} {...props} />;
}

export function Select({ invalid, className = '', ...props }: ComponentProps<'select'> & { invalid?: boolean }) {
  return <select className={`${inputLook} ${className}`} aria-invalid={invalid || undefined} {...props} />;
}

/** A row of mutually exclusive choices (radio buttons that look like big toggles). */
export function Choice<const T extends string>({ name, value, options, onChange, label }: { name: string; value: T | null; options: { value: T; label: string; key?: string }[]; onChange(v: NoInfer<T>): void; label: string }) {
  return (
    <div role="radiogroup" aria-label={label} className="flex flex-wrap gap-2">
      {options.map((o) => (
        <label key={o.value} className={`relative cursor-pointer rounded-lg border px-4 py-2 text-base has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-teal-500 ${value === o.value ? 'border-teal-700 bg-teal-700 text-white' : 'border-slate-300 bg-white hover:border-teal-600'}`}>
          <input type="radio" className="absolute inset-0 cursor-pointer opacity-0" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
          {o.key && <kbd className="ml-2 text-xs opacity-70">{o.key}</kbd>}
        </label>
      ))}
    </div>
  );
}

/** A panel opened under a row (a visitor's actions, a serving): Esc closes it; Ctrl+Enter does its main action, if it has one. */
export function RowPanel({ label, testId, onClose, onSubmit, children }: { label: string; testId: string; onClose(): void; onSubmit?: () => void; children: ReactNode }) {
  return (
    <div
      role="group"
      aria-label={label}
      data-testid={testId}
      className="mt-2 space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-300"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        } else if (onSubmit && e.key === 'Enter' && e.ctrlKey) {
          e.preventDefault();
          onSubmit();
        }
      }}
    >
      {children}
    </div>
  );
}

export function Panel({ title, actions, children, className = '' }: { title: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`flex min-h-0 flex-col rounded-xl bg-white shadow-sm ring-1 ring-slate-200 ${className}`}>
      <header className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 className="min-w-0 text-lg font-bold text-slate-800">{title}</h2>
        {actions}
      </header>
      <div className="min-h-0 flex-1 overflow-auto p-5">{children}</div>
    </section>
  );
}

export function Banner({ tone, children }: { tone: 'error' | 'info' | 'success'; children: ReactNode }) {
  const look = { error: 'bg-rose-50 text-rose-800 ring-rose-200', info: 'bg-sky-50 text-sky-900 ring-sky-200', success: 'bg-emerald-50 text-emerald-900 ring-emerald-200' }[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-lg px-4 py-2 ring-1 ${look}`}>
      {children}
    </div>
  );
}

/** A row of tabs (←/→ move between them); the caller renders the chosen panel. */
/** `wrap`: a long row (参考数据's seven tabs in English) goes on to a second line within its column instead of running past it. */
export function TabList<const T extends string>({ label, tabs, value, onChange, wrap = false }: { label: string; tabs: readonly { value: T; label: string }[]; value: T; onChange(v: NoInfer<T>): void; wrap?: boolean }) {
  const prefix = useId();
  const move = (step: number) => {
    const i = tabs.findIndex((t) => t.value === value);
    const next = tabs[(i + step + tabs.length) % tabs.length]!;
    onChange(next.value);
    document.getElementById(`${prefix}-${next.value}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={`flex gap-2 ${wrap ? 'flex-wrap' : ''}`}>
      {tabs.map((t) => (
        <button
          key={t.value}
          id={`${prefix}-${t.value}`}
          type="button"
          role="tab"
          aria-selected={t.value === value}
          tabIndex={t.value === value ? 0 : -1}
          onClick={() => onChange(t.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
              e.preventDefault();
              move(e.key === 'ArrowRight' ? 1 : -1);
            }
          }}
          // A tab's name never wraps (服务数据周报（各机构） at 1366 px): the row beside it gives way.
          className={`shrink-0 rounded-lg px-4 py-2 font-medium whitespace-nowrap ${t.value === value ? 'bg-teal-700 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-300 hover:ring-teal-600'}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
